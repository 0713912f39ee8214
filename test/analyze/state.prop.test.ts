import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeSource } from '../../src/analyze/analyze-input.js'
import { resolveAnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { emptyState, mergeStates, type AnalysisState } from '../../src/analyze/state.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { buildReport } from '../../src/report/build-report.js'
import { fixture } from '../helpers/paths.js'

const catalog = createCatalog()
const logFormats = createLogFormatRegistry()
const VSFTPD = readFileSync(fixture('edge', 'vsftpd-incidents.log'), 'utf8').trimEnd().split('\n')
const XFERLOG = readFileSync(fixture('edge', 'clean-xferlog.log'), 'utf8').trimEnd().split('\n')

/**
 * A real-looking input: the fixture's sessions (421s, 426s, logins, transfers) with their clients
 * renamed, shifted by whole minutes (so incidents of several inputs overlap, touch or stay apart),
 * and some lines dropped; or a clean xferlog.
 */
const inputArb = fc
  .record({
    path: fc.constantFrom('a.log', 'b.log', 'c/d.log', 'e.log'),
    shiftMinutes: fc.integer({ min: 0, max: 20 }),
    client: fc.constantFrom('198.51.100.7', '203.0.113.9', '192.0.2.10', '2001:db8::1'),
    keep: fc.array(fc.boolean(), { minLength: VSFTPD.length, maxLength: VSFTPD.length }),
    xferlog: fc.boolean(),
  })
  .map(({ path, shiftMinutes, client, keep, xferlog }) => {
    if (xferlog) return { path, text: `${XFERLOG.join('\n')}\n` }
    const lines = VSFTPD.filter((_, i) => keep[i]).map((l) =>
      l.replace(/10:(\d\d):(\d\d)/, (_, m: string, s: string) => `${10 + Math.floor((Number(m) + shiftMinutes) / 60)}:${String((Number(m) + shiftMinutes) % 60).padStart(2, '0')}:${s}`).replace('198.51.100.7', client),
    )
    return { path, text: `${lines.join('\n')}\n` }
  })

const settings = resolveAnalysisSettings({ logFormats, catalog, timeZone: 'UTC', year: 2024, maxLineBytes: 1 << 20, incidentGapMs: 120_000 })

async function analyze({ path, text }: { path: string; text: string }): Promise<AnalysisState> {
  return analyzeSource({ path, size: undefined, mtimeMs: undefined }, Readable.from([Buffer.from(text)]), settings, { now: 0 })
}
const report = (s: AnalysisState): unknown => buildReport(s, { catalog, version: 'test', incidentGapMs: 120_000 })

describe('mergeStates', () => {
  it('is order-free, associative and has emptyState as identity, as seen in the report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(inputArb, { minLength: 3, maxLength: 3 }), async (inputs) => {
        const [a, b, c] = await Promise.all(inputs.map(analyze))
        const ab = report(mergeStates(a!, b!))
        expect(report(mergeStates(b!, a!))).toEqual(ab)
        expect(report(mergeStates(mergeStates(a!, b!), c!))).toEqual(report(mergeStates(a!, mergeStates(b!, c!))))
        expect(report(mergeStates(mergeStates(a!, c!), b!))).toEqual(report(mergeStates(c!, mergeStates(b!, a!))))
        expect(report(mergeStates(emptyState(), a!))).toEqual(report(a!))
        expect(report(mergeStates(a!, emptyState()))).toEqual(report(a!))
      }),
      { numRuns: 60 },
    )
  })

  it('keeps line accounting exact for every input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(inputArb, { minLength: 1, maxLength: 4 }), async (inputs) => {
        const merged = (await Promise.all(inputs.map(analyze))).reduce(mergeStates, emptyState())
        for (const i of merged.inputs) expect(i.recognizedLines + i.notFtpLines + i.unrecognizedLines + i.skippedLines).toBe(i.lines)
      }),
      { numRuns: 30 },
    )
  })

  it('survives a structured clone (what worker threads send)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(inputArb, { minLength: 2, maxLength: 2 }), async (inputs) => {
        const [a, b] = await Promise.all(inputs.map(analyze))
        const viaClone = mergeStates(structuredClone(a!), structuredClone(b!))
        expect(report(viaClone)).toEqual(report(mergeStates(a!, b!)))
      }),
      { numRuns: 20 },
    )
  })
})
