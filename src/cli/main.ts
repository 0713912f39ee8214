import type { ExitCode } from './exit-codes.js'
import type { CliIO } from './io.js'
import { printError } from './print-error.js'
import { createProgram } from './program.js'
import { suggestCommand } from './suggest-command.js'
import { UsageError } from '../errors.js'

export type { CliIO } from './io.js'
export { nodeIO } from './node-io.js'

/**
 * Runs ftplog with `argv` (without `node` and the script) and returns the exit code. Never calls
 * `process.exit`; `bin/ftplog.js` sets `process.exitCode` from the result.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  let exitCode: ExitCode = 0
  let interruptHandled = false
  const program = createProgram(io, (code, options) => {
    exitCode = code
    interruptHandled = options?.interruptHandled ?? false
  })
  try {
    const meant = suggestCommand(argv[0], program.commands.map((c) => c.name()))
    if (meant !== undefined) throw new UsageError(`unknown command ${JSON.stringify(argv[0])}; did you mean ${JSON.stringify(meant)}? (see ftplog --help)`)
    await program.parseAsync([...argv], { from: 'user' })
    // An interrupted run exits 130 (its output, if any, was cut short), except `--follow`,
    // which an interrupt ends normally.
    if (io.signal?.aborted && !interruptHandled) return 130
    return exitCode
  } catch (error) {
    if (io.signal?.aborted) return 130
    return printError(error, io)
  }
}
