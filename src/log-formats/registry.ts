import { UsageError } from '../errors.js'
import { validate } from '../validate.js'
import proftpdExtended from './definitions/proftpd-extended.json' with { type: 'json' }
import proftpdSystem from './definitions/proftpd-system.json' with { type: 'json' }
import proftpdTrace from './definitions/proftpd-trace.json' with { type: 'json' }
import vsftpd from './definitions/vsftpd.json' with { type: 'json' }
import xferlog from './definitions/xferlog.json' with { type: 'json' }
import { logFormatDefinitionSchema, type LogFormatDefinition } from './schema.js'

/**
 * The bundled log-format definitions, in detection priority order (ties in detection go to the
 * earlier one). Each is validated when a registry is created.
 */
export const BUNDLED_LOG_FORMATS: readonly unknown[] = [vsftpd, xferlog, proftpdSystem, proftpdExtended, proftpdTrace]

/** The known log formats. Build with {@link createLogFormatRegistry}. */
export interface LogFormatRegistry {
  /** Definitions in detection priority order. */
  list(): readonly LogFormatDefinition[]
  /**
   * The definition called `name`.
   * @throws UsageError listing the known names when there is none.
   */
  get(name: string): LogFormatDefinition
  names(): readonly string[]
}

/**
 * Validates definitions (the bundled ones, then `extra`, e.g. a `--template` format) and indexes them.
 * @throws InvalidDefinitionError when a definition fails its schema or a name repeats.
 */
export function createLogFormatRegistry(extra: readonly unknown[] = [], bundled: readonly unknown[] = BUNDLED_LOG_FORMATS): LogFormatRegistry {
  const defs: LogFormatDefinition[] = []
  const byName = new Map<string, LogFormatDefinition>()
  for (const raw of [...extra, ...bundled]) {
    const name = (raw as { name?: unknown }).name
    const def = validate(logFormatDefinitionSchema, raw, `log format ${typeof name === 'string' ? name : '(unnamed)'}`)
    if (byName.has(def.name)) throw new UsageError(`log format ${def.name} is defined twice`)
    byName.set(def.name, def)
    defs.push(def)
  }
  return {
    list: () => defs,
    names: () => defs.map((d) => d.name),
    get(name) {
      const def = byName.get(name)
      if (!def) throw new UsageError(`unknown log format ${JSON.stringify(name)}; known: ${defs.map((d) => d.name).join(', ')}`)
      return def
    },
  }
}
