// A worker thread is started with the run's `AnalysisSettings` as its `workerData` (plain,
// structured-clone-safe data; it rebuilds the registries from them), then sent these messages.
import type { InputSource } from '../io/open-input.js'
import type { AnalysisState } from './state.js'

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
