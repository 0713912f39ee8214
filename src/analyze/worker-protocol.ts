import type { InputSource } from '../io/open-input.js'
import type { BruteForceRule } from '../security/brute-force-rule.js'
import type { EventFilter } from './event-filter.js'
import type { AnalysisState } from './state.js'

/**
 * What a worker needs to analyse inputs like the main thread: plain, structured-clone-safe data.
 * Registries are rebuilt in the worker from their definitions (`undefined` = the bundled ones).
 */
export interface WorkerSetup {
  /** Validated log-format definitions in priority order, or `undefined` for the bundled ones. */
  readonly logFormatDefinitions: readonly unknown[] | undefined
  /** Catalog data as `createCatalog` takes it, or `undefined` for the bundled catalog. */
  readonly catalogData: unknown
  readonly logFormat: string | undefined
  readonly timeZone: string
  readonly year: number | undefined
  readonly maxLineBytes: number
  readonly incidentGapMs: number
  readonly filter: EventFilter | undefined
  readonly bruteForce: BruteForceRule | undefined
}

/** Main thread → worker: analyse one input. */
export interface AnalyzeRequest {
  readonly index: number
  readonly input: InputSource
  /** Epoch ms standing in for the modification time of inputs without one. */
  readonly now: number
}

/** Worker → main thread. */
export type WorkerMessage =
  | { readonly type: 'bytes'; readonly index: number; readonly bytesRead: number }
  | { readonly type: 'done'; readonly index: number; readonly state: AnalysisState }
  | { readonly type: 'failed'; readonly index: number; readonly message: string; readonly stack: string | undefined }
