import { describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { stripControlChars } from '../../src/formatters/escape.js'
import { json } from '../../src/formatters/json.js'
import { markdown } from '../../src/formatters/markdown.js'
import { text } from '../../src/formatters/text.js'
import { displayWidth } from '../../src/formatters/text-layout.js'
import { buildReport } from '../../src/report/build-report.js'
import { analyzeText, lines } from '../helpers/analyze-text.js'
import { incidentsReport } from '../helpers/report-builder.js'

const catalog = createCatalog()
async function fixtureReport(path: string) {
  return buildReport(await analyzeInputs([path], { catalog, year: 2024 }), { catalog, version: '0.1.0' })
}

describe('text formatter', () => {
  it('matches the golden report of a hand-made report', async () => {
    await expect(text(incidentsReport(), { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.txt')
  })

  it('fits 80 columns', async () => {
    const report = await fixtureReport('fixtures/edge/vsftpd-incidents.log')
    for (const line of text(report, { color: false }).split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80)
  })

  it('colours only when asked', async () => {
    const report = await fixtureReport('fixtures/edge/vsftpd-incidents.log')
    expect(text(report, { color: false })).not.toContain('\u001b[')
    expect(text(report, { color: true })).toContain('\u001b[31m')
  })

  it('neutralises control characters, ANSI escapes and bidi overrides from the log', async () => {
    const evil = 'bob\u001b[2J\u001b]0;pwned\u0007\r\u202egnp.exe'
    const report = await analyzeText(
      lines(
        `Mon Jan 15 10:00:00 2024 [pid 1] CONNECT: Client "10.0.0.1"`,
        `Mon Jan 15 10:00:01 2024 [pid 1] [${evil}] FTP response: Client "10.0.0.1", "421 Timeout.\u001b[31m"`,
      ),
      { path: 'evil\u001b[1m.log' },
    )
    const out = text(report, { color: false })
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(out).toContain('\\x1b[2J')
  })
})

describe('stripControlChars', () => {
  it('escapes C0, C1, DEL and bidi controls visibly and keeps ordinary text', () => {
    expect(stripControlChars('a\u001bb\u009bc\u007fd\u202ee\tf')).toBe('a\\x1bb\\x9bc\\x7fd\\u202ee f')
    expect(stripControlChars('Grüße 状態 🎉')).toBe('Grüße 状態 🎉')
  })
})

describe('json formatter', () => {
  it('matches the golden JSON of a hand-made report', async () => {
    await expect(json(incidentsReport(), { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.json')
  })
})

describe('text formatter: filters and security', () => {
  it('says what was filtered and summarises brute force and privileged logins', async () => {
    const state = await analyzeInputs(['fixtures/edge/vsftpd-bruteforce.log'], { catalog, year: 2024, filter: { users: ['root'] } })
    const report = buildReport(state, { catalog, version: '0.1.0', filter: { users: ['root'] } })
    const out = text(report, { color: false, width: 200 })
    // The five login attempts of root (the log has no reply lines).
    expect(out).toContain('filtered: users root; 5 events passed (incidents and security figures; line and total counts cover every line)')
    expect(out).toContain('security   0 brute-force windows; 5 root/admin logins (1 succeeded)')
  })
})

describe('text formatter: display order', () => {
  it('lists undated incidents after the timed ones of their severity, as the markdown formatter does', async () => {
    const report = await fixtureReport('fixtures/edge/vsftpd-incidents.log')
    const errors = report.incidents.filter((i) => i.severity === 'error')
    expect(errors.length).toBeGreaterThanOrEqual(2)
    const undated = errors[errors.length - 1]!
    const incidents = report.incidents.map((i) => (i === undated ? { ...i, cause: 'shutdown' as const, firstSeen: null, lastSeen: null } : i))
    const out = text({ ...report, incidents }, { color: false, width: 200 })
    const table = out.slice(out.indexOf('INCIDENTS'), out.indexOf('WHAT HAPPENED'))
    const rows = table.split('\n').filter((l) => l.startsWith('  ✖'))
    expect(rows[rows.length - 1]).toContain('(no time)')
    const md = markdown({ ...report, incidents }, { color: false })
    const mdRows = md.split('\n').filter((l) => l.startsWith('| 🔴 error'))
    expect(mdRows[mdRows.length - 1]).toContain('shutdown')
    const advice = out.slice(out.indexOf('WHAT HAPPENED'))
    expect(advice.indexOf('[shutdown]')).toBeGreaterThan(advice.indexOf(`[${errors[0]!.cause}]`))
  })
})
