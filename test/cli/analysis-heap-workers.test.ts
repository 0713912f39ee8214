import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { MAIN_YOUNG_GENERATION_MB, tuneHeapForAnalysis } from '../../src/cli/analysis-heap.js'

/** The new space of a worker thread started now with the worker pool's kind of limit, in bytes. */
const workerNewSpace = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const code = "const v8 = require('node:v8'); require('node:worker_threads').parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)"
    const worker = new Worker(code, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 24 } })
    worker.once('message', (size: number) => {
      resolve(size)
      void worker.terminate()
    })
    worker.once('error', reject)
  })

describe('tuneHeapForAnalysis and worker lanes', () => {
  // Its own file: the tuning applies once per module instance, and analysis-heap.test.ts tunes with a cap of 0.
  it('starts worker lanes with semi-spaces of half the main thread cap, which they could not grow to', async () => {
    tuneHeapForAnalysis()
    expect(await workerNewSpace()).toBeGreaterThanOrEqual((MAIN_YOUNG_GENERATION_MB / 2) * 1024 * 1024)
  })
})
