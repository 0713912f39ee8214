import { validate } from '../validate.js'
import replyCodesJson from './reply-codes.json' with { type: 'json' }
import replyDigitsJson from './reply-digits.json' with { type: 'json' }
import { replyDigitsSchema, replyTableSchema, type ReplyDigits, type ReplyTable } from './schema.js'

/**
 * The bundled reply-code table and reply-digit labels, validated and with their defaults filled
 * in; new objects on every call. The build runs this once and puts its result in the bundle
 * instead (`PRECOMPILED` in tsup.config.ts); the tests run it as written.
 * @throws InvalidDefinitionError when the bundled data fails its schema (a bug, caught by tests).
 */
export function bundledReplyData(): { table: ReplyTable; digits: ReplyDigits } {
  return {
    table: validate(replyTableSchema, replyCodesJson, 'reply-code table'),
    digits: validate(replyDigitsSchema, replyDigitsJson, 'reply-digit labels'),
  }
}
