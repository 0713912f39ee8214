import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MAX_KEYS } from '../../src/collections/counter-map.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { text as textFormatter } from '../../src/formatters/text.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { mergeReports, readReport } from '../../src/report/merge-reports.js'
import { reportSchema, type Report } from '../../src/report/report-schema.js'
import { fixtureReport } from '../helpers/fixture-report.js'

const dir = mkdtempSync(join(tmpdir(), 'ftplog-approximate-'))
const HEAVY = '198.51.100.7'

/**
 * A vsftpd log where `clients` distinct clients each get one 421 refusal and one failed login,
 * and one heavy client 50 of each at the end: more distinct clients than a table keeps.
 */
function writeLog(name: string, clients: number, offset = 0): string {
  const lines: string[] = []
  const at = (i: number): string => `Mon Jan 15 10:${String(Math.floor(i / 6000) % 60).padStart(2, '0')}:${String(Math.floor(i / 100) % 60).padStart(2, '0')} 2024`
  const client = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
  const add = (i: number, c: string): void => {
    lines.push(`${at(i)} [pid ${1000 + i}] FTP response: Client "${c}", "421 There are too many connections from your internet address."`)
    lines.push(`${at(i)} [pid ${1000 + i}] [user${i % 7}] FAIL LOGIN: Client "${c}"`)
  }
  for (let i = 0; i < clients; i++) add(i, client(i + offset))
  for (let i = 0; i < 50; i++) add(clients + i, HEAVY)
  const path = join(dir, name)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

describe('approximateCounts', () => {
  it('is absent while every table fits its bound', async () => {
    const report = await fixtureReport([writeLog('small.log', 300)])
    expect(report.top.clients[HEAVY]).toBe(50)
    expect(report.approximateCounts).toBeUndefined()
    expect('approximateCounts' in report).toBe(false)
  })

  it('names each table over its bound with its error, keeps the heavy hitter, and survives a merge', async () => {
    const events = DEFAULT_MAX_KEYS + 2000
    const report = await fixtureReport([writeLog('big.log', events)])
    expect(reportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report)
    const approx = report.approximateCounts!
    expect(Object.keys(approx).sort()).toEqual(['/incidents/0/clients', '/logins/failedByClient', '/security/failedByClient', '/top/clients'])
    const n = events + 50
    for (const error of Object.values(approx)) expect(error).toBeLessThanOrEqual(n / DEFAULT_MAX_KEYS)
    // The heavy hitter stays first, its count at least the true one and at most the error above it.
    for (const [pointer, table] of [['/top/clients', report.top.clients], ['/logins/failedByClient', report.logins.failedByClient], ['/security/failedByClient', report.security.failedByClient]] as const) {
      expect(Object.keys(table)[0]).toBe(HEAVY)
      expect(table[HEAVY]).toBeGreaterThanOrEqual(50)
      expect(table[HEAVY]! - 50).toBeLessThanOrEqual(approx[pointer]!)
    }
    expect(report.incidents[0]!.clients[0]).toBe(HEAVY)
    // User names (7 of them) stay exact.
    expect(report.logins.failedByUser).toEqual(Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((u) => [`user${u}`, expect.any(Number)])))
    expect(Object.values(report.logins.failedByUser).reduce((a, b) => a + b, 0)).toBe(n)

    const text = textFormatter(report, { color: false, width: 100 })
    expect(text.replace(/\s+/g, ' ')).toMatch(/their counts may overstate by up to [0-9]+ events/)

    // A merge with an exact report keeps saying so; two approximate reports add their errors.
    const small = await fixtureReport([writeLog('small2.log', 10, 500_000)])
    const named = (rs: Report[]) => rs.map((r, i) => ({ name: `r${i}.json`, report: readReport(JSON.stringify(r), `r${i}.json`) }))
    const opts = { catalog: createCatalog(), failOn: parseFailOn('error'), version: '0.1.0' }
    const withSmall = mergeReports(named([report, small]), opts)
    expect(withSmall.approximateCounts?.['/logins/failedByClient']).toBe(approx['/logins/failedByClient'])
    const twice = mergeReports(named([report, report]), opts)
    expect(twice.approximateCounts?.['/logins/failedByClient']).toBe(2 * approx['/logins/failedByClient']!)
  })
})
