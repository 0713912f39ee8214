import type { Command } from 'commander'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import type { ReferenceFlags } from '../reference-flags.js'

/** Registers `ftplog compare <a> <b>`: two reply codes side by side. */
export function registerCompare(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('compare')
    .description('compare two FTP reply codes: classes, meanings, when you see each, how to fix each')
    .argument('<codes...>', 'two reply codes, e.g. 200 426')
    .option('-f, --formatter <name>', 'text, json or markdown', 'text')
    .option('--lang <lang>', 'language of the headings: en, vi, ja, ru (the body stays English)')
    .action(async (codes: string[], flags: ReferenceFlags) => {
      const { compareCommand } = await import('./compare-action.js')
      io.stdout.write(compareCommand(codes, flags, io.columns))
      setExit(0)
    })
}
