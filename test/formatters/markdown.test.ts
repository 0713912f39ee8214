import { describe, expect, it } from 'vitest'
import { markdown } from '../../src/formatters/markdown.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { bruteForceReport, incidentsReport } from '../helpers/report-builder.js'
import { hostileReport } from '../helpers/hostile.js'

const INCIDENTS = 'fixtures/edge/vsftpd-incidents.log'
const BRUTE = 'fixtures/edge/vsftpd-bruteforce.log'

describe('markdown formatter', () => {
  it('matches the golden summary of a hand-made report', async () => {
    await expect(markdown(incidentsReport(), { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.md')
  })

  it('matches the golden summary of a hand-made brute-force report (security section)', async () => {
    await expect(markdown(bruteForceReport(), { color: false })).toMatchFileSnapshot('../golden/vsftpd-bruteforce.md')
  })

  it('puts the verdict in the headline and every incident in the table', async () => {
    const r = await fixtureReport([INCIDENTS, BRUTE], { failOn: parseFailOn('warning') })
    const out = markdown(r, { color: false })
    expect(out.split('\n')[0]).toBe('## ftplog: FAIL: 3 incidents at or above --fail-on warning')
    const rows = out.split('\n').filter((l) => /^\| 🔴|^\| 🟠|^\| 🔵/.test(l))
    expect(rows).toHaveLength(r.incidents.length)
  })

  it('keeps hostile log content inert: table cells, fences, prose', async () => {
    const out = markdown(await hostileReport(), { color: false })
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    // Outside fenced blocks (where Markdown renders text as code), no raw HTML survives.
    const prose = out.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '')
    expect(prose).not.toBe(out)
    expect(prose).not.toContain('<script>')
    expect(prose).not.toContain('<b>')
    // Every table row keeps its column count: no cell content adds a `|`.
    const tables = out.split('\n').filter((l) => l.startsWith('| '))
    for (const row of tables) {
      const cells = row.replace(/\\\|/g, '').split('|').length
      expect(cells, row).toBeGreaterThanOrEqual(3)
      if (row.includes('| unknown |')) expect(row).toContain('eve\\|\\`x\\`\\<script\\>')
    }
    // The sample with a run of four backticks sits in a fence of five.
    expect(out).toContain('`````text\nMon Jan 15 10:00:03 2024')
    expect(out).toMatch(/\n`````\n/)
  })
})

describe('markdown formatter size', () => {
  it('stays well under GitHub’s 1 MiB step-summary limit for many incidents', async () => {
    const r = await fixtureReport([INCIDENTS])
    const many = Array.from({ length: 500 }, (_, n) => ({ ...r.incidents[0]!, id: `x/${n}`, samples: Array.from({ length: 5 }, () => ({ ...r.incidents[0]!.samples[0]!, text: 'x'.repeat(500) })) }))
    const out = markdown({ ...r, incidents: many }, { color: false })
    expect(out.length).toBeLessThan(200_000)
    expect(out).toContain('… 400 more incidents')
  })
})
