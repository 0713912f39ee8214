import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { analyzeText, lines } from '../helpers/analyze-text.js'
import { crossClaims } from '../helpers/cross-claims.js'

// FileZilla Server 1.x's administration window, copied as plaintext: the header row, then
// '<date> info [Type] message' (src/gui/serverlogger.cpp). Reply texts are 1.x's own
// (ftp-replies.md 3.5); the date is the admin machine's locale.
const US = lines(
  '<Date/Time> Info [Type] Message',
  '<12/3/2025 11:23:10 AM> FTP Session 87 11.222.33.44 [Status] Session 0x1d2c3b4a5e0 with ID 87 created.',
  '<12/3/2025 11:23:10 AM> FTP Session 87 11.222.33.44 [Response] 220-FileZilla Server 1.9.4',
  '<12/3/2025 11:23:10 AM> FTP Session 87 11.222.33.44 [Response] 220 Please visit https://filezilla-project.org/',
  '<12/3/2025 11:23:10 AM> FTP Session 87 11.222.33.44 [Command] USER bob',
  '<12/3/2025 11:23:10 AM> Throttled Authenticator, FTP Session: 87 [Trace] Authenticating user bob from IP 11.222.33.44.',
  '<12/3/2025 11:23:10 AM> FTP Session 87 11.222.33.44 [Response] 331 Please, specify the password.',
  '<12/3/2025 11:23:11 AM> FTP Session 87 11.222.33.44 [Command] PASS ****',
  '<12/3/2025 11:23:11 AM> FTP Session 87 11.222.33.44 bob [Response] 230 Login successful.',
  '<12/3/2025 11:23:12 AM> FTP Session 87 11.222.33.44 bob [Command] PASV',
  '<12/3/2025 11:23:12 AM> FTP Session 87 11.222.33.44 bob [Response] 227 Entering Passive Mode (11,222,33,1,195,81)',
  '<12/3/2025 11:23:12 AM> FTP Session 87 11.222.33.44 bob [Command] RETR big.iso',
  '<12/3/2025 11:23:12 AM> FTP Session 87 11.222.33.44 bob [Response] 150 About to start data transfer.',
  '<12/3/2025 11:24:40 AM> FTP Session 87 11.222.33.44 bob [Command] ABOR',
  '<12/3/2025 11:24:40 AM> FTP Session 87 11.222.33.44 bob [Response] 426 Data connection closed; transfer aborted.',
  '<12/3/2025 11:24:40 AM> FTP Session 87 11.222.33.44 bob [Response] 226 ABOR command successful.',
  '<12/3/2025 12:24:40 PM> FTP Session 87 11.222.33.44 bob [Response] 421 Activity timeout.',
  '<12/3/2025 12:24:40 PM> FTP Server [Status] Session 87 ended gracefully.',
  '<12/3/2025 12:30:01 PM> FTP Session 88 203.0.113.5 [Response] 220 Please visit https://filezilla-project.org/',
  '<12/3/2025 12:30:02 PM> FTP Session 88 203.0.113.5 [Command] USER admin',
  '<12/3/2025 12:30:02 PM> FTP Session 88 203.0.113.5 [Response] 331 Please, specify the password.',
  '<12/3/2025 12:30:02 PM> FTP Session 88 203.0.113.5 [Command] PASS ****',
  '<12/3/2025 12:30:05 PM> FTP Session 88 203.0.113.5 [Response] 530 Login incorrect.',
  '<12/3/2025 12:31:02 PM> FTP Session 88 203.0.113.5 [Response] 421 Login time exceeded. Closing control connection.',
  '<12/3/2025 12:31:02 PM> FTP Server [Status] Session 88 ended gracefully.',
)

/** The same dialogue as a German administration machine shows it: day.month.year, 24-hour. */
const EUROPEAN = US.replace(/<12\/3\/2025 (\d+):(\d\d:\d\d) (AM|PM)>/g, (_, h: string, ms: string, ap: string) => {
  const hour = (Number(h) % 12) + (ap === 'PM' ? 12 : 0)
  return `<03.12.2025 ${String(hour).padStart(2, '0')}:${ms}>`
})

/** The same lines copied as CSV: the four columns quoted, inner quotes doubled (CopyToClipboardAsCsv). */
const CSV = US.replace(/^<([^>]*)> (.*?) \[([A-Za-z]+)\] (.*)$/gm, (_, ...cols: string[]) =>
  cols.slice(0, 4).map((c) => `"${c.replaceAll('"', '""')}"`).join(','),
)

describe('FileZilla Server 1.x, copied from the administration window', () => {
  it('the CSV copy is the same lines', () => {
    expect(CSV.split('\n')[0]).toBe('"Date/Time","Info","Type","Message"')
    expect(CSV.split('\n')[8]).toBe('"12/3/2025 11:23:11 AM","FTP Session 87 11.222.33.44 bob","Response","230 Login successful."')
  })

  for (const [name, text] of [
    ['US dates, 12-hour clock', US],
    ['European dates, 24-hour clock', EUROPEAN],
    ['copied as CSV', CSV],
  ] as const) {
    it(`${name}: replies, logins, a 426 and two 421 incidents`, async () => {
      const report = await analyzeText(text)
      const input = report.inputs[0]!
      expect(input).toMatchObject({ logFormat: 'filezilla-server-1x-admin', lines: 25, recognizedLines: 25, unrecognizedLines: 0 })
      expect(report.totals.replies).toEqual({ '220': 2, '331': 2, '230': 1, '227': 1, '150': 1, '426': 1, '226': 1, '421': 2, '530': 1 })
      // Each 'Session N ended gracefully.' after the session's 421 ends that session, not a new one.
      expect(report.sessions.total).toBe(2)
      expect(report.logins).toMatchObject({ ok: 1, failed: 1 })
      expect(report.timeRange).toMatchObject({ first: '2025-12-03T11:23:10.000Z', last: '2025-12-03T12:31:02.000Z' })
      const byCode = (code: string) => report.incidents.filter((i) => (i.codes[code] ?? 0) > 0)
      expect(byCode('421').map((i) => i.cause).sort()).toEqual(['idle-timeout', 'login-timeout'])
      // ABOR's 426 is the client's cancel (1.x's own text); each 421 by its text.
      expect(byCode('426').map((i) => [i.cause, i.codes['426']])).toEqual([['client-abort', 1]])
    })
  }

  it('reads each date by its shape (AM/PM with slashes is US; dots and slashes without AM/PM are day first)', () => {
    const registry = createLogFormatRegistry()
    const format = compileLogFormat(registry.get('filezilla-server-1x-admin'), { timeZone: 'UTC', year: 2024 }, { definitions: registry.list() })
    const timeOf = (date: string) => format.parse(`<${date}> FTP Session 1 192.0.2.1 [Command] NOOP`, 1)?.record.time
    expect(timeOf('1/2/2026 12:30:00 AM')).toBe(Date.UTC(2026, 0, 2, 0, 30))
    expect(timeOf('1/2/2026 12:30:00 PM')).toBe(Date.UTC(2026, 0, 2, 12, 30))
    expect(timeOf('01.02.2026 12:30:00')).toBe(Date.UTC(2026, 1, 1, 12, 30))
    expect(timeOf('01/02/2026 12:30:00')).toBe(Date.UTC(2026, 1, 1, 12, 30))
    expect(timeOf('2026-01-02 12:30:00')).toBe(Date.UTC(2026, 0, 2, 12, 30))
    expect(timeOf('2026/01/02 12:30:00')).toBe(Date.UTC(2026, 0, 2, 12, 30))
    expect(timeOf('23/4/2026 1:00:00 PM')).toBe(Date.UTC(2026, 3, 23, 13, 0))
  })

  it('no other log format matches its sample lines, and it matches none of theirs', () => {
    expect(crossClaims('filezilla-server-1x-admin')).toEqual([])
  })
})
