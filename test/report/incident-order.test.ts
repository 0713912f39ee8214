import { describe, expect, it } from 'vitest'
import { compareForDisplay, groupByAdvice, incidentsForDisplay, timelineIncidents } from '../../src/report/incident-order.js'
import type { ReportIncident } from '../../src/report/report-schema.js'
import { fixtureReport } from '../helpers/fixture-report.js'

describe('incident order', async () => {
  const report = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'])
  const base = report.incidents[0]!
  const make = (id: string, severity: ReportIncident['severity'], firstSeen: string | null, extra: Partial<ReportIncident> = {}): ReportIncident => ({
    ...base,
    id,
    severity,
    firstSeen,
    lastSeen: firstSeen,
    ...extra,
  })

  it('lists the worst first, then the oldest, and undated incidents after the timed ones of their severity', () => {
    const list = [
      make('n1', 'notice', '2024-01-15T09:00:00.000Z'),
      make('e-undated', 'error', null),
      make('e2', 'error', '2024-01-15T11:00:00.000Z'),
      make('w1', 'warning', null),
      make('e1', 'error', '2024-01-15T10:00:00.000Z'),
      make('e-undated-2', 'error', null),
    ]
    expect(incidentsForDisplay(list).map((i) => i.id)).toEqual(['e1', 'e2', 'e-undated', 'e-undated-2', 'w1', 'n1'])
    expect(list.map((i) => i.id)[0]).toBe('n1') // the input is not sorted in place
    expect(compareForDisplay(list[1]!, list[5]!)).toBe(0)
  })

  it('explains incidents of one cause and advice once, with their figures summed', () => {
    const a = make('a', 'error', '2024-01-15T10:00:00.000Z', { events: 2, codes: { '421': 2 }, clients: ['x', 'y'], bytesLost: 5, lastSeen: '2024-01-15T10:01:00.000Z' })
    const b = make('b', 'error', '2024-01-15T12:00:00.000Z', { events: 3, codes: { '421': 1, none: 2 }, clients: ['y', 'z'], bytesLost: 7, lastSeen: '2024-01-15T12:30:00.000Z' })
    const other = make('c', 'warning', null, { cause: 'login-timeout' })
    const undated = make('d', 'error', null, { events: 1, codes: { '421': 1 }, clients: [], bytesLost: 0 })
    const groups = groupByAdvice([other, b, undated, a])
    expect(groups.map((g) => g.incidents.map((i) => i.id))).toEqual([['a', 'b', 'd'], ['c']])
    const g = groups[0]!
    expect(g.events).toBe(6)
    expect([...g.codes]).toEqual([['421', 4], ['none', 2]])
    expect([g.firstSeen, g.lastSeen]).toEqual(['2024-01-15T10:00:00.000Z', '2024-01-15T12:30:00.000Z'])
    expect(g.clients).toEqual(['x', 'y', 'z'])
    expect(g.bytesLost).toBe(12)
    expect(groups[1]!.firstSeen).toBeNull()
  })

  it('draws every timed incident on the timeline when they fit, else the worst and largest, in time order', () => {
    const list = [
      make('late-notice', 'notice', '2024-01-15T12:00:00.000Z', { events: 100 }),
      make('error-small', 'error', '2024-01-15T11:00:00.000Z', { events: 1 }),
      make('warning-big', 'warning', '2024-01-15T10:00:00.000Z', { events: 50 }),
      make('undated', 'error', null),
    ]
    expect(timelineIncidents(list, 10).rows.map((i) => i.id)).toEqual(['warning-big', 'error-small', 'late-notice'])
    const two = timelineIncidents(list, 2)
    expect(two.timed).toBe(3)
    expect(two.rows.map((i) => i.id)).toEqual(['warning-big', 'error-small'])
  })
})
