import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filterOutcome, filterScope, inputStatus, verdictLine } from '../../src/formatters/figures.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { decideVerdict } from '../../src/report/decide-verdict.js'
import { markdown } from '../../src/formatters/markdown.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { fixture } from '../helpers/paths.js'

describe('verdictLine', () => {
  it('stays one short line however many inputs failed', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'])
    const bad = (n: number) => ({ ...r.inputs[0]!, path: `bad${n}.log`, error: { code: 'FTPLOG_INPUT', message: `bad${n}.log: permission denied` } })
    const inputs = [...r.inputs, bad(1), bad(2), bad(3)]
    const line = verdictLine({ ...r, inputs, verdict: decideVerdict(r.incidents, inputs, { failOn: parseFailOn('error') }) })
    expect(line).toBe('ERROR: 3 inputs could not be analysed; 2 incidents at or above --fail-on error')
    const many = [
      { ...r.inputs[0]!, path: 'a.log', unrecognizedLines: 20 },
      { ...r.inputs[0]!, path: 'b.log', unrecognizedLines: 20 },
    ]
    const v = decideVerdict([], many, { failOn: parseFailOn('error'), maxUnrecognized: 0.1 })
    expect(verdictLine({ ...r, inputs: many, verdict: v })).toBe('FAIL: 2 inputs over --max-unrecognized 0.1')
    expect(verdictLine({ ...r, verdict: decideVerdict([], r.inputs, { failOn: parseFailOn('error') }) })).toBe('PASS: nothing at or above --fail-on error')
  })
})

describe('shared wording', () => {
  it('writes counts, plurals, spans and durations one way for every formatter', async () => {
    const { duration, num, plural, timeSpan } = await import('../../src/formatters/figures.js')
    expect(num(1234567)).toBe('1,234,567')
    expect([plural(1, 'input'), plural(1200, 'line')]).toEqual(['1 input', '1,200 lines'])
    const a = '2024-01-15T10:23:45.000Z'
    expect(timeSpan(a, a, true)).toBe('2024-01-15 10:23:45 UTC')
    expect(timeSpan(a, '2024-01-15T10:31:02.000Z')).toBe('2024-01-15 10:23:45 → 10:31:02 UTC')
    expect(timeSpan(a, '2024-01-15T10:31:02.000Z', true)).toBe('2024-01-15 10:23:45 → 10:31:02 UTC (7m 17s)')
    expect(timeSpan(a, '2024-01-17T11:00:00.000Z', true)).toBe('2024-01-15 10:23:45 → 2024-01-17 11:00:00 UTC (2d 0h)')
    expect([duration(42), duration(3 * 3600 + 5 * 60), duration(49 * 3600)]).toEqual(['42s', '3h 5m', '2d 1h'])
  })
})

describe('filterOutcome and filterScope', () => {
  const filters = { since: null, until: null, clients: ['192.0.2.1'], users: [] }
  it('say when the filters kept nothing, count what they kept, and stay quiet when the count is unknown', () => {
    expect(filterOutcome({ ...filters, matchedEvents: 0 })).toBe('; no event passed them: the incidents and security figures are empty because of the filters, not the log')
    expect(filterScope({ ...filters, matchedEvents: 0 })).toBe('Line and total counts cover every line.')
    expect(filterOutcome({ ...filters, matchedEvents: 1 })).toBe('; 1 event passed')
    expect(filterOutcome({ ...filters, matchedEvents: 1234 })).toBe('; 1,234 events passed')
    expect(filterScope({ ...filters, matchedEvents: 3 })).toBe('Incidents and security figures are filtered; line and total counts cover every line.')
    expect(filterOutcome(filters)).toBe('')
  })
})

describe('inputStatus', () => {
  it('says ok, skipped with its reason, a mirror part with where its last lines are counted, or the error', async () => {
    // The real rsyslog files, syslog starting later than messages; a folder name with a table pipe.
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-status-'))
    const folder = join(dir, 'var|log')
    mkdirSync(folder)
    try {
      const syslog = readFileSync(fixture('real', 'pure-ftpd-rsyslog', 'syslog'), 'utf8').split('\n')
      writeFileSync(join(folder, 'syslog'), syslog.slice(1500).join('\n'))
      writeFileSync(join(folder, 'messages'), readFileSync(fixture('real', 'pure-ftpd-rsyslog', 'messages')))
      writeFileSync(join(folder, 'core.bin'), Buffer.from([0, 1, 2, 0, 0, 0, 255, 0]))
      const report = await fixtureReport([folder], { pairing: true })
      const status = new Map(report.inputs.map((i) => [i.path.split('/').pop(), inputStatus(i)]))
      const m = report.inputs.find((i) => i.path.endsWith('messages'))!.mirror!
      expect(m.lines).toBeGreaterThan(0)
      expect(Object.fromEntries(status)).toEqual({
        'core.bin': 'skipped: binary file',
        messages: `ok; its last ${m.lines} lines are counted from ${join(folder, 'syslog')} on`,
        syslog: 'ok',
      })
      expect(inputStatus({ ...report.inputs[0]!, error: { code: 'X', message: 'EACCES' } })).toBe('error: EACCES')
      // In a Markdown table the path's pipe is escaped, so the row keeps its five cells.
      const row = markdown(report, { color: false }).split('\n').find((l) => l.includes('lines are counted from'))!
      expect(row).toContain('var\\|log')
      expect(row.replaceAll('\\|', '').split('|')).toHaveLength(7)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
