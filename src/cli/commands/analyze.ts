import { availableParallelism } from 'node:os'
import type { Command } from 'commander'
import { analyzeInputs, ANALYZE_DEFAULTS } from '../../analyze/analyze-inputs.js'
import { followLog } from '../../analyze/follow-log.js'
import type { AnalysisState } from '../../analyze/state.js'
import { createCatalog } from '../../catalog/catalog.js'
import { UsageError } from '../../errors.js'
import { stripControlChars } from '../../formatters/escape.js'
import { FORMATTER_DESCRIPTIONS, FORMATTERS } from '../../formatters/registry.js'
import { createLogFormatRegistry } from '../../log-formats/registry.js'
import { buildReport } from '../../report/build-report.js'
import { parseFailOn } from '../../report/fail-on.js'
import { assertTimeZone } from '../../time/zoned-time.js'
import { VERSION } from '../../version.js'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { resolveOutputTargets } from '../output-targets.js'
import { parseDuration, parseJobs, parseSize, parseYear } from '../parse-values.js'
import { formatIncidentChange } from '../live-lines.js'
import { createProgress } from '../progress.js'

interface AnalyzeFlags {
  formatter: string[]
  output?: string
  logFormat?: string
  failOn?: string
  incidentGap?: string
  timezone?: string
  year?: string
  maxLineBytes?: string
  jobs?: string
  follow?: string
  pollInterval?: string
  progress: boolean
  color?: boolean
}

/** Registers `ftplog analyze [paths...]`, the default command. */
export function registerAnalyze(program: Command, io: CliIO, setExit: (code: ExitCode, options?: { interruptHandled?: boolean }) => void): void {
  const formatterList = Object.entries(FORMATTER_DESCRIPTIONS)
    .map(([name, d]) => `  ${name.padEnd(9)} ${d}`)
    .join('\n')
  program
    .command('analyze', { isDefault: true })
    .description('analyse FTP logs and transcripts into an incident report')
    .argument('[paths...]', 'files, directories (their files), .gz files, or - for stdin (default: stdin when piped)')
    .option('-f, --formatter <name[:file]>', `output formatter, repeatable; name:file writes to a file (default: text)`, collect, [])
    .option('-o, --output <file>', 'write the (single) formatter without a file to this file instead of stdout')
    .option('--log-format <name>', 'force this log format for every input instead of detecting it (see `ftplog formats`)')
    .option('--fail-on <rule>', 'exit 1 for incidents at or above a severity (error, warning, notice, none) or with these codes/causes, e.g. 421,426 or capacity (default: error)')
    .option('--incident-gap <duration>', 'events of one server and cause further apart than this start a new incident (default: 5m)')
    .option('--timezone <zone>', 'IANA time zone of timestamps written without one (default: UTC)')
    .option('--year <yyyy>', "year of year-less (syslog) timestamps (default: each file's modification year)")
    .option('--max-line-bytes <size>', 'lines longer than this are counted and skipped (default: 1m)')
    .option('--jobs <n>', 'inputs analysed at once, in worker threads (default: one per CPU core)')
    .option('--follow <path>', 'follow a growing log like tail -F (rotation included): print each incident as it opens and closes, and the full report on Ctrl-C or SIGTERM')
    .option('--poll-interval <duration>', 'with --follow: how often to look for new lines (default: 1s)')
    .option('--no-progress', 'never show the progress bar')
    .option('--color', 'force colours in the text formatter')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
    .addHelpText('after', `\nFormatters:\n${formatterList}\n\n${EXIT_CODES_HELP}\n`)
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      if (flags.follow !== undefined) {
        // Interrupting is how --follow ends: the report is printed and the usual exit code returned.
        setExit(await followCommand(flags.follow, paths, flags, io), { interruptHandled: true })
      } else setExit(await analyzeCommand(paths, flags, io))
    })
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** Flag values turned into analysis settings (defaults in one place: ANALYZE_DEFAULTS). */
function readSettings(flags: AnalyzeFlags) {
  const targets = resolveOutputTargets(flags.formatter, flags.output)
  const failOn = parseFailOn(flags.failOn ?? 'error')
  const incidentGapMs = flags.incidentGap !== undefined ? parseDuration(flags.incidentGap, '--incident-gap') : ANALYZE_DEFAULTS.incidentGapMs
  const timeZone = flags.timezone ?? ANALYZE_DEFAULTS.timeZone
  try {
    assertTimeZone(timeZone)
  } catch (error) {
    throw new UsageError(`--timezone: ${(error as Error).message}`)
  }
  const year = flags.year !== undefined ? parseYear(flags.year) : undefined
  const maxLineBytes = flags.maxLineBytes !== undefined ? parseSize(flags.maxLineBytes, '--max-line-bytes') : ANALYZE_DEFAULTS.maxLineBytes
  const logFormats = createLogFormatRegistry()
  if (flags.logFormat !== undefined) logFormats.get(flags.logFormat)
  return { targets, failOn, incidentGapMs, timeZone, year, maxLineBytes, logFormats, catalog: createCatalog() }
}

async function analyzeCommand(paths: string[], flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  const settings = readSettings(flags)
  const jobs = flags.jobs !== undefined ? parseJobs(flags.jobs) : availableParallelism()
  let inputs = paths
  if (inputs.length === 0) {
    if (io.stdinIsTTY) throw new UsageError('no input: give log files or directories, or pipe a log into ftplog (see ftplog --help)')
    inputs = ['-']
  }
  const progress = createProgress(io, flags.progress)
  let state
  try {
    state = await analyzeInputs(inputs, {
      logFormat: flags.logFormat,
      logFormats: settings.logFormats,
      catalog: settings.catalog,
      timeZone: settings.timeZone,
      year: settings.year,
      maxLineBytes: settings.maxLineBytes,
      incidentGapMs: settings.incidentGapMs,
      signal: io.signal,
      stdin: io.stdin,
      jobs,
      onProgress: (p) => progress.update(p.bytesRead, p.bytesTotal),
    })
  } finally {
    progress.stop()
  }
  return printReport(state, settings, flags, io)
}

async function followCommand(path: string, paths: string[], flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  if (paths.length > 0) throw new UsageError(`--follow takes one log; remove the other inputs (${paths.join(', ')})`)
  const settings = readSettings(flags)
  const pollIntervalMs = flags.pollInterval !== undefined ? parseDuration(flags.pollInterval, '--poll-interval') : 1000
  const signal = io.signal ?? new AbortController().signal
  const state = await followLog(path, {
    signal,
    pollIntervalMs,
    logFormat: flags.logFormat,
    logFormats: settings.logFormats,
    catalog: settings.catalog,
    timeZone: settings.timeZone,
    year: settings.year,
    maxLineBytes: settings.maxLineBytes,
    incidentGapMs: settings.incidentGapMs,
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

async function printReport(state: AnalysisState, settings: ReturnType<typeof readSettings>, flags: AnalyzeFlags, io: CliIO): Promise<ExitCode> {
  const report = buildReport(state, { catalog: settings.catalog, failOn: settings.failOn, incidentGapMs: settings.incidentGapMs, version: VERSION })
  const color = flags.color ?? (io.env.NO_COLOR ? false : io.env.FORCE_COLOR ? true : io.stdoutIsTTY && io.env.TERM !== 'dumb')
  // One line per unreadable input on stderr, whatever the formatter, as grep and cat do.
  for (const input of report.inputs) if (input.error) io.stderr.write(`ftplog: ${stripControlChars(input.error.message)}\n`)
  for (const target of settings.targets) {
    const onStdout = target.path === undefined
    const output = FORMATTERS[target.formatter](report, {
      color: onStdout ? color : false,
      width: onStdout ? io.columns : undefined,
    })
    if (onStdout) io.stdout.write(output)
    else await io.writeFile(target.path!, output)
  }
  return report.verdict.exitCode
}
