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

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
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
  let lastText: string | undefined
  let lastValue: number | undefined

  const parse = (text: string): number | undefined => {
    const m = regex.exec(text)
    if (!m) return undefined
    if (iEpoch > 0 && m[iEpoch] !== undefined) return Math.round(Number(m[iEpoch]) * 1000)
    let month = 1
    if (iMonthName > 0) {
      const n = MONTHS[m[iMonthName]!.toLowerCase()]
      if (n === undefined) return undefined
      month = n
    } else if (iMonth > 0) month = +m[iMonth]!
    const day = iDay > 0 ? +m[iDay]! : 1
    let hour = iHour > 0 ? +m[iHour]! : 0
    const minute = iMinute > 0 ? +m[iMinute]! : 0
    const second = iSecond > 0 ? +m[iSecond]! : 0
    const fraction = iFraction > 0 ? m[iFraction] : undefined
    const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000)
    const ampm = iAmpm > 0 ? m[iAmpm]?.toLowerCase() : undefined
    // A 12-hour marker on a 24-hour clock (FileZilla Server 0.9: "19:04:11 PM") keeps the hour.
    if (ampm === 'pm' && hour < 12) hour += 12
    else if (ampm === 'am' && hour === 12) hour = 0
    let year: number
    if (hasYear) year = +m[iYear]!
    else {
      year = resolveYear(month, ctx)
      if (usage) usage.yearless++
    }
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) return undefined
    if (Number.isNaN(year)) return undefined
    const zoneText = iZone > 0 ? m[iZone] : undefined
    if (zoneText !== undefined) {
      let offset = 0
      if (zoneText !== 'Z') {
        const sign = zoneText[0] === '-' ? -1 : 1
        const digits = zoneText.length === 6 ? zoneText.slice(1, 3) + zoneText.slice(4) : zoneText.slice(1)
        offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)))
      }
      return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000
    }
    if (zone === 'utc') return Date.UTC(year, month - 1, day, hour, minute, second, ms)
    if (usage) usage.zoneless++
    return zonedTimeToEpoch(ctx.timeZone, year, month, day, hour, minute, second, ms)
  }

  return (text) => {
    if (text === lastText) return lastValue
    lastText = text
    lastValue = parse(text)
    return lastValue
  }
}

function resolveYear(month: number, ctx: TimeContext): number {
  if (ctx.year !== undefined) return ctx.year
  if (ctx.referenceTime === undefined) return NaN
  const ref = new Date(ctx.referenceTime)
  const refYear = ref.getUTCFullYear()
  return month > ref.getUTCMonth() + 1 ? refYear - 1 : refYear
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
