import type { Command } from 'commander'
import { analyzeInputs } from '../../analyze/analyze-inputs.js'
import { createCatalog } from '../../catalog/catalog.js'
import { UsageError } from '../../errors.js'
import { formatAnalysisEvent } from '../../formatters/ecs-event.js'
import { FORMATTER_DESCRIPTIONS } from '../../formatters/registry.js'
import { logFormatFromTemplate, TEMPLATE_LOG_FORMAT } from '../../log-formats/proftpd-template.js'
import { createLogFormatRegistry } from '../../log-formats/registry.js'
import { buildReport } from '../../report/build-report.js'
import { redactReport } from '../../report/redact-report.js'
import { VERSION } from '../../version.js'
import { loadConfig } from '../config-file.js'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO, EventSink } from '../io.js'
import { resolveOutputTargets } from '../output-targets.js'
import { createProgress } from '../progress.js'
import { resolveRunSettings, type RunFlags } from '../run-settings.js'
import { writeOutputs } from '../write-outputs.js'

interface AnalyzeFlags extends RunFlags {
  output?: string
  template?: string
  events?: string
  config?: string
  progress: boolean
  color?: boolean
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
export function registerAnalyze(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  const formatterList = Object.entries(FORMATTER_DESCRIPTIONS)
    .map(([name, d]) => `  ${name.padEnd(14)} ${d}`)
    .join('\n')
  const analyze = program
    .command('analyze', { isDefault: true })
    .description('analyse FTP logs and transcripts into an incident report')
    .argument('[paths...]', 'files, directories (their files), .gz files, or - for stdin (default: stdin when piped)')
    .option('-f, --formatter <name[:file]>', `output formatter, repeatable; name:file writes to a file (default: text)`, collect)
    .option('-o, --output <file>', 'write the (single) formatter without a file to this file instead of stdout')
    .option('--log-format <name>', 'force this log format for every input instead of detecting it (see `ftplog formats`)')
    .option('--template <LogFormat>', 'read ProFTPD ExtendedLog lines written with this LogFormat, e.g. \'%h %l %u %t "%r" %s %b\' (implies that log format unless --log-format says otherwise)')
    .option('--since <time>', 'only incidents and logins from this time: ISO (2024-01-15, 2024-01-15T10:00Z) or back from now (24h, 7d)')
    .option('--until <time>', 'only incidents and logins up to this time (same forms as --since)')
    .option('--client <addr,...>', 'only incidents and logins of these client addresses (repeatable)', collect)
    .option('--user <name,...>', 'only incidents and logins of these user names (repeatable)', collect)
    .option('--events <file>', 'also stream every reply, login and transfer to this file as ECS NDJSON while reading (flat memory)')
    .option('--bruteforce <rule>', 'brute-force threshold: zeek (20 failures/15 min), wazuh (8/120 s) or FAILURES/WINDOW like 10/60s (default: wazuh)')
    .option('--timezone <zone>', 'IANA time zone of timestamps written without one (default: UTC)')
    .option('--year <yyyy>', "year of year-less (syslog) timestamps (default: each file's modification year)")
    .option('--max-line-bytes <size>', 'lines longer than this are counted and skipped (default: 1m)')
    .option('--no-progress', 'never show the progress bar')
    .option('--color', 'force colours in the text formatter')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
  addGateOptions(analyze)
    .addHelpText('after', `\nFormatters:\n${formatterList}\n\n${EXIT_CODES_HELP}\n`)
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      setExit(await analyzeCommand(paths, flags, io))
    })
}

/** Commander option parser for repeatable flags: collects every value given. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

async function analyzeCommand(paths: string[], flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  const config = await loadConfig(io, flags.config)
  const settings = resolveRunSettings(flags, config, (io.now ?? Date.now)())
  const targets = resolveOutputTargets(settings.formatters, flags.output)
  const { failOn, incidentGapMs, timeZone, year, maxLineBytes } = settings
  const logFormats = createLogFormatRegistry(flags.template !== undefined ? [logFormatFromTemplate(flags.template)] : [])
  const logFormat = settings.logFormat ?? (flags.template !== undefined ? TEMPLATE_LOG_FORMAT : undefined)
  if (logFormat !== undefined) logFormats.get(logFormat)
  let inputs = paths
  if (inputs.length === 0) {
    if (io.stdinIsTTY) throw new UsageError('no input: give log files or directories, or pipe a log into ftplog (see ftplog --help)')
    inputs = ['-']
  }
  const catalog = createCatalog()
  if (flags.events !== undefined && settings.redactKey !== undefined) {
    throw new UsageError('--events writes every reply, login and transfer as logged and is not redacted; use --redact without --events')
  }
  if (flags.events !== undefined && targets.some((t) => t.path === flags.events)) {
    throw new UsageError(`--events ${flags.events}: a formatter writes that file too; give each its own file`)
  }
  const sink = flags.events !== undefined ? openEventSink(io, flags.events) : undefined
  const progress = createProgress(io, flags.progress)
  let state
  try {
    state = await analyzeInputs(inputs, {
      logFormat,
      filter: settings.filter,
      bruteForce: settings.bruteForce,
      onEvent: sink ? (e) => sink.write(formatAnalysisEvent(e)) : undefined,
      logFormats,
      catalog,
      timeZone,
      year,
      maxLineBytes,
      incidentGapMs,
      signal: io.signal,
      stdin: io.stdin,
      onProgress: (p) => progress.update(p.bytesRead, p.bytesTotal),
    })
  } finally {
    progress.stop()
    sink?.close()
  }
  const built = buildReport(state, {
    catalog,
    failOn,
    incidentGapMs,
    version: VERSION,
    maxIncidents: settings.maxIncidents,
    maxUnrecognized: settings.maxUnrecognized,
    filter: settings.filter,
    bruteForce: settings.bruteForce,
  })
  const report = settings.redactKey !== undefined ? redactReport(built, settings.redactKey) : built
  await writeOutputs(report, targets, io, flags.color)
  return report.verdict.exitCode
}

function openEventSink(io: CliIO, path: string): EventSink {
  if (!io.openSink) throw new UsageError('--events is not available here')
  try {
    return io.openSink(path)
  } catch (error) {
    throw new UsageError(`--events ${path}: ${(error as Error).message}`)
  }
}
