import { createCatalog, type Catalog } from '../catalog/catalog.js'
import { openInput, resolveInputs, type StdinProvider } from '../io/open-input.js'
import { createLogFormatRegistry, type LogFormatRegistry } from '../log-formats/registry.js'
import type { BruteForceRule } from '../security/brute-force-rule.js'
import { analyzeSource, type InputAnalysisOptions } from './analyze-input.js'
import type { AnalysisEvent } from './analysis-event.js'
import type { EventFilter } from './event-filter.js'
import type { InputError } from '../errors.js'
import { emptyInputSummary, emptyState, mergeStates, type AnalysisState, type InputSummary } from './state.js'
import { runInLanes, startAnalysisWorker, type AnalysisWorker, type Lane } from './worker-pool.js'
import type { WorkerSetup } from './worker-protocol.js'
// [t11 hook] same file once, rotated sets, paired logs
import { planInputs, type InputUnit } from './input-plan.js'
import { analyzeGroup, isPlainUnit } from './analyze-group.js'

/** Options of {@link analyzeInputs}. Every field has a default. */
export interface AnalyzeOptions {
  /** Force this log format for every input instead of detecting one per input. */
  readonly logFormat?: string | undefined
  /** Log formats to use; defaults to the bundled ones. */
  readonly logFormats?: LogFormatRegistry | undefined
  /** The server-message catalog; defaults to the bundled one. */
  readonly catalog?: Catalog | undefined
  /** IANA zone for timestamps written without one. @default 'UTC' */
  readonly timeZone?: string | undefined
  /** Year for year-less timestamps; default: each file's modification year. */
  readonly year?: number | undefined
  /** Lines over this many bytes are counted and skipped. @default 1048576 */
  readonly maxLineBytes?: number | undefined
  /** Largest quiet time inside one incident, in ms. @default 300000 (5 min) */
  readonly incidentGapMs?: number | undefined
  readonly signal?: AbortSignal | undefined
  /** Progress in raw bytes over all inputs whose size is known. */
  readonly onProgress?: ((progress: { path: string; bytesRead: number; bytesTotal: number }) => void) | undefined
  /** Standard input, for the path `-`. */
  readonly stdin?: StdinProvider | undefined
  /** Clock, for dating year-less lines read from stdin. @default Date.now */
  readonly now?: (() => number) | undefined
  /**
   * How many inputs are analysed at once: the main thread plus `jobs - 1` worker threads. A
   * single input (or `jobs: 1`) never starts a worker. The report is the same for any value.
   * @default 1 (the CLI passes one per core)
   */
  readonly jobs?: number | undefined
  /**
   * Keep only these incident events, login attempts and timeline points. Line accounting and
   * the reply, session, login and transfer totals still cover every line.
   */
  readonly filter?: EventFilter | undefined
  /** Brute-force threshold for the security summary. @default the `wazuh` preset (8 failures in 120 s) */
  readonly bruteForce?: BruteForceRule | undefined
  /**
   * Streaming sink: called synchronously with every server reply, login attempt and transfer
   * (after `filter`), in input order, while the inputs are read. Nothing is kept for it, so a
   * sink that writes each event out keeps memory flat. With a sink, inputs are analysed one
   * after the other in the main thread (`jobs` is ignored), so the events stay in input order.
   */
  readonly onEvent?: ((event: AnalysisEvent) => void) | undefined
  /**
   * The worker entry point (`analyze-worker.js`). Defaults to the file beside the bundle; tests
   * and bundlers that move files pass their own. If it cannot start, inputs run in the main thread.
   */
  readonly workerUrl?: URL | undefined
  /**
   * Count each transfer once when a transfer log (xferlog, a Pure-FTPd altlog) and a protocol log
   * of the same server are both given (see docs/inputs.md "Paired logs"); `false` analyses every
   * input on its own (`--no-pairing`). @default true
   */
  readonly pairing?: boolean | undefined
}


/** Defaults of {@link AnalyzeOptions}, in one place. */
export const ANALYZE_DEFAULTS = {
  timeZone: 'UTC',
  maxLineBytes: 1024 * 1024,
  incidentGapMs: 5 * 60 * 1000,
} as const

/**
 * Analyses files, directories (their files) and `-` (stdin) and merges the results. With `jobs` > 1
 * several inputs are analysed at once (the main thread plus worker threads); partial states are
 * merged in input order once all are in, so the report does not depend on which input finished
 * first. An input that cannot be read or recognised is reported in `inputs[].error`; the others
 * are still analysed.
 * @throws only for an aborted `signal` (an `AbortError`) or invalid bundled data (a bug).
 */
export async function analyzeInputs(paths: readonly string[], options: AnalyzeOptions = {}): Promise<AnalysisState> {
  const settings = resolveSettings(options)
  const jobs = options.onEvent ? 1 : (options.jobs ?? 1)
  const workers: AnalysisWorker[] = []
  const startWorkers = (wanted: number): void => {
    const url = options.workerUrl ?? new URL('./analyze-worker.js', import.meta.url)
    while (workers.length < wanted) workers.push(startAnalysisWorker(url, workerSetup(settings, options)))
  }
  const stopWorkers = (): void => {
    for (const w of workers) void w.close()
  }
  // A worker takes ~0.2 s to load and build its registries: start them before the inputs are
  // listed, one per extra path; directories may call for more, and unneeded ones are stopped.
  startWorkers(Math.min(jobs - 1, paths.filter((p) => p !== '-').length - 1))
  options.signal?.addEventListener('abort', stopWorkers, { once: true })
  try {
    const { inputs: resolved, errors } = await resolveInputs(paths)
    // [t11 hook] one unit per plain input, rotated set or group of paired logs
    const plan = await planInputs(resolved, { logFormats: settings.logFormats, logFormat: options.logFormat, pairing: options.pairing, timeZone: settings.timeZone, year: options.year, now: settings.now() })
    const inputs = plan.units
    const files = inputs.filter((u) => isPlainUnit(u) && u.members[0]![0]!.path !== '-').length
    const wanted = Math.max(0, Math.min(jobs - 1, files - 1))
    startWorkers(wanted)
    for (const extra of workers.splice(wanted)) void extra.close()
    const partials = await analyzeAll(inputs, settings, options, workers)
    options.signal?.throwIfAborted()
    let state = emptyState()
    for (const error of errors) state.inputs.push(failedInput(error))
    for (const partial of partials) state = mergeStates(state, partial)
    state.notices.push(...plan.notices) // [t11 hook]
    return state
  } finally {
    options.signal?.removeEventListener('abort', stopWorkers)
    await Promise.all(workers.map((w) => w.close()))
  }
}

/** {@link AnalyzeOptions} with defaults applied and registries built. */
interface Settings {
  readonly logFormats: LogFormatRegistry
  readonly catalog: Catalog
  readonly timeZone: string
  readonly maxLineBytes: number
  readonly incidentGapMs: number
  readonly now: () => number
}

function resolveSettings(options: AnalyzeOptions): Settings {
  return {
    logFormats: options.logFormats ?? createLogFormatRegistry(),
    catalog: options.catalog ?? createCatalog(),
    timeZone: options.timeZone ?? ANALYZE_DEFAULTS.timeZone,
    maxLineBytes: options.maxLineBytes ?? ANALYZE_DEFAULTS.maxLineBytes,
    incidentGapMs: options.incidentGapMs ?? ANALYZE_DEFAULTS.incidentGapMs,
    now: options.now ?? Date.now,
  }
}

/** What a worker needs to rebuild the same settings; bundled registries are rebuilt, not sent. */
function workerSetup(s: Settings, options: AnalyzeOptions): WorkerSetup {
  const c = s.catalog
  return {
    logFormatDefinitions: options.logFormats ? s.logFormats.list() : undefined,
    // `entries`, not `messages`: the known non-incident messages must travel too.
    catalogData: options.catalog ? { causes: [...c.causes.values()], messages: c.entries, rules: c.rules, banners: c.banners } : undefined,
    logFormat: options.logFormat,
    timeZone: s.timeZone,
    year: options.year,
    maxLineBytes: s.maxLineBytes,
    incidentGapMs: s.incidentGapMs,
    filter: options.filter,
    bruteForce: options.bruteForce,
  }
}

/** Analyses every input on the main thread and the given workers; partial states by input index. */
async function analyzeAll(inputs: readonly InputUnit[], s: Settings, options: AnalyzeOptions, workers: readonly AnalysisWorker[]): Promise<AnalysisState[]> {
  const signal = options.signal
  // Progress: raw bytes read per input, reported as the sum over all inputs.
  const bytesTotal = inputs.reduce((n, u) => n + u.members.flat().reduce((m, i) => m + (i.size ?? 0), 0), 0)
  const bytesRead = new Array<number>(inputs.length).fill(0)
  let bytesSum = 0
  const onBytes = (index: number, n: number): void => {
    bytesSum += n - bytesRead[index]!
    bytesRead[index] = n
    options.onProgress?.({ path: inputs[index]!.members[0]![0]!.path, bytesRead: bytesSum, bytesTotal })
  }
  const stdin: StdinProvider =
    options.stdin ??
    (() => {
      throw new Error('no standard input available')
    })
  const mainLane: Lane = {
    accepts: () => true,
    run(index) {
      signal?.throwIfAborted()
      const unit = inputs[index]!
      const input = unit.members[0]![0]!
      const analyze = isPlainUnit(unit) ? (o: InputAnalysisOptions) => analyzeSource(input, openInput(input, stdin), o) : (o: InputAnalysisOptions) => analyzeGroup(unit, (i) => openInput(i, stdin), o) // [t11 hook]
      return analyze({
        logFormats: s.logFormats,
        catalog: s.catalog,
        logFormat: options.logFormat,
        timeZone: s.timeZone,
        year: options.year,
        now: s.now(),
        maxLineBytes: s.maxLineBytes,
        incidentGapMs: s.incidentGapMs,
        signal,
        onBytes: (n) => onBytes(index, n),
        filter: options.filter,
        bruteForce: options.bruteForce,
        onEvent: options.onEvent,
      })
    },
  }
  // Standard input can only be read by the main thread.
  const workerLanes = workers.map(
    (worker): Lane => ({
      accepts: (index) => isPlainUnit(inputs[index]!) && inputs[index]!.members[0]![0]!.path !== '-', // [t11 hook]
      run(index) {
        signal?.throwIfAborted()
        return worker.analyze({ index, input: inputs[index]!.members[0]![0]!, now: s.now() }, (n) => onBytes(index, n))
      },
    }),
  )
  return runInLanes(inputs.length, [mainLane, ...workerLanes])
}

/** The summary of an input that could not be opened at all. */
function failedInput(error: InputError): InputSummary {
  return emptyInputSummary(error.path, { code: error.code, message: error.message })
}
