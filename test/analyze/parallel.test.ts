import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveAnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { emptyState, mergeStates, type AnalysisState } from '../../src/analyze/state.js'
import { LaneUnavailableError, runInLanes, startAnalysisWorker, type Lane } from '../../src/analyze/worker-pool.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { buildReport } from '../../src/report/build-report.js'
import { bundleWorker } from '../helpers/bundle-worker.js'
import { fixture } from '../helpers/paths.js'

const catalog = createCatalog()
const report = (state: AnalysisState): unknown => buildReport(state, { catalog, version: 'test' })
let dir: string
let workerUrl: URL

beforeAll(async () => {
  ;({ dir, workerUrl } = await bundleWorker('parallel'))
  // Several inputs with incidents of the same causes, so merging really has work to do.
  const base = fixture('edge', 'vsftpd-incidents.log')
  const text = readFileSync(base, 'utf8')
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, `log-${i}.log`), text.replaceAll('2024', String(2020 + (i % 3))).repeat(1 + i))
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const inputs = (): string[] => [0, 1, 2, 3, 4].map((i) => join(dir, `log-${i}.log`))

describe('parallel analysis', () => {
  it('worker threads give the same report as the main thread alone', async () => {
    const one = await analyzeInputs([...inputs(), fixture('edge', 'clean-xferlog.log')], { catalog, year: 2024 }, { jobs: 1 })
    const three = await analyzeInputs([...inputs(), fixture('edge', 'clean-xferlog.log')], { catalog, year: 2024 }, { jobs: 3, workerUrl })
    expect(report(three)).toEqual(report(one))
    expect(one.inputs).toHaveLength(6)
  })

  it('reports progress summed over the inputs analysed at once', async () => {
    const seen: number[] = []
    let total = 0
    await analyzeInputs(inputs(), { catalog }, {
      jobs: 2,
      workerUrl,
      onProgress: (p) => {
        seen.push(p.bytesRead)
        total = p.bytesTotal
      },
    })
    expect(total).toBeGreaterThan(0)
    expect(Math.max(...seen)).toBe(total)
  })

  it('falls back to the main thread when a worker cannot start', async () => {
    const missing = pathToFileURL(join(dir, 'no-such-worker.js'))
    const state = await analyzeInputs(inputs(), { catalog, year: 2024 }, { jobs: 4, workerUrl: missing })
    const one = await analyzeInputs(inputs(), { catalog, year: 2024 }, { jobs: 1 })
    expect(report(state)).toEqual(report(one))
  })

  it('returns results by input index whatever order the lanes finish in', async () => {
    const states = await Promise.all(inputs().map((p) => analyzeInputs([p], { catalog, year: 2024 })))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(20), { minLength: 5, maxLength: 5 }), fc.integer({ min: 1, max: 4 }), async (delays, laneCount) => {
        const lanes: Lane[] = Array.from({ length: laneCount }, () => ({
          accepts: () => true,
          run: (i: number) => new Promise<AnalysisState>((resolve) => setTimeout(() => resolve(states[i]!), delays[i]!)),
        }))
        expect(await runInLanes(5, lanes)).toEqual(states)
      }),
      { numRuns: 25 },
    )
  })

  it('merges partial states to the same report in any completion order', async () => {
    const states = await Promise.all(inputs().map((p) => analyzeInputs([p], { catalog, year: 2024 })))
    const inOrder = report(states.reduce(mergeStates, emptyState()))
    await fc.assert(
      fc.property(fc.shuffledSubarray(states, { minLength: 5, maxLength: 5 }), (order) => {
        expect(report(order.reduce(mergeStates, emptyState()))).toEqual(inOrder)
      }),
      { numRuns: 30 },
    )
  })

  it('a worker thread analyses an input', async () => {
    const worker = startAnalysisWorker(workerUrl, resolveAnalysisSettings({ year: 2024 }))
    try {
      const input = { path: fixture('edge', 'vsftpd-incidents.log'), size: undefined, mtimeMs: undefined }
      const state = await worker.analyze({ index: 0, input, now: 0 }, () => {})
      expect(report(state)).toEqual(report(await analyzeInputs([input.path], { catalog, year: 2024 })))
    } finally {
      await worker.close()
    }
  })

  it('hands the input of a lane that drops out to the main lane', async () => {
    const states = await Promise.all(inputs().map((p) => analyzeInputs([p], { catalog, year: 2024 })))
    const main: Lane = { accepts: () => true, run: async (i) => states[i]! }
    const broken: Lane = { accepts: () => true, run: async () => Promise.reject(new LaneUnavailableError('gone')) }
    expect(await runInLanes(5, [main, broken, broken])).toEqual(states)
  })
})
