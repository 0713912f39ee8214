import { InvalidDefinitionError, UsageError } from '../errors.js'
import { checkLogFormatSamples } from './check-samples.js'
import { compareDetectionPriority } from './detect.js'
import type { LogFormatDefinition } from './schema.js'

/** The known log formats. Build with `createLogFormatRegistry` (registry.ts) or {@link indexLogFormats}. */
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
 * Indexes definitions that are already validated (by `createLogFormatRegistry`, or the bundled
 * ones, validated by the build) in detection order. Each `own` definition is checked against its
 * own samples; `base` ones are not (the bundled definitions are checked by the tests, and a worker
 * thread receives the main thread's already-checked list). Loads no schema, so an analysis of the
 * bundled log formats does not load zod.
 * @throws InvalidDefinitionError when a definition fails a sample (naming the definition and the
 *   sample) or a name repeats.
 */
export function indexLogFormats(own: readonly LogFormatDefinition[], base: readonly LogFormatDefinition[]): LogFormatRegistry {
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
