import { Worker } from 'node:worker_threads'
import type { AnalysisState } from './state.js'
import { workerSettings, type AnalysisSettings } from './analysis-settings.js'
import type { AnalyzeRequest, WorkerMessage } from './worker-protocol.js'

/** A place that analyses inputs one at a time: the main thread, or a worker thread. */
export interface Lane {
  /** Whether this lane can take input `index` (standard input stays in the main thread). */
  accepts(index: number): boolean
  /**
   * Analyses input `index`.
   * @throws LaneUnavailableError when the lane cannot work (a worker that failed to start); the
   *   input then goes to another lane.
   */
  run(index: number): Promise<AnalysisState>
}

/** A lane that cannot take work any more; its input is handed to another lane. */
export class LaneUnavailableError extends Error {}

/**
 * Runs inputs `0 … count-1` over `lanes`: each lane takes the lowest-numbered input it accepts
 * that nobody has taken, analyses it, and takes the next. Results are returned by input index,
 * whatever order they completed in. The first lane must accept every input (the main thread),
 * so work never gets stuck when workers drop out.
 * @throws the first error of any lane other than {@link LaneUnavailableError}.
 */
export async function runInLanes(count: number, lanes: readonly Lane[]): Promise<AnalysisState[]> {
  const results: (AnalysisState | undefined)[] = new Array(count)
  const taken = new Array<boolean>(count).fill(false)
  const take = (lane: Lane): number => {
    for (let i = 0; i < count; i++) {
      if (!taken[i] && lane.accepts(i)) {
        taken[i] = true
        return i
      }
    }
    return -1
  }
  const drive = async (lane: Lane): Promise<void> => {
    for (let i = take(lane); i !== -1; i = take(lane)) {
      try {
        results[i] = await lane.run(i)
      } catch (error) {
        if (!(error instanceof LaneUnavailableError)) throw error
        taken[i] = false
        return
      }
    }
  }
  // A worker lane that retires hands its input back; the main lane picks it up after its own.
  await Promise.all(lanes.map(drive))
  await drive(lanes[0]!)
  return results.map((r, i) => {
    if (!r) throw new Error(`input ${i} was not analysed`)
    return r
  })
}

/** A worker thread that analyses inputs one at a time; see `analyze-worker.ts`. */
export interface AnalysisWorker {
  analyze(request: AnalyzeRequest, onBytes: (bytesRead: number) => void): Promise<AnalysisState>
  /** Stops the thread (also mid-input, on abort). */
  close(): Promise<void>
}

/**
 * Young-generation cap per worker, in MB: V8 counts both semi-spaces and the new large-object
 * space, so 24 MB gives a worker the main thread's 8 MiB semi-spaces (src/cli/analysis-heap.ts).
 * With 8 MB a worker spent 19–24 % of its time in scavenges, against 7 % with 24 MB and the CLI's
 * initial semi-space size (two 1M-line vsftpd logs, `--jobs 2`, CPU profiles per thread).
 */
const WORKER_YOUNG_GENERATION_MB = 24

/**
 * Starts a worker thread running `url` (the bundled `analyze-worker.js`) with the run's
 * `settings`, which it receives as they are (a structured clone). `analyze` rejects with {@link LaneUnavailableError} if the thread cannot start or dies.
 */
export function startAnalysisWorker(url: URL, settings: AnalysisSettings): AnalysisWorker {
  let worker: Worker
  try {
    worker = new Worker(url, { workerData: workerSettings(settings), resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } })
  } catch (error) {
    const reason = new LaneUnavailableError(`worker thread did not start: ${(error as Error).message}`, { cause: error })
    return { analyze: () => Promise.reject(reason), close: async () => {} }
  }
  // Idle workers must not keep the process alive; a running job holds a ref through its promise.
  worker.unref()
  let pending:
    | { index: number; resolve: (s: AnalysisState) => void; reject: (e: Error) => void; onBytes: (n: number) => void }
    | undefined
  let dead: Error | undefined
  const fail = (error: Error): void => {
    dead ??= error
    const p = pending
    pending = undefined
    p?.reject(new LaneUnavailableError(`worker thread stopped: ${error.message}`, { cause: error }))
  }
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)))
  worker.on('message', (message: WorkerMessage) => {
    const p = pending
    if (!p || message.index !== p.index) return
    if (message.type === 'bytes') p.onBytes(message.bytesRead)
    else if (message.type === 'done') {
      pending = undefined
      p.resolve(message.state)
    } else {
      pending = undefined
      const error = new Error(`analysis failed in a worker thread: ${message.message}`)
      if (message.stack) error.stack = message.stack
      p.reject(error)
    }
  })
  return {
    analyze(request, onBytes) {
      if (dead) return Promise.reject(new LaneUnavailableError(`worker thread stopped: ${dead.message}`))
      return new Promise<AnalysisState>((resolve, reject) => {
        pending = { index: request.index, resolve, reject, onBytes }
        worker.ref()
        worker.postMessage(request)
      }).finally(() => worker.unref())
    },
    async close() {
      await worker.terminate()
    },
  }
}
