// Entry point of an analysis worker thread (bundled as dist/analyze-worker.js). It rebuilds the
// registries from the setup data, then analyses the inputs it is sent, one at a time, with the
// same code as the main thread, and posts each input's partial state back.
import { parentPort, workerData } from 'node:worker_threads'
import { createCatalog } from '../catalog/catalog.js'
import { openInput } from '../io/open-input.js'
import { createLogFormatRegistry } from '../log-formats/registry.js'
import { analyzeSource } from './analyze-input.js'
import type { AnalyzeRequest, WorkerMessage, WorkerSetup } from './worker-protocol.js'

/** Progress is posted at most this often per input, in raw bytes. */
const PROGRESS_STEP_BYTES = 4 * 1024 * 1024

const setup = workerData as WorkerSetup
// The main thread's registry checked these definitions' samples already: pass them as the base set, which is not re-checked.
const logFormats = setup.logFormatDefinitions ? createLogFormatRegistry([], setup.logFormatDefinitions) : createLogFormatRegistry()
const catalog = createCatalog(setup.catalogData)
const port = parentPort!
const post = (message: WorkerMessage): void => port.postMessage(message)

port.on('message', (request: AnalyzeRequest) => {
  void analyze(request)
})

async function analyze({ index, input, now }: AnalyzeRequest): Promise<void> {
  try {
    let reported = 0
    let read = 0
    const state = await analyzeSource(input, openInput(input, noStdin), {
      logFormats,
      catalog,
      logFormat: setup.logFormat,
      timeZone: setup.timeZone,
      year: setup.year,
      now,
      maxLineBytes: setup.maxLineBytes,
      incidentGapMs: setup.incidentGapMs,
      filter: setup.filter,
      bruteForce: setup.bruteForce,
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
