import { detach } from '../collections/detach-string.js'
import { zonedTimeToEpoch } from './zoned-time.js'

/**
 * How year-less and zone-less timestamps are completed.
 * - `timeZone`: IANA zone for wall-clock times (default `UTC`).
 * - `year`: the year for layouts without `%Y` (syslog); `referenceTime` (epoch ms, e.g. the file's
 *   mtime) is used instead when `year` is absent: its year, minus one for months after its month,
 *   since a log cannot be written after it was last modified.
 */
export interface TimeContext {
  readonly timeZone: string
  readonly year?: number | undefined
  readonly referenceTime?: number | undefined
  /** Counts of timestamps that needed a year or a zone filled in, so reports state only rules used. */
  readonly usage?: { yearless: number; zoneless: number } | undefined
}

/** Converts a timestamp string to epoch ms, or `undefined` when it is not a valid time. */
export type TimestampParser = (text: string) => number | undefined

/** The regex (source, anchored at the start) and capture slots of a layout. @throws Error on an unknown token. */
function compileLayout(layout: string): { re: string; slots: Slot[] } {
  const source = layout === 'iso8601' ? '%Y-%m-%d[T ]%H:%M:%S[.,]%f?%z?' : layout
  const slots: Slot[] = []
  let re = '^'
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '%') {
      const t = source[++i]!
      if (t === '%') {
        re += '%'
        continue
      }
      const token = TOKENS[t]
      if (!token) throw new Error(`timestamp layout ${JSON.stringify(layout)}: unknown token %${t}`)
      const optional = source[i + 1] === '?'
      if (optional) i++
      re += optional ? `(?:${token.re})?` : token.re
      if (token.slot) slots.push(token.slot)
    } else if (ch === '[') {
      // A character class copied verbatim (used by iso8601: [T ] and [.,]); an optional fraction
      // makes its separator optional too.
      const end = source.indexOf(']', i)
      const cls = source.slice(i, end + 1)
      const optionalNext = source.slice(end + 1, end + 4) === '%f?'
      re += optionalNext ? `(?:${cls}` : cls
      if (optionalNext) {
        re += `${TOKENS.f!.re})?`
        slots.push('fraction')
        i = end + 3
      } else {
        i = end
      }
    } else if (ch === ' ') {
      re += ' +'
    } else {
      re += ch.replace(/[.*+?^${}()|\\/]/g, '\\$&')
    }
  }
  return { re, slots }
}

/**
 * A regex fragment (no captures, no anchors) matching timestamps written in `layout`, for building
 * line patterns from a layout (ProFTPD `%{fmt}t` in a `--template`).
 * @throws Error when the layout contains an unknown token.
 */
export function timestampLayoutPattern(layout: string): string {
  if (layout === 'epoch-micros') return '\\d{13,19}'
  return compileLayout(layout).re.slice(1).replace(/\((?!\?)/g, '(?:')
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const
/** The three letters of each month name packed into one integer, lower case. */
const PACKED_MONTHS = MONTH_NAMES.map((n) => packLower(n))

function packLower(s: string): number {
  return ((s.charCodeAt(0) | 32) << 16) | ((s.charCodeAt(1) | 32) << 8) | (s.charCodeAt(2) | 32)
}

/**
 * 1–12 for a three-letter month name in any case, else 0. Compares packed integers: looking a
 * sliced string up as an object key costs V8 a string-table probe per line.
 */
function monthNumber(name: string): number {
  if (name.length !== 3) return 0
  const key = packLower(name)
  for (let i = 0; i < 12; i++) if (PACKED_MONTHS[i] === key) return i + 1
  return 0
}

type Slot = 'year' | 'month' | 'monthName' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'zone' | 'epoch' | 'ampm'

const TOKENS: Record<string, { re: string; slot?: Slot }> = {
  a: { re: '[A-Za-z]{3,9}' },
  A: { re: '[A-Za-z]{3,9}' },
  b: { re: '([A-Za-z]{3})', slot: 'monthName' },
  d: { re: '(\\d{1,2})', slot: 'day' },
  e: { re: ' ?(\\d{1,2})', slot: 'day' },
  m: { re: '(\\d{1,2})', slot: 'month' },
  Y: { re: '(\\d{4})', slot: 'year' },
  H: { re: '(\\d{1,2})', slot: 'hour' },
  M: { re: '(\\d{2})', slot: 'minute' },
  S: { re: '(\\d{2})', slot: 'second' },
  L: { re: '(\\d{3})', slot: 'fraction' },
  f: { re: '(\\d{1,9})', slot: 'fraction' },
  z: { re: '(Z|[+-]\\d{2}:?\\d{2})', slot: 'zone' },
  s: { re: '(\\d{9,11}(?:\\.\\d{1,9})?)', slot: 'epoch' },
  p: { re: '([AaPp][Mm])', slot: 'ampm' },
}

/**
 * Compiles a strftime-like layout into a parser. Tokens: `%a %A` weekday (ignored), `%b` month
 * name, `%d` day, `%e` space-padded day, `%m` month, `%Y` year, `%H %M %S`, `%L` milliseconds,
 * `%f` fraction of any length, `%z` offset (`Z`, `+0100`, `+01:00`), `%s` epoch seconds, `%p` AM/PM,
 * `%%`. A `?` after a token makes it optional (`.%f?`). One space in the layout matches one or more.
 * The special layout `iso8601` reads `YYYY-MM-DD[T ]HH:MM:SS[.,fff][Z|±hh:mm]`; `epoch-micros` reads
 * microseconds since the epoch (the journal's `__REALTIME_TIMESTAMP`).
 *
 * Results are cached for the last input, since consecutive lines often share a timestamp.
 * @throws Error when the layout contains an unknown token (a definition bug, caught by tests).
 */
export function createTimestampParser(layout: string, zone: 'local' | 'utc' | 'embedded', ctx: TimeContext): TimestampParser {
  if (layout === 'epoch-micros') {
    return (text) => (/^\d{13,19}$/.test(text) ? Math.floor(Number(text) / 1000) : undefined)
  }
  const { re, slots } = compileLayout(layout)
  const regex = new RegExp(re + '$')
  const hasYear = slots.includes('year') || slots.includes('epoch')
  // Capture index of each slot (0 = absent), fixed at compile time so parsing is straight-line code.
  const at = (slot: Slot): number => slots.indexOf(slot) + 1
  const iYear = at('year')
  const iMonth = at('month')
  const iMonthName = at('monthName')
  const iDay = at('day')
  const iHour = at('hour')
  const iMinute = at('minute')
  const iSecond = at('second')
  const iFraction = at('fraction')
  const iZone = at('zone')
  const iEpoch = at('epoch')
  const iAmpm = at('ampm')
  const usage = ctx.usage
  const isUtcZone = ctx.timeZone === 'UTC' || ctx.timeZone === 'Etc/UTC'
  let lastText: string | undefined
  let lastValue: number | undefined

  // Date.UTC is the costliest step left; lines of one day share its midnight.
  let dayKey = -1
  let dayStart = 0
  /** The epoch ms of a time read from its fields, after the checks every layout shares. */
  const finish = (year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zoneText: string | undefined): number | undefined => {
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) return undefined
    if (Number.isNaN(year)) return undefined
    if (zoneText === undefined && zone !== 'utc') {
      if (usage) usage.zoneless++
      if (!isUtcZone) return zonedTimeToEpoch(ctx.timeZone, year, month, day, hour, minute, second, ms)
    }
    const key = (year * 16 + month) * 32 + day
    if (key !== dayKey) {
      dayKey = key
      dayStart = Date.UTC(year, month - 1, day)
    }
    const asUtc = dayStart + ((hour * 60 + minute) * 60 + second) * 1000 + ms
    if (zoneText === undefined || zoneText === 'Z') return asUtc
    const sign = zoneText[0] === '-' ? -1 : 1
    const digitsOnly = zoneText.length === 6 ? zoneText.slice(1, 3) + zoneText.slice(4) : zoneText.slice(1)
    const offset = sign * (digits(digitsOnly.slice(0, 2)) * 60 + digits(digitsOnly.slice(2, 4)))
    return asUtc - offset * 60_000
  }

  const parse = (text: string): number | undefined => {
    const m = regex.exec(text)
    if (!m) return undefined
    if (iEpoch > 0 && m[iEpoch] !== undefined) return Math.round(Number(m[iEpoch]) * 1000)
    let month = 1
    if (iMonthName > 0) {
      month = monthNumber(m[iMonthName]!)
      if (month === 0) return undefined
    } else if (iMonth > 0) month = digits(m[iMonth]!)
    const day = iDay > 0 ? digits(m[iDay]!) : 1
    let hour = iHour > 0 ? digits(m[iHour]!) : 0
    const minute = iMinute > 0 ? digits(m[iMinute]!) : 0
    const second = iSecond > 0 ? digits(m[iSecond]!) : 0
    const fraction = iFraction > 0 ? m[iFraction] : undefined
    const ms = fraction === undefined ? 0 : fractionToMs(fraction)
    const ampm = iAmpm > 0 ? m[iAmpm]?.toLowerCase() : undefined
    // A 12-hour marker on a 24-hour clock (FileZilla Server 0.9: "19:04:11 PM") keeps the hour.
    if (ampm === 'pm' && hour < 12) hour += 12
    else if (ampm === 'am' && hour === 12) hour = 0
    let year: number
    if (hasYear) year = digits(m[iYear]!)
    else {
      year = resolveYear(month, ctx)
      if (usage) usage.yearless++
    }
    return finish(year, month, day, hour, minute, second, ms, iZone > 0 ? m[iZone] : undefined)
  }

  const cached: TimestampParser = (text) => {
    if (text === lastText) return lastValue
    lastText = text
    lastValue = parse(text)
    return lastValue
  }
  if (layout !== CTIME_LAYOUT) return cached
  // The ctime layout as nearly every line writes it is read by position, cheaper than the regex.
  // Consecutive lines mostly fall in the same minute: such a line differs from the last plain one
  // in its seconds only, and its time is that minute's plus the seconds. (A zone's offset changes
  // on a minute boundary at the finest, so it is the same over the minute; see zoned-time.ts.)
  // On the benchmark's xferlog this took the timestamps from 13 % of the run to 7 %.
  let minutePrefix: string | undefined // `Www Mmm dD hh:mm:` of the last plain timestamp
  let yearSuffix = '' // ` yyyy` of it
  let minuteStart = 0 // its time at second 0, epoch ms
  return (text) => {
    if (minutePrefix !== undefined && text.length === 24 && text.startsWith(minutePrefix) && text.endsWith(yearSuffix)) {
      const tens = text.charCodeAt(17) - 48
      const ones = text.charCodeAt(18) - 48
      if (tens >= 0 && tens <= 5 && ones >= 0 && ones <= 9) return minuteStart + (tens * 10 + ones) * 1000
    }
    if (!isPlainCtime(text)) return cached(text)
    const value = plainCtime(text)
    if (value === undefined) minutePrefix = undefined
    else {
      minutePrefix = detach(text.slice(0, 17))
      yearSuffix = text.slice(19)
      minuteStart = value - twoDigits(text, 17) * 1000
    }
    return value
  }
  function plainCtime(text: string): number | undefined {
    const month = monthAt(text, 4)
    if (month === 0) return undefined
    const year = twoDigits(text, 20) * 100 + twoDigits(text, 22)
    const day = text.charCodeAt(8) === 32 ? text.charCodeAt(9) - 48 : twoDigits(text, 8)
    const hour = twoDigits(text, 11)
    const minute = twoDigits(text, 14)
    const second = twoDigits(text, 17)
    return finish(year, month, day, hour, minute, second, 0, undefined)
  }
}

/**
 * A parser trying several layouts in order (a log format's `format` then its `also` layouts), for
 * logs that write one timestamp in more than one way (Zeek JSON: epoch or ISO 8601; FileZilla
 * Server 0.9: US or German locale dates).
 * @throws Error when a layout contains an unknown token.
 */
export function createTimestampParserChain(
  layouts: readonly string[],
  zone: 'local' | 'utc' | 'embedded',
  ctx: TimeContext,
): TimestampParser {
  const parsers = layouts.map((l) => createTimestampParser(l, zone, ctx))
  if (parsers.length === 1) return parsers[0]!
  return (text) => {
    for (const p of parsers) {
      const v = p(text)
      if (v !== undefined) return v
    }
    return undefined
  }
}

/** The C library's ctime() layout (vsftpd, xferlog): `Mon Jan  1 00:00:01 2024`. */
const CTIME_LAYOUT = '%a %b %e %H:%M:%S %Y'

/**
 * Whether `text` is a ctime timestamp written the usual way, `Www Mmm dD hh:mm:ss yyyy` (24
 * characters, the day space-padded): what the layout's regex accepts with single spaces, whose
 * captures then sit at fixed positions. Other spellings (more spaces, long day names) go to the regex.
 */
function isPlainCtime(t: string): boolean {
  if (t.length !== PLAIN_CTIME.length) return false
  for (let i = 0; i < PLAIN_CTIME.length; i++) {
    const c = t.charCodeAt(i)
    const want = PLAIN_CTIME[i]!
    const ok = want === 'a' ? isLetter(c) : want === '9' ? isDigit(c) : want === '_' ? c === 32 || isDigit(c) : c === want.charCodeAt(0)
    if (!ok) return false
  }
  return true
}

/** The shape {@link isPlainCtime} accepts, position by position: `a` a letter, `9` a digit, `_` a space or a digit, else that character. */
const PLAIN_CTIME = 'aaa aaa _9 99:99:99 9999'

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** The two ASCII digits at `i`, as a number. */
function twoDigits(t: string, i: number): number {
  return (t.charCodeAt(i) - 48) * 10 + (t.charCodeAt(i + 1) - 48)
}

/** {@link monthNumber} of the three letters at `i`. */
function monthAt(t: string, i: number): number {
  const key = ((t.charCodeAt(i) | 32) << 16) | ((t.charCodeAt(i + 1) | 32) << 8) | (t.charCodeAt(i + 2) | 32)
  for (let m = 0; m < 12; m++) if (PACKED_MONTHS[m] === key) return m + 1
  return 0
}

/** Value of a run of ASCII digits (what the layout's `\\d` groups capture). */
function digits(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) n = n * 10 + (s.charCodeAt(i) - 48)
  return n
}

/** Milliseconds of a decimal fraction's digits (`5` → 500, `123456` → 123). */
function fractionToMs(f: string): number {
  let ms = 0
  for (let i = 0; i < 3; i++) ms = ms * 10 + (i < f.length ? f.charCodeAt(i) - 48 : 0)
  return ms
}

function resolveYear(month: number, ctx: TimeContext): number {
  if (ctx.year !== undefined) return ctx.year
  if (ctx.referenceTime === undefined) return NaN
  const ref = new Date(ctx.referenceTime)
  const refYear = ref.getUTCFullYear()
  return month > ref.getUTCMonth() + 1 ? refYear - 1 : refYear
}
