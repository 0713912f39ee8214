import { bundledLogFormats } from './bundled-log-formats.js'
import { indexLogFormats, type LogFormatRegistry } from './index-log-formats.js'
import { validateLogFormat } from './validate-log-format.js'

export type { LogFormatRegistry }

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
  return indexLogFormats(own, bundled === undefined ? bundledLogFormats() : bundled.map((raw) => validateLogFormat(raw)))
}
