import type { Command } from 'commander'
import { FtplogError, InputError, OutputError, UsageError } from '../../errors.js'
import { CONFIG_CHECK_FORMATTERS, type ConfigCheckFormatterName } from '../../formatters/config-check.js'
import { describeFsError } from '../../io/open-input.js'
import { DEFAULT_FAIL_ON, formatFailOn, isFailing, parseFailOn, type FailOn } from '../../report/fail-on.js'
import { checkServerConfig, type ConfigCheckReport, type ConfigFinding } from '../../server-config/check-config.js'
import { expandConfigPaths } from '../../server-config/find-server-configs.js'
import { readServerConfig } from '../../server-config/read-server-config.js'
import { parsePureFtpdFlags, splitCommandLine } from '../../server-config/read-pure-ftpd.js'
import { CONFIG_SERVERS, type ConfigServer, type ServerConfig } from '../../server-config/server-config.js'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { collect } from './analyze.js'

interface CheckConfigFlags {
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
    .option('-f, --formatter <name>', `${Object.keys(CONFIG_CHECK_FORMATTERS).join(', ')}`, 'text')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--fail-on <rule>', 'exit 1 for findings at or above a severity (error, warning, notice, none) or with these reply codes/causes, e.g. 421,425 or capacity (default: error)')
    .option('--server <name>', `read every file as this server's configuration (${CONFIG_SERVERS.join(', ')}) instead of telling it from name and content`)
    .option('--pure-ftpd-flags <flags>', "Pure-FTPd's command-line options, e.g. '-c 50 -C 8 -I 15 -p 30000:30009' (repeatable)", collect)
    .addHelpText('after', `\ndocs/server-config.md lists every check.\n\n${EXIT_CODES_HELP.replace(/incident/g, 'finding')}\n`)
    .action(async (files: string[], flags: CheckConfigFlags) => {
      setExit(await checkConfigCommand(files, flags, io))
    })
}

async function checkConfigCommand(paths: string[], flags: CheckConfigFlags, io: CliIO): Promise<ExitCode> {
  if (!(flags.formatter in CONFIG_CHECK_FORMATTERS)) {
    throw new UsageError(`unknown formatter ${JSON.stringify(flags.formatter)} for check-config; choose from ${Object.keys(CONFIG_CHECK_FORMATTERS).join(', ')}`)
  }
  const failOn = flags.failOn !== undefined ? parseFailOn(flags.failOn) : DEFAULT_FAIL_ON
  const server = parseServer(flags.server)
  if (paths.length === 0 && (flags.pureFtpdFlags ?? []).length === 0) throw new UsageError('check-config: give configuration files, or --pure-ftpd-flags')
  const configs: ServerConfig[] = []
  const unreadable: { path: string; message: string }[] = []
  for (const path of server === undefined ? await expandConfigPaths(paths) : paths) {
    try {
      configs.push(await readServerConfig(path, { server }))
    } catch (error) {
      if (!(error instanceof FtplogError)) throw error
      unreadable.push({ path, message: error instanceof InputError ? String(error.data.reason) : error.message })
    }
  }
  for (const [i, text] of (flags.pureFtpdFlags ?? []).entries()) {
    configs.push(parsePureFtpdFlags(splitCommandLine(text), flags.pureFtpdFlags!.length > 1 ? `--pure-ftpd-flags #${i + 1}` : '--pure-ftpd-flags'))
  }
  const findings = configs.flatMap(checkServerConfig)
  const failing = findings.filter((f) => failsOn(f, failOn)).length
  const report: ConfigCheckReport = {
    configs: configs.map((c) => ({ path: c.path, server: c.server, files: c.files, settings: c.settings.length })),
    unreadable,
    findings,
    verdict: { exitCode: unreadable.length > 0 ? 2 : failing > 0 ? 1 : 0, failOn: formatFailOn(failOn), failing },
  }
  const toStdout = flags.output === undefined || flags.output === '-'
  const output = CONFIG_CHECK_FORMATTERS[flags.formatter as ConfigCheckFormatterName](report, toStdout ? io.columns : undefined)
  if (toStdout || flags.output === undefined) io.stdout.write(output)
  else {
    try {
      await io.writeFile(flags.output, output)
    } catch (error) {
      throw new OutputError(flags.output, describeFsError(error), { cause: error })
    }
  }
  return report.verdict.exitCode
}

/** Whether a finding fails the run under `--fail-on`: its severity, its reply code or its cause. */
function failsOn(f: ConfigFinding, rule: FailOn): boolean {
  const codes = f.code !== null ? { [String(f.code)]: 1 } : {}
  if (f.cause !== null) return isFailing({ severity: f.severity, cause: f.cause, codes }, rule)
  // No cause: a cause list cannot match it, only its severity or reply code.
  return isFailing({ severity: f.severity, cause: 'unknown', codes }, rule.kind === 'match' ? { ...rule, causes: [] } : rule)
}

function parseServer(name: string | undefined): ConfigServer | undefined {
  if (name === undefined) return undefined
  if ((CONFIG_SERVERS as readonly string[]).includes(name)) return name as ConfigServer
  throw new UsageError(`--server ${JSON.stringify(name)}: choose from ${CONFIG_SERVERS.join(', ')}`)
}
