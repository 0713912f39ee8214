import { availableParallelism } from 'node:os'
import type { Command } from 'commander'
import { analysisRegistries, resolveAnalysisSettings } from '../../analyze/analysis-settings.js'
import { analyzeInputs } from '../../analyze/analyze-inputs.js'
import { followLog } from '../../analyze/follow-log.js'
import type { AnalysisState } from '../../analyze/state.js'
import { OutputError, UsageError } from '../../errors.js'
import { formatAnalysisEvent } from '../../formatters/ecs-event.js'
import { stripControlChars } from '../../formatters/escape.js'
import { FORMATTER_DESCRIPTIONS } from '../../formatters/registry.js'
import { buildReport } from '../../report/build-report.js'
import { redactReport } from '../../report/redact-report.js'
import { VERSION } from '../../version.js'
import { loadConfig } from '../config-file.js'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO, EventSink } from '../io.js'
import { formatIncidentChange } from '../live-lines.js'
import { withSettingLabels } from '../messages.js'
import { checkOutputClashes, isStdoutPath, resolveOutputTargets, type OutputTarget } from '../output-targets.js'
import { parseDuration, parseJobs } from '../parse-values.js'
import { createProgress } from '../progress.js'
import { resolveRunSettings, type RunFlags } from '../run-settings.js'
import { writeOutputs } from '../write-outputs.js'

interface AnalyzeFlags extends RunFlags {
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
    .option('--include <glob>', 'in folders, read only files matching this glob (repeatable; a glob without / matches the file name, e.g. \'*.log*\')', collect)
    .option('--exclude <glob>', 'in folders, skip files matching this glob (repeatable; wins over --include)', collect)
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
    .option('--jobs <n>', 'inputs analysed at once, in worker threads (default: one per CPU core)')
    .option('--follow <path>', 'follow a growing log like tail -F (rotation included): print each incident as it opens and closes, and the full report on Ctrl-C or SIGTERM')
    .option('--poll-interval <duration>', 'with --follow: how often to look for new lines (default: 1s)')
    .option('--no-pairing', "count a transfer log (xferlog) and a protocol log of the same server separately instead of each transfer once (docs/inputs.md)")
    .option('--no-progress', 'never show the progress bar')
    .option('--color', 'force colours in the text formatter')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
  addGateOptions(analyze)
    .addHelpText('after', `\nFormatters:\n${formatterList}\n\n${EXIT_CODES_HELP}\n`)
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      if (flags.follow !== undefined) {
        // Interrupting is how --follow ends: the report is printed and the usual exit code returned.
        setExit(await followCommand(flags.follow, paths, flags, io), { interruptHandled: true })
      } else setExit(await analyzeCommand(paths, flags, io))
    })
}

/** Commander option parser for repeatable flags: collects every value given. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/**
 * Flags and config turned into the settings of one run: the analysis settings resolved once
 * (defaults applied in the library), used as they are by the analysis, follow mode and the report.
 */
async function readSettings(flags: AnalyzeFlags, io: CliIO) {
  const config = await loadConfig(io, flags.config)
  const run = resolveRunSettings(flags, config, (io.now ?? Date.now)())
  const targets = resolveOutputTargets(run.formatters, flags.output)
  const analysis = withSettingLabels(run.labels, () => resolveAnalysisSettings(run.analysis))
  return { run, targets, analysis, catalog: analysisRegistries(analysis).catalog }
}
type Settings = Awaited<ReturnType<typeof readSettings>>

async function analyzeCommand(paths: string[], flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  const settings = await readSettings(flags, io)
  const { run, targets } = settings
  const jobs = flags.jobs !== undefined ? parseJobs(flags.jobs) : availableParallelism()
  let inputs = paths
  if (inputs.length === 0) {
    if (io.stdinIsTTY) throw new UsageError('no input: give log files or directories, or pipe a log into ftplog (see ftplog --help)')
    inputs = ['-']
  }
  if (flags.events !== undefined && run.redactKey !== undefined) {
    throw new UsageError('--events writes every reply, login and transfer as logged and is not redacted; use --redact without --events')
  }
  if (inputs.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) is named twice; it can be read only once')
  await checkOutputs(targets, flags.events, io)
  const sink = flags.events !== undefined ? openEventSink(io, isStdoutPath(flags.events) ? '-' : flags.events) : undefined
  const progress = createProgress(io, flags.progress)
  let state
  try {
    state = await analyzeInputs(inputs, settings.analysis, {
      onEvent: sink ? (e) => sink.write(formatAnalysisEvent(e)) : undefined,
      signal: io.signal,
      stdin: io.stdin,
      jobs,
      include: flags.include,
      exclude: flags.exclude,
      onProgress: (p) => progress.update(p.bytesRead, p.bytesTotal),
      pairing: flags.pairing,
    })
  } finally {
    progress.stop()
    sink?.close()
  }
  const stdin = state.inputs.find((i) => i.path === '-')
  if (stdin !== undefined && stdin.error === null && stdin.bytes === 0) {
    throw new UsageError(
      paths.length === 0
        ? 'no input: nothing was given and standard input is empty (an empty variable in a CI job?); give log files or directories, or pipe a log into ftplog'
        : 'no input: standard input (-) is empty; pipe a log into ftplog or give log files or directories',
    )
  }
  for (const notice of state.notices) io.stderr.write(`ftplog: warning: ${stripControlChars(notice)}\n`)
  return printReport(state, settings, flags, io)
}

async function followCommand(path: string, paths: string[], flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  if (paths.length > 0) throw new UsageError(`--follow takes one log; remove the other inputs (${paths.join(', ')})`)
  if (flags.events !== undefined) throw new UsageError('--events cannot be combined with --follow')
  const settings = await readSettings(flags, io)
  const pollIntervalMs = flags.pollInterval !== undefined ? parseDuration(flags.pollInterval, '--poll-interval') : 1000
  const signal = io.signal ?? new AbortController().signal
  const state = await followLog(path, settings.analysis, {
    signal,
    pollIntervalMs,
    onIncident: (change, incident) => io.stdout.write(`${formatIncidentChange(change, incident, settings.catalog)}\n`),
    onFileChange: (change) => {
      if (change !== 'found') io.stderr.write(`ftplog: ${stripControlChars(path)}: ${FILE_CHANGES[change]}\n`)
    },
  })
  return printReport(state, settings, flags, io)
}

const FILE_CHANGES = {
  rotated: 'rotated; following the new file',
  truncated: 'truncated; reading from its start',
  missing: 'does not exist (yet); waiting for it',
} as const

async function printReport(state: AnalysisState, settings: Settings, flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  const { run, analysis } = settings
  const built = buildReport(state, {
    catalog: settings.catalog,
    failOn: run.failOn,
    incidentGapMs: analysis.incidentGapMs,
    version: VERSION,
    maxIncidents: run.maxIncidents,
    maxUnrecognized: run.maxUnrecognized,
    filter: analysis.filter,
    bruteForce: analysis.bruteForce,
    configured: analysis.configured,
  })
  const report = run.redactKey !== undefined ? redactReport(built, run.redactKey) : built
  await writeOutputs(report, settings.targets, io, flags.color)
  return report.verdict.exitCode
}

/**
 * Every output destination checked before any input is read: no clashes, and each file's folder
 * exists and is writable, so a long analysis does not end in a write error.
 * @throws UsageError for clashes, OutputError for a file that cannot be written.
 */
async function checkOutputs(targets: readonly OutputTarget[], events: string | undefined, io: CliIO): Promise<void> {
  checkOutputClashes(targets, events, io.cwd ?? '.')
  const files = targets.flatMap((t) => (t.path !== undefined ? [t.path] : []))
  if (events !== undefined && !isStdoutPath(events)) files.push(events)
  for (const file of files) {
    const problem = await io.checkOutputPath?.(file)
    if (problem !== undefined) throw new OutputError(file, problem)
  }
}

function openEventSink(io: CliIO, path: string): EventSink {
  if (!io.openSink) throw new UsageError('--events is not available here')
  try {
    return io.openSink(path)
  } catch (error) {
    throw new UsageError(`--events ${path}: ${(error as Error).message}`)
  }
}
