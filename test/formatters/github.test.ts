import { describe, expect, it } from 'vitest'
import { github } from '../../src/formatters/github.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { incidentsReport } from '../helpers/report-builder.js'
import { hostileReport, HOSTILE_PATH } from '../helpers/hostile.js'

describe('github formatter', () => {
  it('matches the golden annotations of a hand-made report', async () => {
    await expect(github(incidentsReport(), { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.github.txt')
  })

  it('writes one annotation per sample at its line, with the incident severity', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'])
    const lines = github(r, { color: false }).trimEnd().split('\n')
    expect(lines).toHaveLength(r.incidents.reduce((n, i) => n + i.samples.length, 0))
    expect(lines[0]).toMatch(/^::error file=fixtures\/edge\/vsftpd-incidents\.log,line=19,title=ftplog data-connection-lost \(426\)::Data connection lost mid-transfer: /)
    expect(lines.at(-1)).toMatch(/^::notice file=.*,line=28,/)
  })

  it('reports unreadable inputs and tripped gates without a line', async () => {
    const r = await fixtureReport(['fixtures/edge/not-a-log.txt'])
    expect(github(r, { color: false })).toMatch(/^::error file=fixtures\/edge\/not-a-log\.txt,title=ftplog input-error::fixtures\/edge\/not-a-log\.txt%3A|^::error file=fixtures\/edge\/not-a-log\.txt,title=ftplog input-error::/)
  })

  it('escapes hostile content: one command per line, properties cannot end early', async () => {
    const out = github(await hostileReport(), { color: false })
    const lines = out.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    const line = lines[0]!
    expect(line.startsWith('::warning file=')).toBe(true)
    // The path's `,` `:` `%` are encoded in the property; the first `::` after the properties ends them.
    expect(line).toContain(`file=${HOSTILE_PATH.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C')},line=4,`)
    const props = line.slice(2, line.indexOf('::', 2))
    expect(props.split(',').map((p) => p.split('=')[0])).toEqual(['warning file', 'line', 'title'])
    // `%25` in the log stays literal text after decoding; no raw CR/LF or ESC.
    expect(line).toContain('pwned %2525')
    expect(line).not.toMatch(/[\r\n\u001b]/)
  })
})
