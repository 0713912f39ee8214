import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { mergeStates } from '../../src/analyze/state.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { buildReport } from '../../src/report/build-report.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { mergeReports, readReport } from '../../src/report/merge-reports.js'
import type { Report } from '../../src/report/report-schema.js'
import { reportToState } from '../../src/report/report-to-state.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { fixture } from '../helpers/paths.js'

const opts = { failOn: parseFailOn('error'), version: '0.1.0' }
const catalog = createCatalog()

/** Reports as `merge` reads them: written as JSON and read back. */
const viaJson = (reports: readonly Report[]): { name: string; report: Report }[] =>
  reports.map((r, i) => ({ name: `r${i}.json`, report: readReport(JSON.stringify(r), `r${i}.json`) }))

/** The real vsftpd log cut in two: the first part holds the max_per_ip refusal, the second the max_clients one. */
function splitVsftpd(): [string, string] {
  const lines = readFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), 'utf8').split('\n')
  const cut = lines.findIndex((l) => l.includes('421 There are too many connections from your internet address')) + 5
  expect(lines.slice(cut).some((l) => l.includes('421 There are too many connected users'))).toBe(true)
  const dir = mkdtempSync(join(tmpdir(), 'ftplog-merge-'))
  const a = join(dir, 'vsftpd-1.log')
  const b = join(dir, 'vsftpd-2.log')
  writeFileSync(a, `${lines.slice(0, cut).join('\n')}\n`)
  writeFileSync(b, lines.slice(cut).join('\n'))
  return [a, b]
}

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

  it('keeps the advice and directives of a max_per_ip and a max_clients refusal from different reports, as one run does', async () => {
    const [first, second] = splitVsftpd()
    const a = await fixtureReport([first])
    const b = await fixtureReport([second])
    const all = await fixtureReport([first, second])
    const capacity = (r: Report) => r.incidents.filter((i) => i.cause === 'capacity')
    // Each report alone knows one refusal; one run over both joins them into one incident.
    expect(capacity(a).map((i) => i.matchedBy.map((m) => m.id))).toEqual([['vsftpd-max-per-ip']])
    expect(capacity(b).map((i) => i.matchedBy.map((m) => m.id))).toEqual([['vsftpd-max-clients']])
    const [joined] = capacity(all)
    expect(joined!.matchedBy.map((m) => m.id).sort()).toEqual(['vsftpd-max-clients', 'vsftpd-max-per-ip'])
    expect(joined!.advice.directives.map((d) => d.name)).toEqual(expect.arrayContaining(['max_per_ip', 'max_clients']))
    expect(joined!.advice.summary).toContain('max_per_ip')
    expect(joined!.advice.summary).toContain('max_clients')
    for (const order of [viaJson([a, b]), viaJson([b, a])]) {
      const merged = mergeReports(order, opts)
      expect(capacity(merged)).toEqual([joined])
      // The one run also warns that its two inputs (halves of one 49-second log) start together;
      // notices describe one run's inputs, which reports of separate runs cannot know.
      expect(merged).toEqual({ ...all, notices: [] })
    }
  })

  it('gives back the report it was given, for every bundled real log', async () => {
    for (const path of [
      'fixtures/real/vsftpd/vsftpd.log',
      'fixtures/real/proftpd/system.log',
      'fixtures/real/proftpd/transfer.log',
      'fixtures/real/pure-ftpd/syslog.log',
      'fixtures/edge/vsftpd-bruteforce.log',
    ]) {
      const r = await fixtureReport([path])
      expect(mergeReports(viaJson([r]), opts)).toEqual(r)
    }
  })

  it('rebuilds the incident lists in their order from the report alone', async () => {
    // Unpaired, the dual log gives an `unknown` incident with many clients.
    const r = await fixtureReport(['fixtures/real/vsftpd/vsftpd.log', 'fixtures/real/vsftpd/xferlog'], { pairing: false })
    const state = reportToState(r)
    const unknown = state.incidents.find((i) => i.cause === 'unknown')!
    expect([...unknown.clients.counts.keys()]).toEqual(r.incidents.find((i) => i.cause === 'unknown')!.clients)
    expect([...unknown.clients.counts.values()].reduce((n, c) => n + c, 0)).toBeLessThanOrEqual(unknown.events)
  })

  it('merges a rebuilt state with a state read from logs, as one run over both (unpaired: a merge cannot pair)', async () => {
    const a = await fixtureReport(['fixtures/real/vsftpd/vsftpd.log'])
    const b = await analyzeInputs(['fixtures/real/vsftpd/xferlog', 'fixtures/edge/vsftpd-incidents.log'], { catalog, year: 2024 })
    const all = await fixtureReport(['fixtures/real/vsftpd/vsftpd.log', 'fixtures/real/vsftpd/xferlog', 'fixtures/edge/vsftpd-incidents.log'], { pairing: false })
    for (const state of [mergeStates(reportToState(a), b), mergeStates(b, reportToState(a))]) {
      expect(buildReport(state, { catalog, version: '0.1.0' })).toEqual(all)
    }
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

  it('keeps filters and redaction of the reports, and refuses reports made with different ones', async () => {
    const filter = { since: Date.parse('2024-01-15T10:04:00Z'), clients: ['198.51.100.7'] }
    const a = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'], { filter })
    const b = await fixtureReport(['fixtures/edge/vsftpd-bruteforce.log'], { filter })
    const all = await fixtureReport(['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log'], { filter })
    expect(mergeReports(viaJson([a, b]), opts)).toEqual(all)
    // The events each run's filters kept add up; a report made before that count leaves it unknown.
    expect(all.filters?.matchedEvents).toBe(a.filters!.matchedEvents! + b.filters!.matchedEvents!)
    expect(a.filters?.matchedEvents).toBeGreaterThan(0)
    const { matchedEvents: _, ...older } = b.filters!
    expect(mergeReports(viaJson([a, { ...b, filters: older }]), opts).filters).toEqual(older)
    const unfiltered = await fixtureReport(['fixtures/edge/vsftpd-bruteforce.log'])
    expect(() => mergeReports(viaJson([a, unfiltered]), opts)).toThrow(/different filters/)
    const redacted = mergeReports(viaJson([{ ...a, redacted: true }, { ...b, redacted: true }]), opts)
    expect(redacted.redacted).toBe(true)
    expect(() => mergeReports(viaJson([{ ...a, redacted: true }, b]), opts)).toThrow(/different redaction/)
  })
})
