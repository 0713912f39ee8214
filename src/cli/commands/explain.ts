import type { Command } from 'commander'
import { SERVER_FAMILIES } from '../../model/server-family.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import type { ReferenceFlags } from '../reference-flags.js'

/** The flags of `explain`, as commander gives them. */
export interface ExplainFlags extends ReferenceFlags {
  server?: string
  message?: string
  win32?: boolean
  iisSubstatus?: boolean
}

/** Registers `ftplog explain <code>`: a reply code from the registry and the server-message catalog. */
export function registerExplain(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('explain')
    .description('explain an FTP reply code: meaning, when you see it, how to fix it, what servers send')
    .argument('<code>', 'a reply code such as 421 (or, with --win32/--iis-substatus, an IIS log number)')
    .option('--server <name>', `show what this server sends with the code (${SERVER_FAMILIES.join(', ')})`)
    .option('--message <text>', 'the reply text (or log line) you saw, to find the catalog entry and the setting behind it')
    .option('--win32', 'read <code> as an IIS sc-win32-status number (10054, 64, 1236...)')
    .option('--iis-substatus', 'read <code> as an IIS FTP sc-substatus number (0-55)')
    .option('-f, --formatter <name>', 'text, json or markdown', 'text')
    .option('--lang <lang>', 'language of the headings: en, vi, ja, ru (the body stays English)')
    .action(async (code: string, flags: ExplainFlags) => {
      const { explainCommand } = await import('./explain-action.js')
      io.stdout.write(explainCommand(code, flags, io.columns))
      setExit(0)
    })
}
