import { UsageError } from '../errors.js'
import { zonedTimeToEpoch } from '../time/zoned-time.js'

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Parses a `--since`/`--until` value into epoch ms:
 * - a duration back from `now`: `90s`, `30m`, `24h`, `7d`, `2w`;
 * - an ISO 8601 date or date-time: `2024-01-15`, `2024-01-15T10:00`, `2024-01-15 10:00:00Z`,
 *   `2024-01-15T10:00:00+02:00`. Without an offset it is read in `timeZone` (the `--timezone`
 *   that log wall-clock times are read in; UTC by default).
 * @param label names the flag or config field in errors.
 * @throws UsageError saying what is allowed.
 */
export function parseTimeBound(text: string, now: number, timeZone: string, label: string): number {
  const value = text.trim()
  const d = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(value)
  if (d) return now - Math.round(Number(d[1]) * UNITS[d[2]!]!)
  const m = ISO.exec(value)
  if (m) {
    const [y, mo, da, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number]
    const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'))
    const check = new Date(Date.UTC(y, mo - 1, da, h, mi, s))
    if (check.getUTCMonth() === mo - 1 && check.getUTCDate() === da && h < 24 && mi < 60 && s < 60) {
      const zone = m[8]
      if (zone === undefined) return zonedTimeToEpoch(timeZone, y, mo, da, h, mi, s, ms)
      const utc = Date.UTC(y, mo - 1, da, h, mi, s, ms)
      if (zone.toUpperCase() === 'Z') return utc
      const sign = zone[0] === '-' ? -1 : 1
      const digits = zone.slice(1).replace(':', '')
      return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
    }
  }
  throw new UsageError(`${label}: ${JSON.stringify(text)} is not a time (2024-01-15, 2024-01-15T10:00:00Z) or a duration back from now (90m, 24h, 7d)`)
}
