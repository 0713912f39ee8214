import { describe, expect, it } from 'vitest'
import { parseFailOn } from '../../src/report/fail-on.js'
import { mergeReports, readReport } from '../../src/report/merge-reports.js'
import { fixtureReport } from '../helpers/fixture-report.js'

const opts = { failOn: parseFailOn('error'), version: '0.1.0' }

describe('mergeReports', () => {
  it('gives the report of one run over all inputs, in any order', async () => {
    const a = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'])
    const b = await fixtureReport(['fixtures/edge/vsftpd-bruteforce.log'])
    const c = await fixtureReport(['fixtures/edge/clean-xferlog.log'])
    const all = await fixtureReport(['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log', 'fixtures/edge/clean-xferlog.log'])
    const abc = mergeReports([{ name: 'a', report: a }, { name: 'b', report: b }, { name: 'c', report: c }], opts)
    const cba = mergeReports([{ name: 'c', report: c }, { name: 'b', report: b }, { name: 'a', report: a }], opts)
    expect(abc).toEqual(cba)
    expect(abc).toEqual(all)
  })

  it('reads reports written before the security, timeline and top sections existed', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'])
    const old = JSON.parse(JSON.stringify(r)) as Record<string, unknown>
    for (const field of ['security', 'timeline', 'top', 'filters', 'redacted']) delete old[field]
    const v = old.verdict as Record<string, unknown>
    for (const field of ['reasons', 'maxIncidents', 'maxUnrecognized']) delete v[field]
    const read = readReport(JSON.stringify(old), 'old.json')
    expect(read.security.bruteForce.windows).toEqual([])
    expect(read.timeline).toEqual({ bucketMs: 0, buckets: [] })
    const merged = mergeReports([{ name: 'old.json', report: read }], { ...opts, version: '0.1.0' })
    expect(merged.incidents).toEqual(r.incidents)
    expect(merged.verdict).toEqual(r.verdict)
  })
})
