import { validate } from '../validate.js'
import { logFormatDefinitionSchema, type LogFormatDefinition } from './schema.js'

/**
 * Validates one definition against {@link logFormatDefinitionSchema}.
 * @throws InvalidDefinitionError naming the definition (`log format NAME`) with zod's field-by-field message.
 */
export function validateLogFormat(raw: unknown): LogFormatDefinition {
  const name = (raw as { name?: unknown } | null)?.name
  return validate(logFormatDefinitionSchema, raw, `log format ${typeof name === 'string' ? name : '(unnamed)'}`)
}
