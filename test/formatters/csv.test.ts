import { describe, expect, it } from 'vitest'
import { csv, csvTransfers } from '../../src/formatters/csv.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { incidentsReport } from '../helpers/report-builder.js'
import { hostileReport } from '../helpers/hostile.js'

/** A small RFC 4180 reader, to check that what we write reads back as written. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++
    else field += c
  }
  return rows
}

describe('csv formatters', () => {
  it('match the golden tables of a hand-made report', async () => {
    const r = incidentsReport()
    await expect(csv(r, { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.csv')
    await expect(csvTransfers(r, { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.transfers.csv')
  })

  it('write one row per incident with a fixed number of fields', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'])
    const rows = readCsv(csv(r, { color: false }))
    expect(rows).toHaveLength(r.incidents.length + 1)
    for (const row of rows) expect(row).toHaveLength(rows[0]!.length)
    expect(rows[1]).toEqual(expect.arrayContaining(['data-connection-lost', '426', 'yes']))
  })

  it('quote hostile content and guard formulas', async () => {
    const out = csv(await hostileReport(), { color: false })
    const rows = readCsv(out)
    expect(rows).toHaveLength(2)
    const row = rows[1]!
    expect(row).toHaveLength(rows[0]!.length)
    expect(row[12]).toBe(`'=cmd|' /C calc'!A0`) // files: leading ' defuses the formula
    expect(row[15]).toBe('logs/evil,name:1 %0A`|<i>.log')
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('guard a transfers table as well', async () => {
    const rows = readCsv(csvTransfers(await fixtureReport(['fixtures/edge/vsftpd-incidents.log']), { color: false }))
    expect(rows[0]).toEqual(['outcome', 'direction', 'transfers', 'bytes', 'incident', 'files'])
    expect(rows[2]).toEqual(['completed', 'download', '1', '1048576', '', ''])
  })
})
