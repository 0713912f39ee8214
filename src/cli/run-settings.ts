import { randomBytes } from 'node:crypto'
import { ANALYZE_DEFAULTS } from '../analyze/analyze-inputs.js'
import type { EventFilter } from '../analyze/event-filter.js'
import { UsageError } from '../errors.js'
import { parseFailOn, type FailOn } from '../report/fail-on.js'
import { DEFAULT_BRUTE_FORCE_RULE, parseBruteForceRule, type BruteForceRule } from '../security/brute-force-rule.js'
import { assertTimeZone } from '../time/zoned-time.js'
import type { Config } from './config-file.js'
import { parseDuration, parseSize, parseYear } from './parse-values.js'
import { parseTimeBound } from './parse-time-bound.js'

/** Raw flag values as commander hands them over: `undefined` (or `[]`) means "not given". */
export interface RunFlags {
  formatter?: string[] | undefined
  logFormat?: string | undefined
  failOn?: string | undefined
  maxIncidents?: string | undefined
  maxUnrecognized?: string | undefined
  incidentGap?: string | undefined
  timezone?: string | undefined
  year?: string | undefined
  maxLineBytes?: string | undefined
  since?: string | undefined
  until?: string | undefined
  client?: string[] | undefined
  user?: string[] | undefined
  bruteforce?: string | undefined
  redact?: boolean | undefined
  redactKey?: string | undefined
}

/** Settings of one run after flags, config file and defaults are combined. */
export interface RunSettings {
  readonly formatters: readonly string[]
  readonly logFormat: string | undefined
  readonly failOn: FailOn
  readonly maxIncidents: number | undefined
  readonly maxUnrecognized: number | undefined
  readonly incidentGapMs: number
  readonly timeZone: string
  readonly year: number | undefined
  readonly maxLineBytes: number
  readonly filter: EventFilter | undefined
  readonly bruteForce: BruteForceRule
  /** The redaction key, or `undefined` when not redacting. Random per run unless given. */
  readonly redactKey: string | undefined
}

/**
 * Combines flags, the config file and defaults: a flag given on the command line wins, then the
 * config file, then the default. Errors name where the bad value came from (`--max-incidents`
 * or `ftplog.config.json: maxIncidents`) and what is allowed.
 * @throws UsageError.
 */
export function resolveRunSettings(flags: RunFlags, config: { config: Config; name: string } | undefined, now: number): RunSettings {
  const c = config?.config ?? {}
  const file = config?.name ?? 'config'
  /** The flag's value if given, else the config's, with the label for error messages. */
  function pick<F, C>(flag: F | undefined, flagName: string, conf: C | undefined, confName: string): { value: F | C; label: string } | undefined {
    if (flag !== undefined && !(Array.isArray(flag) && flag.length === 0)) return { value: flag, label: flagName }
    if (conf !== undefined) return { value: conf, label: `${file}: ${confName}` }
    return undefined
  }
  const wrap = <T>(label: string, f: () => T): T => {
    try {
      return f()
    } catch (error) {
      if (error instanceof UsageError && !error.message.startsWith(label)) {
        throw new UsageError(`${label}: ${error.message.replace(/^--[a-z-]+:\s*/, '')}`)
      }
      throw error
    }
  }

  const tz = pick(flags.timezone, '--timezone', c.timezone, 'timezone')
  const timeZone = tz ? String(tz.value) : ANALYZE_DEFAULTS.timeZone
  try {
    assertTimeZone(timeZone)
  } catch (error) {
    throw new UsageError(`${tz?.label ?? '--timezone'}: ${(error as Error).message}`)
  }
  const fo = pick(flags.failOn, '--fail-on', c.failOn, 'failOn')
  const failOn = fo ? wrap(fo.label, () => parseFailOn(String(fo.value))) : parseFailOn('error')

  const mi = pick(flags.maxIncidents, '--max-incidents', c.maxIncidents, 'maxIncidents')
  let maxIncidents: number | undefined
  if (mi) {
    const n = typeof mi.value === 'number' ? mi.value : /^\d+$/.test(mi.value.trim()) ? Number(mi.value) : Number.NaN
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${mi.label}: ${JSON.stringify(mi.value)} is not a whole number of incidents (0 or more)`)
    maxIncidents = n
  }
  const mu = pick(flags.maxUnrecognized, '--max-unrecognized', c.maxUnrecognized, 'maxUnrecognized')
  let maxUnrecognized: number | undefined
  if (mu) {
    const raw = typeof mu.value === 'number' ? String(mu.value) : mu.value.trim()
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(raw)
    const n = pct ? Number(pct[1]) / 100 : /^\d*\.?\d+$/.test(raw) ? Number(raw) : Number.NaN
    if (!(n >= 0 && n <= 1)) throw new UsageError(`${mu.label}: ${JSON.stringify(mu.value)} is not a ratio from 0 to 1 (0.2) or a percentage (20%)`)
    maxUnrecognized = n
  }
  const gap = pick(flags.incidentGap, '--incident-gap', c.incidentGap, 'incidentGap')
  const incidentGapMs = gap ? parseDuration(String(gap.value), gap.label) : ANALYZE_DEFAULTS.incidentGapMs
  const yr = pick(flags.year, '--year', c.year, 'year')
  const year = yr ? wrap(yr.label, () => parseYear(String(yr.value))) : undefined
  const mlb = pick(flags.maxLineBytes, '--max-line-bytes', c.maxLineBytes, 'maxLineBytes')
  const maxLineBytes = mlb ? parseSize(String(mlb.value), mlb.label) : ANALYZE_DEFAULTS.maxLineBytes

  const si = pick(flags.since, '--since', c.since, 'since')
  const un = pick(flags.until, '--until', c.until, 'until')
  const since = si ? parseTimeBound(String(si.value), now, timeZone, si.label) : undefined
  const until = un ? parseTimeBound(String(un.value), now, timeZone, un.label) : undefined
  if (since !== undefined && until !== undefined && since > until) {
    throw new UsageError(`--since (${new Date(since).toISOString()}) is after --until (${new Date(until).toISOString()})`)
  }
  const cl = pick(flags.client, '--client', c.clients, 'clients')
  const us = pick(flags.user, '--user', c.users, 'users')
  const split = (v: readonly string[]): string[] => [...new Set(v.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean))]
  const clients = cl ? split(cl.value) : []
  const users = us ? split(us.value) : []
  const filter = since !== undefined || until !== undefined || clients.length > 0 || users.length > 0 ? { since, until, clients, users } : undefined

  const bf = pick(flags.bruteforce, '--bruteforce', c.bruteforce, 'bruteforce')
  let bruteForce = DEFAULT_BRUTE_FORCE_RULE
  if (bf) {
    const parsed = parseBruteForceRule(String(bf.value))
    if (typeof parsed === 'string') throw new UsageError(`${bf.label}: ${parsed}`)
    bruteForce = parsed
  }
  const redact = flags.redact ?? c.redact ?? false
  const key = flags.redactKey ?? c.redactKey
  if (key !== undefined && !redact && flags.redactKey !== undefined) throw new UsageError('--redact-key needs --redact')
  const fm = pick(flags.formatter, '-f', c.formatters, 'formatters')
  return {
    formatters: fm ? (fm.value as string[]) : [],
    logFormat: flags.logFormat ?? c.logFormat,
    failOn,
    maxIncidents,
    maxUnrecognized,
    incidentGapMs,
    timeZone,
    year,
    maxLineBytes,
    filter,
    bruteForce,
    redactKey: redact ? (key ?? randomBytes(32).toString('hex')) : undefined,
  }
}
