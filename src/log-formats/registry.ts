import { InvalidDefinitionError, UsageError } from '../errors.js'
import { bundledLogFormats } from './bundled-log-formats.js'
import { checkLogFormatSamples } from './check-samples.js'
import { compareDetectionPriority } from './detect.js'
import type { LogFormatDefinition } from './schema.js'
import { validateLogFormat } from './validate-log-format.js'

/** The known log formats. Build with {@link createLogFormatRegistry}. */
export interface LogFormatRegistry {
  /** Definitions in detection order: descending `priority`, then name. */
  list(): readonly LogFormatDefinition[]
  /**
   * The definition called `name`.
   * @throws UsageError listing the known names when there is none.
   */
  get(name: string): LogFormatDefinition
  /** Names in detection order. */
  names(): readonly string[]
}

/**
 * Validates definitions and indexes them in detection order: `extra` (e.g. a `--template` log
 * format, a caller's own definitions) and `bundled` (default: the bundled ones). Each `extra`
 * definition is also checked against its own samples, so a custom log format that does not parse
 * its samples as declared fails here, not mid-analysis. `bundled` ones are not: the bundled
 * definitions are checked by the tests, and a worker thread passes the main thread's
 * already-checked list as `bundled`.
 * @throws InvalidDefinitionError when a definition fails its schema, does not compile, fails a
 *   sample (naming the definition and the sample), or a name repeats.
 */
export function createLogFormatRegistry(extra: readonly unknown[] = [], bundled?: readonly unknown[]): LogFormatRegistry {
  const own = extra.map((raw) => validateLogFormat(raw))
  const base = bundled === undefined ? bundledLogFormats() : bundled.map((raw) => validateLogFormat(raw))
  const byName = new Map<string, LogFormatDefinition>()
  for (const def of [...own, ...base]) {
    if (byName.has(def.name)) throw new InvalidDefinitionError(`log format ${def.name} is defined twice`)
    byName.set(def.name, def)
  }
  const defs = [...own, ...base].sort(compareDetectionPriority)
  for (const def of own) checkLogFormatSamples(def, defs)
  const names = defs.map((d) => d.name)
  return {
    list: () => defs,
    names: () => names,
    get(name) {
      const def = byName.get(name)
      if (!def) throw new UsageError(`unknown log format ${JSON.stringify(name)}; known: ${names.join(', ')}`)
      return def
    },
  }
}
