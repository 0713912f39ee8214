import type { Command } from 'commander'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import type { RunFlags } from '../run-settings.js'
import { addGateOptions, collect } from './analyze.js'

/** The flags of `merge`, as commander gives them. */
export interface MergeFlags extends RunFlags {
  output?: string
  config?: string
  color?: boolean
  serverConfig?: string[]
}

/** Registers `ftplog merge <reports...>`: JSON reports of separate runs combined into one report. */
export function registerMerge(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  const merge = program
    .command('merge')
    .description('combine JSON reports of separate runs (per host, per day) into one report')
    .argument('<reports...>', 'JSON reports written by ftplog analyze -f json:FILE')
    .option('-f, --formatter <name[:file]>', 'output formatter, repeatable; name:file writes to a file (default: text)', collect)
    .option('-o, --output <file>', 'write the (single) formatter without a file to this file instead of stdout')
    .option('--color', 'force colours in the text formatter')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
    .option('--server-config <file>', "the server's configuration, read as by analyze, for advice with its configured values (repeatable)", collect)
  addGateOptions(merge)
    .addHelpText(
      'after',
      `\nThe merged report keeps what JSON reports keep: top-100 tables, 20 clients/users/files and\n5 samples per incident. The verdict is decided again with the gates given here.\n\n${EXIT_CODES_HELP}\n`,
    )
    .action(async (paths: string[], flags: MergeFlags) => {
      const { mergeCommand } = await import('./merge-action.js')
      setExit(await mergeCommand(paths, flags, io))
    })
}

