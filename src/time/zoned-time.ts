/**
 * Converts wall-clock components in an IANA time zone to epoch milliseconds.
 * `UTC` (and `Etc/UTC`) take a fast path; other zones use `Intl.DateTimeFormat` with the offset
 * cached per zone and hour, so a log of a million lines does a handful of Intl calls.
 * Ambiguous wall times (the repeated hour when DST ends) resolve to the first occurrence.
 * @param month 1–12. @param ms 0–999.
 * @throws RangeError if `zone` is not a valid IANA zone name (checked once by {@link assertTimeZone}).
 */
export function zonedTimeToEpoch(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  if (zone === 'UTC' || zone === 'Etc/UTC') return asUtc
  // The offset at the guessed instant, then once more at the corrected one (DST edges).
  let offset = offsetMinutes(zone, asUtc)
  const second_ = offsetMinutes(zone, asUtc - offset * 60_000)
  if (second_ !== offset) offset = second_
  return asUtc - offset * 60_000
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsetCache = new Map<string, number>()

/** Offset of `zone` from UTC at instant `epochMs`, in minutes (east positive). */
export function offsetMinutes(zone: string, epochMs: number): number {
  const hourKey = `${zone}|${Math.floor(epochMs / 3_600_000)}`
  const cached = offsetCache.get(hourKey)
  if (cached !== undefined) return cached
  let fmt = formatters.get(zone)
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(zone, fmt)
  }
  const parts: Record<string, number> = {}
  for (const p of fmt.formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  const offset = Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000)
  if (offsetCache.size > 10_000) offsetCache.clear()
  offsetCache.set(hourKey, offset)
  return offset
}

/**
 * Checks that `zone` is an IANA zone name Node knows.
 * @throws RangeError with the zone named, for the CLI to turn into a usage error.
 */
export function assertTimeZone(zone: string): void {
  // UTC needs no time-zone data; building an Intl formatter loads ICU (~20 ms of startup).
  if (zone === 'UTC' || zone === 'Etc/UTC') return
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
  } catch {
    throw new RangeError(`unknown time zone ${JSON.stringify(zone)} (use an IANA name such as Europe/Berlin or UTC)`)
  }
}
