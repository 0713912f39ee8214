import type { Command } from 'commander'
import { EMPTY_GLOB_PROBLEM, UsageError } from '../../errors.js'
import { FORMATTER_DESCRIPTIONS } from '../../formatters/formatter-descriptions.js'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import type { RunFlags } from '../run-settings.js'

/** The flags of `analyze`, as commander gives them. */
export interface AnalyzeFlags extends RunFlags {
  output?: string
  events?: string
  config?: string
  jobs?: string
  follow?: string
  pollInterval?: string
  progress: boolean
  color?: boolean
  include?: string[]
  exclude?: string[]
  /** `--no-pairing` sets it to false. */
  pairing: boolean
  serverConfig?: string[]
}

/** The flags `analyze` and `merge` share (gates, output, sharing, config). */
export function addGateOptions(cmd: Command): Command {
  return cmd
    .option('--fail-on <rule>', 'exit 1 for incidents at or above a severity (error, warning, notice, none) or with these codes/causes, e.g. 421,426 or capacity (default: error)')
    .option('--max-incidents <n>', 'allow up to N incidents at or above --fail-on before failing (default: 0)')
    .option('--max-unrecognized <ratio>', 'fail when more than this share of an input\'s lines was not understood, e.g. 0.2 or 20% (default: not checked)')
    .option('--incident-gap <duration>', 'events of one server and cause further apart than this start a new incident (default: 5m)')
    .option('--redact', 'replace addresses, user names, paths and hosts with keyed hashes before formatting')
    .option('--redact-key <key>', 'key for --redact tokens, to get the same tokens in several reports (default: random per run)')
    .option('--config <file>', 'read defaults from this JSON file (default: ./ftplog.config.json when present)')
}

/** Registers `ftplog analyze [paths...]`, the default command. */
export function registerAnalyze(program: Command, io: CliIO, setExit: (code: ExitCode, options?: { interruptHandled?: boolean }) => void): void {
  const formatterList = Object.entries(FORMATTER_DESCRIPTIONS)
    .map(([name, d]) => `  ${name.padEnd(14)} ${d}`)
    .join('\n')
  const analyze = program
    .command('analyze', { isDefault: true })
    .description('analyse FTP logs and transcripts into an incident report')
    .argument('[paths...]', 'files, directories (their files), .gz files, or - for stdin (default: stdin when piped)')
    .option('-f, --formatter <name[:file]>', `output formatter, repeatable; name:file writes to a file (default: text)`, collect)
    .option('-o, --output <file>', 'write the (single) formatter without a file to this file instead of stdout')
    .option('--include <glob>', 'in folders, read only files matching this glob (repeatable; a glob without / matches the file name, e.g. \'*.log*\')', collectGlob('--include'))
    .option('--exclude <glob>', 'in folders, skip files matching this glob (repeatable; wins over --include)', collectGlob('--exclude'))
    .option('--log-format <name>', 'force this log format for every input instead of detecting it (see `ftplog formats`)')
    .option('--template <LogFormat>', 'read ProFTPD ExtendedLog lines written with this LogFormat, e.g. \'%h %l %u %t "%r" %s %b\' (implies that log format unless --log-format says otherwise)')
    .option('--since <time>', 'only incidents and logins from this time: ISO (2024-01-15, 2024-01-15T10:00Z) or back from now (24h, 7d)')
    .option('--until <time>', 'only incidents and logins up to this time (same forms as --since)')
    .option('--client <addr,...>', 'only incidents and logins of these client addresses or CIDR ranges, e.g. 10.0.0.0/8 (repeatable)', collect)
    .option('--user <name,...>', 'only incidents and logins of these user names (repeatable)', collect)
    .option('--events <file>', 'also stream every reply, login and transfer to this file as ECS NDJSON while reading (flat memory)')
    .option('--bruteforce <rule>', 'brute-force threshold: zeek (20 failures/15 min), wazuh (8/120 s) or FAILURES/WINDOW like 10/60s (default: wazuh)')
    .option('--timezone <zone>', 'IANA time zone of timestamps written without one (default: UTC)')
    .option('--year <yyyy>', "year of year-less (syslog) timestamps (default: each file's modification year)")
    .option('--max-line-bytes <size>', 'lines longer than this are counted and skipped (default: 1m)')
    .option('--jobs <n>', 'inputs analysed at once, in worker threads (default: one per CPU core)')
    .option('--follow <path>', 'follow a growing log like tail -F (rotation included): print each incident as it opens and closes, and the full report on Ctrl-C or SIGTERM')
    .option('--poll-interval <duration>', 'with --follow: how often to look for new lines (default: 1s)')
    .option('--server-config <file>', "the server's configuration (vsftpd.conf, proftpd.conf, pure-ftpd.conf, Debian's pure-ftpd/conf/), for advice with its configured values (repeatable; configurations found among the inputs are read too)", collect)
    .option('--no-pairing', "count a transfer log (xferlog) and a protocol log of the same server, or two files a syslog daemon writes the same lines to, separately instead of each transfer and line once (docs/inputs.md)")
    .option('--no-progress', 'never show the progress bar')
    .option('--color', 'force colours in the text formatter')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
  addGateOptions(analyze)
    .addHelpText('after', `\nFormatters:\n${formatterList}\n\n${EXIT_CODES_HELP}\n`)
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      // Loaded when the command runs, so that --help, --version and the other commands do not pay for it.
      const { analyzeCommand, followCommand } = await import('./analyze-action.js')
      if (flags.follow !== undefined) {
        // Interrupting is how --follow ends: the report is printed and the usual exit code returned.
        setExit(await followCommand(flags.follow, paths, flags, io), { interruptHandled: true })
      } else setExit(await analyzeCommand(paths, flags, io))
    })
}

/**
 * Commander option parser for `--include`/`--exclude`: {@link collect}, refusing an empty glob.
 * @throws UsageError naming `flag` ({@link EMPTY_GLOB_PROBLEM}).
 */
function collectGlob(flag: string): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    if (value === '') throw new UsageError(`${flag}: ${EMPTY_GLOB_PROBLEM}`)
    return collect(value, previous)
  }
}

/** Commander option parser for repeatable flags: collects every value given. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

