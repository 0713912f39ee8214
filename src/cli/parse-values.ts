import { UsageError } from '../errors.js'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * Parses a duration such as `300`, `90s`, `5m`, `2h`, `1d` (a bare number is seconds) into ms.
 * @throws UsageError naming the flag.
 */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim())
  if (!m) throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a duration (e.g. 300, 90s, 5m, 2h)`)
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 's']!)
}

/**
 * Parses a positive integer, with an optional binary suffix for sizes (`512k`, `1m` = 1 MiB).
 * @throws UsageError naming the flag.
 */
export function parseSize(text: string, flag: string): number {
  const m = /^(\d+)([kmg])?i?b?$/i.exec(text.trim())
  if (!m) throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a size (e.g. 1048576, 512k, 1m)`)
  const mult = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1
  const n = Number(m[1]) * mult
  if (n < 1) throw new UsageError(`${flag} must be at least 1`)
  return n
}

/** Parses a four-digit year. @param label names the flag or config field in errors. @throws UsageError. */
export function parseYear(text: string, label = '--year'): number {
  if (!/^\d{4}$/.test(text.trim())) throw new UsageError(`${label}: ${JSON.stringify(text)} is not a four-digit year`)
  return Number(text)
}

/** Parses `--jobs`: a whole number from 1 to 256. @throws UsageError. */
export function parseJobs(text: string): number {
  const n = Number(text.trim())
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 256) throw new UsageError(`--jobs: ${JSON.stringify(text)} is not a number of jobs from 1 to 256`)
  return n
}
