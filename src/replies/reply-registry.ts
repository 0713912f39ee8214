import { bundledReplyData } from './bundled-replies.js'
import { replyRegistryOf, type ReplyRegistry } from './reply-lookup.js'
import { replyDigitsSchema, replyTableSchema, type ReplyTable } from './schema.js'
import { validate } from '../validate.js'

export type { ReplyDescription, ReplyRegistry } from './reply-lookup.js'
export type { ReplyTable }

/**
 * A registry of the bundled reply table (validated by the build, see {@link bundledReplyData}),
 * or of a caller's table and digit labels, validated here ({@link replyRegistryOf}).
 * @throws InvalidDefinitionError when the table fails its zod schema or repeats a code.
 */
export function createReplyRegistry(table?: unknown, digits?: unknown): ReplyRegistry {
  const bundled = table === undefined || digits === undefined ? bundledReplyData() : undefined
  const parsedTable = table === undefined ? bundled!.table : validate(replyTableSchema, table, 'reply-code table')
  const parsedDigits = digits === undefined ? bundled!.digits : validate(replyDigitsSchema, digits, 'reply-digit labels')
  return replyRegistryOf(parsedTable, parsedDigits)
}
