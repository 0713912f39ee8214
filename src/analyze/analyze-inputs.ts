import { createCatalog, type Catalog } from '../catalog/catalog.js'
import { openInput, resolveInputs, type InputSource, type StdinProvider } from '../io/open-input.js'
import { createLogFormatRegistry, type LogFormatRegistry } from '../log-formats/registry.js'
import type { BruteForceRule } from '../security/brute-force-rule.js'
import { analyzeSource } from './analyze-input.js'
import type { AnalysisEvent } from './analysis-event.js'
import type { EventFilter } from './event-filter.js'
import { emptyState, mergeStates, type AnalysisState } from './state.js'

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
   * Keep only these incident events, login attempts and timeline points. Line accounting and
   * the reply, session, login and transfer totals still cover every line.
   */
  readonly filter?: EventFilter | undefined
  /** Brute-force threshold for the security summary. @default the `wazuh` preset (8 failures in 120 s) */
  readonly bruteForce?: BruteForceRule | undefined
  /**
   * Streaming sink: called synchronously with every server reply, login attempt and transfer
   * (after `filter`), in input order, while the inputs are read. Nothing is kept for it, so a
   * sink that writes each event out keeps memory flat.
   */
  readonly onEvent?: ((event: AnalysisEvent) => void) | undefined
}

/** Defaults of {@link AnalyzeOptions}, in one place. */
export const ANALYZE_DEFAULTS = {
  timeZone: 'UTC',
  maxLineBytes: 1024 * 1024,
  incidentGapMs: 5 * 60 * 1000,
} as const

/**
 * Analyses files, directories (their files) and `-` (stdin), one after the other, and merges the
 * results. An input that cannot be read or recognised is reported in `inputs[].error`; the others
 * are still analysed.
 * @throws only for an aborted `signal` or invalid bundled data (a bug).
 */
export async function analyzeInputs(paths: readonly string[], options: AnalyzeOptions = {}): Promise<AnalysisState> {
  const logFormats = options.logFormats ?? createLogFormatRegistry()
  const catalog = options.catalog ?? createCatalog()
  const { inputs, errors } = await resolveInputs(paths)
  let state = emptyState()
  for (const error of errors) {
    state.inputs.push({
      path: error.path,
      logFormat: null,
      detection: 'none',
      bytes: 0,
      lines: 0,
      recognizedLines: 0,
      unrecognizedLines: 0,
      notFtpLines: 0,
      skippedLines: 0,
      overlongLines: 0,
      unrecognizedSamples: [],
      timeRule: null,
      firstTime: undefined,
      lastTime: undefined,
      error: { code: error.code, message: error.message },
    })
  }
  const bytesTotal = inputs.reduce((n, i) => n + (i.size ?? 0), 0)
  let bytesDone = 0
  for (const input of inputs) {
    options.signal?.throwIfAborted()
    const stdin: StdinProvider = options.stdin ?? (() => {
      throw new Error('no standard input available')
    })
    const stream = openInput(input, stdin)
    const base = bytesDone
    const partial = await analyzeSource(input, stream, {
      logFormats,
      catalog,
      logFormat: options.logFormat,
      timeZone: options.timeZone ?? ANALYZE_DEFAULTS.timeZone,
      year: options.year,
      now: (options.now ?? Date.now)(),
      maxLineBytes: options.maxLineBytes ?? ANALYZE_DEFAULTS.maxLineBytes,
      incidentGapMs: options.incidentGapMs ?? ANALYZE_DEFAULTS.incidentGapMs,
      signal: options.signal,
      filter: options.filter,
      bruteForce: options.bruteForce,
      onEvent: options.onEvent,
      onBytes: (n) => options.onProgress?.({ path: input.path, bytesRead: base + n, bytesTotal }),
    })
    bytesDone += sizeOf(input, partial.inputs[0]?.bytes ?? 0)
    state = mergeStates(state, partial)
  }
  return state
}

function sizeOf(input: InputSource, read: number): number {
  return input.size ?? read
}
