import { serverConfigMatcher } from '../catalog/server-config-files.js'
import type { InputError } from '../errors.js'
import { openInput, openInputStream, type StdinProvider } from '../io/open-input.js'
import { resolveInputs, type ResolveInputsOptions } from '../io/resolve-inputs.js'
import { foldersWithoutLogs, settleCompressedInputs, skippedInputSummary } from './skip-inputs.js'
// [t11 hook] same file once, rotated sets, paired logs
import { planInputs, type InputUnit } from './input-plan.js'
import { analyzeGroup, isPlainUnit } from './analyze-group.js'
import { analyzeSource } from './analyze-input.js'
import type { AnalysisEvent } from './analysis-event.js'
import { ANALYSIS_DEFAULTS, analysisRegistries, forcedLogFormat, resolveAnalysisSettings, type AnalysisSettings, type AnalysisSettingsInput } from './analysis-settings.js'
import { emptyInputSummary, emptyState, mergeStates, type AnalysisState, type InputSummary } from './state.js'
import { runInLanes, startAnalysisWorker, type AnalysisWorker, type Lane } from './worker-pool.js'

/** How {@link analyzeInputs} runs, besides its settings. Every field has a default. */
export interface AnalyzeOptions {
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
   * Streaming sink: called synchronously with every server reply, login attempt and transfer
   * (after the settings' `filter`), in input order, while the inputs are read. Nothing is kept for
   * it, so a sink that writes each event out keeps memory flat. With a sink, inputs are analysed
   * one after the other in the main thread (`jobs` is ignored), so the events stay in input order.
   */
  readonly onEvent?: ((event: AnalysisEvent) => void) | undefined
  /**
   * The worker entry point (`analyze-worker.js`). Defaults to the file beside the bundle; tests
   * and bundlers that move files pass their own. If it cannot start, inputs run in the main thread.
   */
  readonly workerUrl?: URL | undefined
  /** Globs a file found in a folder must match to be read (see {@link ResolveInputsOptions}). */
  readonly include?: readonly string[] | undefined
  /** Globs of files found in folders that are not read; exclusion wins over inclusion. */
  readonly exclude?: readonly string[] | undefined
  /**
   * Count each transfer once when a transfer log (xferlog, a Pure-FTPd altlog) and a protocol log
   * of the same server are both given (see docs/inputs.md "Paired logs"), and each line once when
   * a syslog daemon wrote it to two files ("Mirrored syslog files"); `false` analyses every input
   * on its own (`--no-pairing`). A run option, not a setting: inputs are planned (and pairs
   * read) in the main thread, so worker threads never need it. @default true
   */
  readonly pairing?: boolean | undefined
}

/**
 * The defaults of the analysis settings.
 * @deprecated Use `ANALYSIS_DEFAULTS` from `analysis-settings.ts`; kept while `src/index.ts` exports this name.
 */
export const ANALYZE_DEFAULTS = ANALYSIS_DEFAULTS

/**
 * Analyses files, directories (their files) and `-` (stdin) and merges the results. With `jobs` > 1
 * several inputs are analysed at once (the main thread plus worker threads); partial states are
 * merged in input order once all are in, so the report does not depend on which input finished
 * first. An input that cannot be read or recognised is reported in `inputs[].error`; the others
 * are still analysed. `settings` are resolved once (`resolveAnalysisSettings`; resolved
 * settings are used as they are) and go unchanged to the main thread and every worker thread.
 * @throws only InvalidSettingError for a setting that cannot be used (before any input is read),
 *   an `AbortError` for an aborted `signal`, or InvalidDefinitionError for invalid definitions.
 */
export async function analyzeInputs(paths: readonly string[], settingsInput: AnalysisSettingsInput = {}, options: AnalyzeOptions = {}): Promise<AnalysisState> {
  const settings = resolveAnalysisSettings(settingsInput)
  // The main thread's registries, built (or taken from the input) before the workers start.
  analysisRegistries(settings)
  const jobs = options.onEvent ? 1 : (options.jobs ?? 1)
  const workers: AnalysisWorker[] = []
  const startWorkers = (wanted: number): void => {
    const url = options.workerUrl ?? new URL('./analyze-worker.js', import.meta.url)
    while (workers.length < wanted) workers.push(startAnalysisWorker(url, settings))
  }
  const stopWorkers = (): void => {
    for (const w of workers) void w.close()
  }
  // A worker takes ~0.2 s to load and build its registries: start them before the inputs are
  // listed, one per extra path; directories may call for more, and unneeded ones are stopped.
  startWorkers(Math.min(jobs - 1, paths.filter((p) => p !== '-').length - 1))
  options.signal?.addEventListener('abort', stopWorkers, { once: true })
  try {
    const resolved = await resolveInputs(paths, {
      include: options.include,
      exclude: options.exclude,
      serverConfig: serverConfigMatcher(),
      signal: options.signal,
    })
    const { errors, skipped, folders } = resolved
    // [t11 hook] one unit per plain input, rotated set or group of paired logs
    const { logFormats } = analysisRegistries(settings)
    const plan = await planInputs(resolved.inputs, {
      logFormats,
      logFormat: settings.logFormat,
      logFormatFor: (path) => forcedLogFormat(settings, path),
      pairing: options.pairing,
      timeZone: settings.timeZone,
      year: settings.year,
      now: (options.now ?? Date.now)(),
    })
    const inputs = plan.units
    const files = inputs.filter((u) => isPlainUnit(u) && u.members[0]![0]!.path !== '-').length
    const wanted = Math.max(0, Math.min(jobs - 1, files - 1))
    startWorkers(wanted)
    for (const extra of workers.splice(wanted)) void extra.close()
    const partials = await analyzeAll(inputs, settings, options, workers)
    options.signal?.throwIfAborted()
    let state = emptyState()
    for (const error of errors) state.inputs.push(failedInput(error))
    for (const file of [...skipped, ...plan.skipped]) state.inputs.push(skippedInputSummary(file))
    for (const partial of partials) state = mergeStates(state, partial)
    const origins = new Map(resolved.inputs.map((i) => [i.path, i.origin]))
    settleCompressedInputs(state.inputs, (path) => origins.get(path))
    state.inputs.push(...foldersWithoutLogs(folders, state.inputs))
    state.notices.push(...plan.notices) // [t11 hook]
    return state
  } finally {
    options.signal?.removeEventListener('abort', stopWorkers)
    await Promise.all(workers.map((w) => w.close()))
  }
}

/** Analyses every input on the main thread and the given workers; partial states by input index. */
async function analyzeAll(inputs: readonly InputUnit[], settings: AnalysisSettings, options: AnalyzeOptions, workers: readonly AnalysisWorker[]): Promise<AnalysisState[]> {
  const signal = options.signal
  const now = options.now ?? Date.now
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
      const hooks = { now: now(), signal, onBytes: (n: number) => onBytes(index, n), onEvent: options.onEvent }
      // [t11 hook] a rotated set or paired logs are read together, in the main thread
      return isPlainUnit(unit) ? analyzeSource(input, openInput(input, stdin), settings, hooks) : analyzeGroup(unit, (i) => openInputStream(i, stdin), settings, hooks)
    },
  }
  // Standard input can only be read by the main thread.
  const workerLanes = workers.map(
    (worker): Lane => ({
      accepts: (index) => isPlainUnit(inputs[index]!) && inputs[index]!.members[0]![0]!.path !== '-', // [t11 hook]
      run(index) {
        signal?.throwIfAborted()
        return worker.analyze({ index, input: inputs[index]!.members[0]![0]!, now: now() }, (n) => onBytes(index, n))
      },
    }),
  )
  return runInLanes(inputs.length, [mainLane, ...workerLanes])
}

/** The summary of an input that could not be opened at all. */
function failedInput(error: InputError): InputSummary {
  return emptyInputSummary(error.path, { code: error.code, message: error.message })
}
