import { Command } from 'commander'
import { VERSION } from '../version.js'
import { registerAnalyze } from './commands/analyze.js'
import { registerCheckConfig } from './commands/check-config.js'
import { registerCodes } from './commands/codes.js'
import { registerCompare } from './commands/compare.js'
import { registerExplain } from './commands/explain.js'
import { registerFormats } from './commands/formats.js'
import { registerMerge } from './commands/merge.js'
import { registerSchema } from './commands/schema.js'
import { EXIT_CODES_HELP, type ExitCode } from './exit-codes.js'
import type { CliIO } from './io.js'

/** Builds the commander program; commands report their exit code through `setExit`. */
export function createProgram(io: CliIO, setExit: (code: ExitCode, options?: { interruptHandled?: boolean }) => void): Command {
  const program = new Command()
    .name('ftplog')
    .description('Turn FTP server logs and client transcripts into 421/426 incident reports.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `ftplog: ${s}` : s),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n`)
  registerAnalyze(program, io, setExit)
  registerMerge(program, io, setExit)
  registerFormats(program, io, setExit)
  registerSchema(program, io, setExit)
  registerExplain(program, io, setExit)
  registerCompare(program, io, setExit)
  registerCodes(program, io, setExit)
  registerCheckConfig(program, io, setExit)
  for (const cmd of program.commands) cmd.exitOverride()
  return program
}
