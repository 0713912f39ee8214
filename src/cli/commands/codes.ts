import type { Command } from 'commander'
import { SERVER_FAMILIES } from '../../model/server-family.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'

/** The flags of `codes`, as commander gives them. */
export interface CodesFlags {
  formatter: string
  class?: string
  rfc?: string
  server?: string
  win32?: boolean
  iisSubstatus?: boolean
}

/** Registers `ftplog codes`: the reply-code table, a server's messages, or the IIS tables. */
export function registerCodes(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('codes')
    .description('list FTP reply codes (or one server\'s messages, or the IIS status tables)')
    .option('--class <digit>', 'only codes whose first digit is this (1-6)')
    .option('--rfc <number>', 'only codes an RFC defines or uses, e.g. 959, 2228, 4217')
    .option('--server <name>', `list what this server sends and logs instead (${SERVER_FAMILIES.join(', ')})`)
    .option('--win32', 'list the Windows error numbers of IIS sc-win32-status instead')
    .option('--iis-substatus', 'list the IIS FTP sc-substatus values instead')
    .option('-f, --formatter <name>', 'text, json or markdown', 'text')
    .action(async (flags: CodesFlags) => {
      const { codesCommand } = await import('./codes-action.js')
      io.stdout.write(codesCommand(flags, io.columns))
      setExit(0)
    })
}
