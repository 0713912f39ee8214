import type { Command } from 'commander'
import { CONFIG_CHECK_FORMATTER_NAMES } from '../../formatters/formatter-descriptions.js'
import { CONFIG_SERVERS } from '../../server-config/server-config.js'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { collect } from './analyze.js'

/** The flags of `check-config`, as commander gives them. */
export interface CheckConfigFlags {
  formatter: string
  output?: string
  failOn?: string
  server?: string
  pureFtpdFlags?: string[]
}

/** Registers `ftplog check-config <files...>`: lints vsftpd, ProFTPD and Pure-FTPd configurations. */
export function registerCheckConfig(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('check-config')
    .description('lint vsftpd, ProFTPD and Pure-FTPd configurations for the settings behind 421/425/426/530')
    .argument('[files...]', "vsftpd.conf, proftpd.conf (with its Includes), pure-ftpd.conf, Debian's /etc/pure-ftpd/conf/ folder, a file with pure-ftpd's command line, or a folder holding them (/etc)")
    .option('-f, --formatter <name>', `${CONFIG_CHECK_FORMATTER_NAMES.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--fail-on <rule>', 'exit 1 for findings at or above a severity (error, warning, notice, none) or with these reply codes/causes, e.g. 421,425 or capacity (default: error)')
    .option('--server <name>', `read every file as this server's configuration (${CONFIG_SERVERS.join(', ')}) instead of telling it from name and content`)
    .option('--pure-ftpd-flags <flags>', "Pure-FTPd's command-line options, e.g. '-c 50 -C 8 -I 15 -p 30000:30009' (repeatable)", collect)
    .addHelpText('after', `\ndocs/server-config.md lists every check.\n\n${EXIT_CODES_HELP.replace(/incident/g, 'finding')}\n`)
    .action(async (files: string[], flags: CheckConfigFlags) => {
      // Loaded when the command runs, so that the other commands do not pay for it.
      const { checkConfigCommand } = await import('./check-config-action.js')
      setExit(await checkConfigCommand(files, flags, io))
    })
}
