import { describe, expect, it } from 'vitest'
import { createTimestampParser } from '../../src/time/timestamp-parser.js'

const utc = { timeZone: 'UTC', year: 2024 }
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString())

describe('createTimestampParser', () => {
  it('reads vsftpd and xferlog times with space-padded days', () => {
    const p = createTimestampParser('%a %b %e %H:%M:%S %Y', 'local', utc)
    expect(iso(p('Mon Jan  5 10:23:45 2024'))).toBe('2024-01-05T10:23:45.000Z')
    expect(iso(p('Mon Jun 8 12:08:53 2020'))).toBe('2020-06-08T12:08:53.000Z')
  })

  it('reads ctime timestamps by position exactly as its regex would', () => {
    // %A has the same regex as %a, so this twin always takes the regex path.
    for (const ctx of [utc, { timeZone: 'Europe/Paris', year: 2024 }]) {
      const byPosition = createTimestampParser('%a %b %e %H:%M:%S %Y', 'local', ctx)
      const byRegex = createTimestampParser('%A %b %e %H:%M:%S %Y', 'local', ctx)
      const texts = [
        'Mon Jan  5 10:23:45 2024',
        'Mon Jan 15 10:23:45 2024',
        'mon jan 05 00:00:00 1999',
        'Sun Mar 31 02:30:00 2024',
        'Tue Dec 31 23:59:60 2024',
        'Mon Foo  5 10:23:45 2024',
        'Mon Feb 30 10:23:45 2024',
        'Mon Jan  0 10:23:45 2024',
        'Mon Jan 32 10:23:45 2024',
        'Mon Jan  5 24:00:00 2024',
        'Mon Jan  5 10:60:00 2024',
        'Mon Jan  5 10:23:61 2024',
        'Mon Jan  5 10:23:45 0000',
        'Mon Jan  5 1:23:45 2024 ',
        'Mon Jan 5 10:23:45 20241',
        'Mon Jan  5  10:23:45 2024',
        'Monday Jan  5 10:23:45 2024',
        'Mon Jan  5 10:23:45 2024x',
        'Mon Ja1  5 10:23:45 2024',
      ]
      for (const t of texts) expect(byPosition(t), t).toBe(byRegex(t))
    }
  })

  it('gives a line in the same minute as the last the time a fresh parser gives it, across DST changes', () => {
    // Runs of seconds inside one minute take the minute's cached start; every text is also read
    // by a parser that has seen nothing before, which cannot take that path.
    const zones = ['UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']
    const minutes = ['Sun Mar 10 01:59', 'Sun Mar 10 03:00', 'Sun Nov  3 01:30', 'Sun Apr  7 01:59', 'Sun Apr  7 02:00', 'Mon Jan  1 00:00']
    for (const timeZone of zones) {
      const ctx = { timeZone, year: 2024 }
      const running = createTimestampParser('%a %b %e %H:%M:%S %Y', 'local', ctx)
      for (const minute of minutes) {
        for (const second of ['00', '07', '30', '59', '60', '7x', '05']) {
          for (const year of ['2024', '2024', '2025']) {
            const text = `${minute}:${second} ${year}`
            expect(running(text), `${timeZone} ${text}`).toBe(createTimestampParser('%a %b %e %H:%M:%S %Y', 'local', ctx)(text))
          }
        }
        // A text the position reader leaves to the regex (two spaces) does not disturb the minute.
        for (const text of [`${minute}:10  2024`, `${minute}:11 2024`]) {
          expect(running(text), text).toBe(createTimestampParser('%a %b %e %H:%M:%S %Y', 'local', ctx)(text))
        }
      }
    }
  })

  it('dates year-less syslog times from --year, or from the reference time with rollover', () => {
    expect(iso(createTimestampParser('%b %e %H:%M:%S', 'local', utc)('Oct 11 01:06:47'))).toBe('2024-10-11T01:06:47.000Z')
    const ref = { timeZone: 'UTC', referenceTime: Date.UTC(2025, 1, 10) } // file modified 10 Feb 2025
    const p = createTimestampParser('%b %e %H:%M:%S', 'local', ref)
    expect(iso(p('Feb  9 23:00:00'))).toBe('2025-02-09T23:00:00.000Z')
    expect(iso(p('Dec 31 23:59:59'))).toBe('2024-12-31T23:59:59.000Z')
  })

  it('counts the rules it applied', () => {
    const usage = { yearless: 0, zoneless: 0 }
    const p = createTimestampParser('%b %e %H:%M:%S', 'local', { ...utc, usage })
    p('Oct 11 01:06:47')
    expect(usage).toEqual({ yearless: 1, zoneless: 1 })
    createTimestampParser('%d/%b/%Y:%H:%M:%S %z', 'embedded', { ...utc, usage })('15/Jan/2024:10:24:02 +0200')
    expect(usage).toEqual({ yearless: 1, zoneless: 1 })
  })

  it('reads wall-clock times in the given time zone, DST included', () => {
    const p = createTimestampParser('%Y-%m-%d %H:%M:%S,%L', 'local', { timeZone: 'Europe/Berlin' })
    expect(iso(p('2024-01-15 10:00:00,250'))).toBe('2024-01-15T09:00:00.250Z')
    expect(iso(p('2024-07-15 10:00:00,000'))).toBe('2024-07-15T08:00:00.000Z')
  })

  it('honours embedded offsets and ISO 8601 in all its forms', () => {
    expect(iso(createTimestampParser('%d/%b/%Y:%H:%M:%S %z', 'embedded', utc)('22/Apr/2025:15:01:27 +0200'))).toBe('2025-04-22T13:01:27.000Z')
    const p = createTimestampParser('iso8601', 'local', utc)
    expect(iso(p('2025-03-04T01:06:36.645577'))).toBe('2025-03-04T01:06:36.645Z')
    expect(iso(p('2024-01-15T11:24:02.789Z'))).toBe('2024-01-15T11:24:02.789Z')
    expect(iso(p('2024-01-15 11:24:02+01:00'))).toBe('2024-01-15T10:24:02.000Z')
  })

  it('reads epoch seconds with fractions and a 12-hour marker on a 24-hour clock', () => {
    expect(iso(createTimestampParser('%s', 'utc', utc)('1705314242.123456'))).toBe('2024-01-15T10:24:02.123Z')
    const p = createTimestampParser('%m/%d/%Y %H:%M:%S %p', 'local', utc)
    expect(iso(p('1/5/2022 19:04:11 PM'))).toBe('2022-01-05T19:04:11.000Z')
    expect(iso(p('1/5/2022 7:04:11 PM'))).toBe('2022-01-05T19:04:11.000Z')
    expect(iso(p('1/5/2022 12:04:11 AM'))).toBe('2022-01-05T00:04:11.000Z')
  })

  it('returns undefined for impossible or malformed times', () => {
    const p = createTimestampParser('%a %b %e %H:%M:%S %Y', 'local', utc)
    expect(p('Wed May  9 16:36:061346 2018')).toBeUndefined()
    expect(p('Mon Foo  9 16:36:06 2018')).toBeUndefined()
    expect(p('Mon Jan 32 16:36:06 2018')).toBeUndefined()
  })

  it('rejects unknown layout tokens', () => {
    expect(() => createTimestampParser('%Q', 'local', utc)).toThrow(/unknown token %Q/)
  })
})
