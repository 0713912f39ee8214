import { describe, expect, it } from 'vitest'
import { timeNotices } from '../src/analyze/analyze-input.js'
import { UnknownLogFormatError } from '../src/errors.js'
import { wordTimeNotices, wordVerdictReason } from '../src/notices.js'

// These texts are kept in JSON reports: a change here changes every report that carries them.
describe('report notices: facts as code + data, worded in one place', () => {
  it('says how incomplete timestamps were completed', () => {
    const both = { yearless: 1, zoneless: 1 }
    const file = { mtimeMs: Date.UTC(2023, 4, 6) }
    expect(timeNotices({ yearless: 0, zoneless: 0 }, file, { timeZone: 'UTC', year: undefined })).toEqual([])
    expect(timeNotices(both, file, { timeZone: 'UTC', year: undefined })).toEqual([
      { code: 'FTPLOG_YEAR_FROM_MTIME', data: { date: '2023-05-06' } },
      { code: 'FTPLOG_ZONE_DEFAULT', data: { timeZone: 'UTC' } },
    ])
    expect(wordTimeNotices(timeNotices(both, file, { timeZone: 'UTC', year: undefined }))).toBe(
      "year-less timestamps dated by the file's modification time (2023-05-06); pass --year to set it; wall-clock times read as UTC; pass --timezone if the log is in local time",
    )
    expect(wordTimeNotices(timeNotices(both, { mtimeMs: undefined }, { timeZone: 'Europe/Berlin', year: 2024 }))).toBe(
      'year-less timestamps dated 2024 (--year); wall-clock times read in Europe/Berlin (--timezone)',
    )
    expect(wordTimeNotices(timeNotices({ yearless: 3, zoneless: 0 }, { mtimeMs: undefined }, { timeZone: 'UTC', year: undefined }))).toBe(
      'year-less timestamps dated by the current date (standard input has no modification time); pass --year to set it',
    )
    expect(wordTimeNotices([])).toBeNull()
  })

  it('words tripped gates', () => {
    expect(wordVerdictReason({ code: 'fail-on', data: { failing: 1, failOn: 'error' } })).toBe('1 incident at or above --fail-on error')
    expect(wordVerdictReason({ code: 'max-incidents', data: { failing: 4, failOn: '421', maxIncidents: 2 } })).toBe('4 incidents at or above --fail-on 421, more than --max-incidents 2')
    expect(wordVerdictReason({ code: 'max-unrecognized', data: { path: 'a.log', ratio: 0.25, considered: 8, maxUnrecognized: 0.2 } })).toBe(
      'a.log: 25.0% of 8 lines unrecognized, more than --max-unrecognized 0.2',
    )
  })

  it('an unknown log format error carries its facts as data', () => {
    const e = new UnknownLogFormatError('x.log', ['vsftpd', 'xferlog'], 1)
    expect(e.code).toBe('FTPLOG_UNKNOWN_LOG_FORMAT')
    expect(e.data).toEqual({ path: 'x.log', tried: ['vsftpd', 'xferlog'], examinedLines: 1 })
    expect(e.message).toBe('x.log: no known log format matches its first 1 line (tried vsftpd, xferlog). Pass --log-format <name> to force one; `ftplog formats` lists them.')
  })
})
