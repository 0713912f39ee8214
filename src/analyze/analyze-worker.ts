// Entry point of an analysis worker thread (bundled as dist/analyze-worker.js). It receives the
// run's AnalysisSettings as its workerData, rebuilds the registries from them, then analyses the
// inputs it is sent, one at a time, with the same code and settings as the main thread, and posts
// each input's partial state back.
import { parentPort, workerData } from 'node:worker_threads'
import { openInput } from '../io/open-input.js'
import { analyzeSource } from './analyze-input.js'
import { analysisRegistries, type AnalysisSettings } from './analysis-settings.js'
import type { AnalyzeRequest, WorkerMessage } from './worker-protocol.js'

/** Progress is posted at most this often per input, in raw bytes. */
const PROGRESS_STEP_BYTES = 4 * 1024 * 1024

const settings = workerData as AnalysisSettings
// Built now, while the main thread lists the inputs, rather than with the first input.
analysisRegistries(settings)
const port = parentPort!
const post = (message: WorkerMessage): void => port.postMessage(message)

port.on('message', (request: AnalyzeRequest) => {
  void analyze(request)
})

async function analyze({ index, input, now }: AnalyzeRequest): Promise<void> {
  try {
    let reported = 0
    let read = 0
    const state = await analyzeSource(input, openInput(input, noStdin), settings, {
      now,
      onBytes: (bytesRead) => {
        read = bytesRead
        if (bytesRead - reported < PROGRESS_STEP_BYTES) return
        reported = bytesRead
        post({ type: 'bytes', index, bytesRead })
      },
    })
    if (read > reported) post({ type: 'bytes', index, bytesRead: read })
    post({ type: 'done', index, state })
  } catch (error) {
    post({ type: 'failed', index, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack })
  }
}

function noStdin(): never {
  throw new Error('standard input is analysed in the main thread')
}
