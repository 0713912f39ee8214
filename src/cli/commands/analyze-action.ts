import { availableParallelism } from 'node:os'
import { analysisRegistries, resolveAnalysisSettings } from '../../analyze/analysis-settings.js'
import { analyzeInputs } from '../../analyze/analyze-inputs.js'
import { followLog } from '../../analyze/follow-log.js'
import { isActiveFilter } from '../../analyze/event-filter.js'
import { extendedLogFormats } from '../../analyze/extended-log-formats.js'
import type { AnalysisState } from '../../analyze/state.js'
import { OutputError, UsageError } from '../../errors.js'
import { formatAnalysisEvent } from '../../formatters/ecs-event.js'
import { stripControlChars } from '../../formatters/escape.js'
import { buildReport } from '../../report/build-report.js'
import { redactReport } from '../../report/redact-report.js'
import { configuredLookup } from '../../server-config/configured-lookup.js'
import { VERSION } from '../../version.js'
import { tuneHeapForAnalysis } from '../analysis-heap.js'
import { loadConfig } from '../config-file.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO, EventSink } from '../io.js'
import { formatIncidentChange } from '../live-lines.js'
import { withSettingLabels } from '../messages.js'
import { checkOutputClashes, isStdoutPath, resolveOutputTargets, type OutputTarget } from '../output-targets.js'
import { parseDuration, parseJobs } from '../parse-values.js'
import { createProgress } from '../progress.js'
import { resolveRunSettings } from '../run-settings.js'
import { readServerConfigs } from '../server-configs.js'
import { inputAt, inputFolderHolding, overwriteProblem } from '../check-output-path.js'
import { writeOutputs } from '../write-outputs.js'
import type { AnalyzeFlags } from './analyze.js'

/**
 * Flags and config turned into the settings of one run: the analysis settings resolved once
 * (defaults applied in the library), used as they are by the analysis, follow mode and the report.
 */
async function readSettings(flags: AnalyzeFlags, io: CliIO, paths: readonly string[]) {
  const config = await loadConfig(io, flags.config)
  const run = resolveRunSettings(flags, config, (io.now ?? Date.now)())
  const targets = resolveOutputTargets(run.formatters, flags.output)
  const { configs, foundIn } = await readServerConfigs(flags.serverConfig, io, { paths, include: flags.include, exclude: flags.exclude })
  // ProFTPD ExtendedLogs are read with the LogFormat their proftpd.conf declares for them.
  const extended = extendedLogFormats(configs)
  for (const problem of extended.problems) io.stderr.write(`ftplog: warning: ${stripControlChars(problem)}\n`)
  // Own definitions are validated with zod, loaded only then (docs/performance.md, Start-up).
  const extra = [...run.extraLogFormats, ...extended.definitions]
  const logFormats = extra.length > 0 ? (await import('../../log-formats/registry.js')).createLogFormatRegistry(extra) : undefined
  const analysis = withSettingLabels(run.labels, () =>
    resolveAnalysisSettings({
      ...run.analysis,
      logFormats,
      configured: configs.length > 0 ? configuredLookup(configs, foundIn) : undefined,
      logFormatOverrides: extended.overrides.length > 0 ? extended.overrides : undefined,
    }),
  )
  return { run, targets, analysis, configs, catalog: analysisRegistries(analysis).catalog }
}
type Settings = Awaited<ReturnType<typeof readSettings>>

/** `ftplog analyze PATHS…`: analyses the inputs and writes the report; returns the exit code. */
export async function analyzeCommand(paths: string[], flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  tuneHeapForAnalysis()
  const settings = await readSettings(flags, io, paths)
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
  await checkOutputs(targets, flags.events, io, inputs)
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
  // A server configuration can say that the log cannot show some replies (vsftpd logging to syslog);
  // the check's module (and zod, which validates its facts) is loaded only when there is one.
  if (settings.configs.length > 0) {
    const { syslogFindings } = await import('../../server-config/check-config.js')
    for (const config of settings.configs) for (const f of syslogFindings(config)) state.notices.push(`${f.config}: ${f.message}`)
  }
  for (const notice of state.notices) io.stderr.write(`ftplog: warning: ${stripControlChars(notice)}\n`)
  // A filter value that matches nothing in the logs (a mistyped address, a window the logs do not reach) would otherwise pass quietly.
  if (isActiveFilter(settings.analysis.filter) && state.matchedEvents === 0) {
    io.stderr.write('ftplog: warning: no event passed --since/--until/--client/--user: the incidents and security figures are empty because of the filters, not the logs\n')
  }
  return printReport(state, settings, flags, io)
}

/** `ftplog analyze --follow PATH`: follows a growing log until interrupted, then writes the report. */
export async function followCommand(path: string, paths: string[], flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  if (paths.length > 0) throw new UsageError(`--follow takes one log; remove the other inputs (${paths.join(', ')})`)
  if (flags.events !== undefined) throw new UsageError('--events cannot be combined with --follow')
  tuneHeapForAnalysis()
  const settings = await readSettings(flags, io, [])
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
  await refuseOverwritingLogs(state, settings.targets)
  await writeOutputs(report, settings.targets, io, flags.color)
  return report.verdict.exitCode
}

/**
 * Every output destination checked before any input is read: no clashes, each file's folder
 * exists and is writable (so a long analysis does not end in a write error), and none is a log
 * the run reads (`-o x.log` beside input `x.log` would destroy it). The events file is opened
 * before reading, so it may not lie in an input folder either, where it would be read while
 * written. A log found in a folder is guarded after the analysis ({@link refuseOverwritingLogs}).
 * @throws UsageError for clashes, OutputError for a file that cannot or must not be written.
 */
async function checkOutputs(targets: readonly OutputTarget[], events: string | undefined, io: CliIO, inputs: readonly string[]): Promise<void> {
  checkOutputClashes(targets, events, io.cwd ?? '.')
  const files = targets.flatMap((t) => (t.path !== undefined ? [t.path] : []))
  if (events !== undefined && !isStdoutPath(events)) files.push(events)
  for (const file of files) {
    const problem = await io.checkOutputPath?.(file)
    if (problem !== undefined) throw new OutputError(file, problem)
    const input = await inputAt(file, inputs)
    if (input !== undefined) throw new OutputError(file, overwriteProblem(input, 'log'))
  }
  if (events !== undefined && !isStdoutPath(events)) {
    const folder = await inputFolderHolding(events, inputs, io.cwd ?? '.')
    if (folder !== undefined) throw new OutputError(events, `it is in the input folder ${folder}, where it would be read as a log while it is written; write the events elsewhere`)
  }
}

/**
 * Refuses to write a report over a file the analysis read as a log (found in a folder: `-f
 * json:logs/vsftpd.log` with input `logs/`); a file it skipped (an old report) may be replaced.
 * @throws OutputError naming the target and the log.
 */
async function refuseOverwritingLogs(state: AnalysisState, targets: readonly OutputTarget[]): Promise<void> {
  const logs = state.inputs.filter((i) => i.skipReason === null && i.error === null && i.path !== '-').map((i) => i.path)
  for (const t of targets) {
    if (t.path === undefined) continue
    const input = await inputAt(t.path, logs)
    if (input !== undefined) throw new OutputError(t.path, overwriteProblem(input, 'log'))
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
