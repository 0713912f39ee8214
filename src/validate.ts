import { z } from 'zod'
import { InvalidDefinitionError } from './errors.js'

/**
 * Parses `data` with `schema` at a trust boundary (bundled data, user files, saved reports).
 * @param what names the thing in the error, e.g. `log format vsftpd` or `ftplog.config.json`.
 * @throws InvalidDefinitionError (or the error `makeError` builds) with zod's field-by-field message.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
  what: string,
  makeError: (message: string) => Error = (m) => new InvalidDefinitionError(m),
): T {
  const result = schema.safeParse(data)
  if (!result.success) throw makeError(`Invalid ${what}:\n${z.prettifyError(result.error)}`)
  return result.data
}
