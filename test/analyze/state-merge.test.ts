import { describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { emptyState, mergeStates } from '../../src/analyze/state.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { buildReport } from '../../src/report/build-report.js'

const catalog = createCatalog()
const FILES = ['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log', 'fixtures/edge/clean-xferlog.log']

describe('mergeStates with the timeline and security sections', () => {
  it('is associative, has emptyState as identity, and order never shows in the report', async () => {
    const [a, b, c] = await Promise.all(FILES.map((f) => analyzeInputs([f], { catalog, year: 2024, bruteForce: { failures: 3, windowMs: 60_000, preset: null } })))
    const report = (s: ReturnType<typeof emptyState>) => buildReport(s, { catalog, version: 'test' })
    const left = mergeStates(mergeStates(a!, b!), c!)
    const right = mergeStates(a!, mergeStates(b!, c!))
    expect(report(left)).toEqual(report(right))
    expect(report(mergeStates(mergeStates(c!, b!), a!))).toEqual(report(left))
    expect(report(mergeStates(emptyState(), a!))).toEqual(report(a!))
    expect(report(mergeStates(a!, emptyState()))).toEqual(report(a!))
    const r = report(left)
    expect(r.security.bruteForce.rule).toEqual({ failures: 3, windowSeconds: 60, preset: null })
    expect(r.security.bruteForce.offenders).toEqual(['203.0.113.66'])
    const replies = Object.values(r.totals.replies).reduce((n, x) => n + x, 0)
    const charted = r.timeline.buckets.reduce((n, bkt) => n + Object.values(bkt.replies).reduce((m, x) => m + x, 0), 0)
    expect(charted).toBe(replies) // every reply of these logs has a time
  })
})
