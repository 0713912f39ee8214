import { describe, expect, it } from 'vitest'
import { verdictLine } from '../../src/formatters/figures.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { decideVerdict } from '../../src/report/decide-verdict.js'
import { fixtureReport } from '../helpers/fixture-report.js'

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
