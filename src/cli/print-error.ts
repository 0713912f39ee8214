import { CommanderError } from 'commander'
import { FtplogError } from '../errors.js'
import { stripControlChars } from '../formatters/escape.js'
import type { ExitCode } from './exit-codes.js'
import { wordError } from './messages.js'
import type { CliIO } from './io.js'

/**
 * Reports an error from a command and returns its exit code: expected errors as one line without
 * a stack (exit 2; control characters other than line breaks shown as escapes, since a message
 * may name a path or value from outside, such as a file found in a folder), commander's own (help and version exit 0, usage errors 2, already printed),
 * and anything else as a bug with its stack (exit 2).
 */
export function printError(error: unknown, io: CliIO): ExitCode {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
    return 2
  }
  if (error instanceof FtplogError) {
    // Line by line: some messages list one problem per line (an invalid report's fields).
    io.stderr.write(`ftplog: ${wordError(error).split('\n').map(stripControlChars).join('\n')}\n`)
    return 2
  }
  if (error instanceof Error && error.name === 'AbortError') return 130
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  io.stderr.write(`ftplog: internal error, please report it with the command you ran:\n${detail}\n`)
  return 2
}
