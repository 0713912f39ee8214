import { describe, expect, it } from 'vitest'
import { parseFailOn } from '../../src/report/fail-on.js'
import { decideVerdict } from '../../src/report/decide-verdict.js'
import { analyzeText, lines } from '../helpers/analyze-text.js'

const log = lines(
  'Mon Jan 15 10:05:00 2024 [pid 2201] CONNECT: Client "198.51.100.7", "Connection refused: too many sessions for this address."',
  'Mon Jan 15 10:05:00 2024 [pid 2201] FTP response: Client "198.51.100.7", "421 There are too many connections from your internet address."',
  'Mon Jan 15 11:05:00 2024 [pid 2202] CONNECT: Client "198.51.100.8", "Connection refused: too many sessions for this address."',
  'Mon Jan 15 11:05:00 2024 [pid 2202] FTP response: Client "198.51.100.8", "421 There are too many connections from your internet address."',
  'this line is not vsftpd',
)

describe('decideVerdict', () => {
  it('fails on any incident at or above --fail-on, or on more than --max-incidents', async () => {
    const r = await analyzeText(log)
    expect(r.incidents).toHaveLength(2)
    const failOn = parseFailOn('error')
    expect(decideVerdict(r.incidents, r.inputs, { failOn })).toMatchObject({ status: 'fail', exitCode: 1, failingIncidents: 2 })
    expect(decideVerdict(r.incidents, r.inputs, { failOn, maxIncidents: 2 })).toMatchObject({ status: 'pass', exitCode: 0, maxIncidents: 2, reasons: [] })
    const v = decideVerdict(r.incidents, r.inputs, { failOn, maxIncidents: 1 })
    expect(v).toMatchObject({ status: 'fail', exitCode: 1 })
    expect(v.reasons).toEqual([{ rule: 'max-incidents', message: '2 incidents at or above --fail-on error, more than --max-incidents 1', path: null }])
  })

  it('--max-unrecognized checks each input', async () => {
    const r = await analyzeText(log, { path: 'x.log' })
    const failOn = parseFailOn('none')
    // 1 of 5 lines unrecognized = 20 %
    expect(decideVerdict(r.incidents, r.inputs, { failOn, maxUnrecognized: 0.2 }).status).toBe('pass')
    const v = decideVerdict(r.incidents, r.inputs, { failOn, maxUnrecognized: 0.1 })
    expect(v).toMatchObject({ status: 'fail', exitCode: 1, maxUnrecognized: 0.1 })
    expect(v.reasons).toEqual([{ rule: 'max-unrecognized', message: 'x.log: 20.0% of 5 lines unrecognized, more than --max-unrecognized 0.1', path: 'x.log' }])
  })

  it('an input error decides the status but the failed gates are still listed', async () => {
    const r = await analyzeText(log)
    const inputs = [...r.inputs, { ...r.inputs[0]!, path: 'bad.log', error: { code: 'FTPLOG_INPUT', message: 'bad.log: permission denied' } }]
    const v = decideVerdict(r.incidents, inputs, { failOn: parseFailOn('error') })
    expect(v.status).toBe('error')
    expect(v.exitCode).toBe(2)
    expect(v.reasons.map((x) => x.rule)).toEqual(['input-error', 'fail-on'])
  })
})

describe('filters', () => {
  it('select incidents by time, client and user, and are recorded in the report', async () => {
    const all = await analyzeText(log)
    expect(all.filters).toBeNull()
    const since = Date.UTC(2024, 0, 15, 11, 0, 0)
    const late = await analyzeText(log, { filter: { since } })
    expect(late.incidents.map((i) => i.clients)).toEqual([['198.51.100.8']])
    // What passed: the 421 reply of 11:05 and the incident event it is.
    expect(late.filters).toEqual({ since: '2024-01-15T11:00:00.000Z', until: null, clients: [], users: [], matchedEvents: 2 })
    // Line accounting and reply totals still cover every line.
    expect(late.totals).toMatchObject({ lines: 5, replies: { '421': 2 } })
    const byClient = await analyzeText(log, { filter: { clients: ['198.51.100.7'] } })
    expect(byClient.incidents.map((i) => i.clients)).toEqual([['198.51.100.7']])
    const none = await analyzeText(log, { filter: { users: ['nobody'] } })
    expect(none.incidents).toEqual([])
    expect(none.filters?.matchedEvents).toBe(0)
    const range = await analyzeText(log, { filter: { clients: ['198.51.100.0/24'] } })
    expect(range.incidents.flatMap((i) => i.clients)).toEqual(['198.51.100.7', '198.51.100.8'])
    expect(range.filters?.matchedEvents).toBe(4)
  })
})
