import { UsageError } from '../errors.js'

/**
 * Checks a reply code typed by a user: three digits, the first 1–6 (RFC 959 §4.2 plus RFC 2228's
 * class 6). Returns it as a string.
 * @throws UsageError with a one-line message naming the argument, for `42`, `abc`, `700`, `0421`.
 */
export function parseReplyCode(input: string, what = 'reply code'): string {
  const code = input.trim()
  if (/^[1-6][0-9][0-9]$/.test(code)) return code
  throw new UsageError(
    `${JSON.stringify(input)} is not a ${what}: FTP reply codes are three digits with a first digit of 1-6 (for example 421).`,
  )
}
