import { describe, expect, it } from 'vitest'
import { IncompatibleReportsError, InvalidDefinitionError, InvalidReportError, NotAReportError, ReportVersionError } from '../src/errors.js'
import { createLogFormatRegistry } from '../src/log-formats/registry.js'
import { parseFailOn } from '../src/report/fail-on.js'
import { mergeReports, readReport } from '../src/report/merge-reports.js'
import { fixtureReport } from './helpers/fixture-report.js'

/** Runs `fn` and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('did not throw')
}

describe('errors are named for what happened', async () => {
  const good = await fixtureReport(['fixtures/edge/vsftpd-incidents.log'])

  it('readReport: not JSON, no schemaVersion, another version, invalid', () => {
    const notJson = thrown(() => readReport('not json', 'a.json'))
    expect(notJson).toBeInstanceOf(NotAReportError)
    expect(notJson).toMatchObject({ code: 'FTPLOG_NOT_A_REPORT', reason: 'not-json', name: 'NotAReportError' })
    expect((notJson as Error).message).toMatch(/^a\.json: not a JSON report/)

    const noVersion = thrown(() => readReport('{"incidents":[]}', 'b.json'))
    expect(noVersion).toMatchObject({ code: 'FTPLOG_NOT_A_REPORT', reason: 'no-schema-version' })

    const other = thrown(() => readReport(JSON.stringify({ ...good, schemaVersion: 2 }), 'c.json'))
    expect(other).toBeInstanceOf(ReportVersionError)
    expect(other).toMatchObject({ code: 'FTPLOG_REPORT_VERSION', found: 2, supported: 1 })

    const invalid = thrown(() => readReport(JSON.stringify({ ...good, totals: 'x' }), 'd.json'))
    expect(invalid).toBeInstanceOf(InvalidReportError)
    expect((invalid as InvalidReportError).issues[0]).toMatch(/^totals: /)
  })

  it('mergeReports: reports made with different settings', () => {
    const filtered = { ...good, filters: { since: null, until: null, clients: ['10.0.0.1'], users: [] } }
    const e = thrown(() => mergeReports([{ name: 'a', report: good }, { name: 'b', report: filtered }], { failOn: parseFailOn('error'), version: '0' }))
    expect(e).toBeInstanceOf(IncompatibleReportsError)
    expect(e).toMatchObject({ code: 'FTPLOG_INCOMPATIBLE_REPORTS', setting: 'filters' })
  })

  it('a log format defined twice is an invalid definition', () => {
    const def = createLogFormatRegistry().list()[0]!
    expect(() => createLogFormatRegistry([def])).toThrow(InvalidDefinitionError)
  })
})
