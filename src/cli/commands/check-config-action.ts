import { FtplogError, InputError, OutputError, UsageError } from '../../errors.js'
import { CONFIG_CHECK_FORMATTERS, type ConfigCheckFormatterName } from '../../formatters/config-check.js'
import { describeFsError } from '../../io/open-input.js'
import { DEFAULT_FAIL_ON, formatFailOn, isFailing, parseFailOn, type FailOn } from '../../report/fail-on.js'
import { checkServerConfig, type ConfigCheckReport, type ConfigFinding } from '../../server-config/check-config.js'
import { expandConfigPaths } from '../../server-config/find-server-configs.js'
import { readServerConfig } from '../../server-config/read-server-config.js'
import { parsePureFtpdFlags, splitCommandLine } from '../../server-config/read-pure-ftpd.js'
import { CONFIG_SERVERS, type ConfigServer, type ServerConfig } from '../../server-config/server-config.js'
import { inputAt, overwriteProblem } from '../check-output-path.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import type { CheckConfigFlags } from './check-config.js'

/** `ftplog check-config PATHS…`: reads the configurations, lints them, writes the findings; returns the exit code. */
export async function checkConfigCommand(paths: string[], flags: CheckConfigFlags, io: CliIO): Promise<ExitCode> {
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
    // Never over a configuration this run read (`check-config vsftpd.conf -o vsftpd.conf`).
    const input = await inputAt(flags.output, [...paths, ...configs.flatMap((c) => c.files)])
    if (input !== undefined) throw new OutputError(flags.output, overwriteProblem(input, 'configuration'))
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
