import { BUNDLED_LOG_FORMATS } from './definitions/index.js'
import type { LogFormatDefinition } from './schema.js'
import { validateLogFormat } from './validate-log-format.js'

/**
 * The bundled log-format definitions, validated and with their defaults filled in, in file order;
 * new objects on every call. The build runs this once and puts its result in the bundle instead
 * (`PRECOMPILED` in tsup.config.ts); the tests run it as written.
 * @throws InvalidDefinitionError when a bundled definition fails its schema (a bug, caught by tests).
 */
export function validatedBundledLogFormats(): LogFormatDefinition[] {
  return BUNDLED_LOG_FORMATS.map((raw) => validateLogFormat(raw))
}
