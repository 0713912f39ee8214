import { randomBytes } from 'node:crypto'
import { ANALYSIS_DEFAULTS, type AnalysisSettingsInput } from '../analyze/analysis-settings.js'
import { clientFilterProblem } from '../analyze/event-filter.js'
import { UsageError } from '../errors.js'
import { logFormatFromTemplate, TEMPLATE_LOG_FORMAT } from '../log-formats/proftpd-template.js'
import { DEFAULT_FAIL_ON, parseFailOn, type FailOn } from '../report/fail-on.js'
import { parseBruteForceRule, type BruteForceRule } from '../security/brute-force-rule.js'
import { assertTimeZone } from '../time/zoned-time.js'
import type { Config } from './config-file.js'
import { SETTING_SOURCES, withSettingLabels, type SettingLabels, type SettingName } from './messages.js'
import { parseDuration, parseSize, parseYear } from './parse-values.js'
import { parseTimeBound } from './parse-time-bound.js'

/** Raw flag values as commander hands them over: `undefined` (or `[]`) means "not given". */
export interface RunFlags {
  formatter?: string[] | undefined
  logFormat?: string | undefined
  /** `analyze --template` (not in the config file). */
  template?: string | undefined
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

/**
 * Settings of one run after flags and the config file are combined. `analysis` holds only what
 * was given: `resolveAnalysisSettings` applies the defaults (once, in the library).
 */
export interface RunSettings {
  readonly formatters: readonly string[]
  /** The analysis settings given by flags and config (but the log formats below). */
  readonly analysis: AnalysisSettingsInput
  /**
   * Log-format definitions to add to the bundled ones (a `--template` format), as plain data:
   * `createLogFormatRegistry` validates them, loaded only when there are some.
   */
  readonly extraLogFormats: readonly Record<string, unknown>[]
  readonly failOn: FailOn
  readonly maxIncidents: number | undefined
  readonly maxUnrecognized: number | undefined
  /** The redaction key, or `undefined` when not redacting. Random per run unless given. */
  readonly redactKey: string | undefined
  /** Where each given setting came from (`--year`, `ftplog.config.json: year`), for error messages. */
  readonly labels: SettingLabels
}

/**
 * Combines flags and the config file: a flag given on the command line wins, then the config
 * file; what neither gives is left to the library's defaults (`ANALYSIS_DEFAULTS`) or the
 * report's. Errors name where the bad value came from (`--max-incidents` or
 * `ftplog.config.json: maxIncidents`) and what is allowed.
 * @throws UsageError.
 */
export function resolveRunSettings(flags: RunFlags, config: { config: Config; name: string } | undefined, now: number): RunSettings {
  const c = config?.config ?? {}
  const file = config?.name ?? 'config'
  const labels: Record<string, string> = {}
  /** The flag's value if given, else the config's; records where it came from in `labels`. */
  function pick<F, C>(setting: SettingName, flag: F | undefined, conf: C | undefined): { value: F | C; label: string } | undefined {
    const names = SETTING_SOURCES[setting]
    let label: string
    let value: F | C
    if (flag !== undefined && !(Array.isArray(flag) && flag.length === 0)) [value, label] = [flag, names.flag]
    else if (conf !== undefined) [value, label] = [conf, `${file}: ${names.config}`]
    else return undefined
    labels[setting] = label
    return { value, label }
  }
  const labelled = <T>(f: () => T): T => withSettingLabels(labels, f)

  const tz = pick('timeZone', flags.timezone, c.timezone)
  const timeZone = tz ? String(tz.value) : undefined
  // Checked here too: --since and --until are read in this zone.
  try {
    assertTimeZone(timeZone ?? ANALYSIS_DEFAULTS.timeZone)
  } catch (error) {
    throw new UsageError(`${tz?.label ?? SETTING_SOURCES.timeZone.flag}: ${(error as Error).message}`)
  }
  const fo = pick('failOn', flags.failOn, c.failOn)
  const failOn = fo ? labelled(() => parseFailOn(String(fo.value))) : DEFAULT_FAIL_ON

  const mi = pick('maxIncidents', flags.maxIncidents, c.maxIncidents)
  let maxIncidents: number | undefined
  if (mi) {
    const n = typeof mi.value === 'number' ? mi.value : /^\d+$/.test(mi.value.trim()) ? Number(mi.value) : Number.NaN
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${mi.label}: ${JSON.stringify(mi.value)} is not a whole number of incidents (0 or more)`)
    maxIncidents = n
  }
  const mu = pick('maxUnrecognized', flags.maxUnrecognized, c.maxUnrecognized)
  let maxUnrecognized: number | undefined
  if (mu) {
    const raw = typeof mu.value === 'number' ? String(mu.value) : mu.value.trim()
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(raw)
    const n = pct ? Number(pct[1]) / 100 : /^\d*\.?\d+$/.test(raw) ? Number(raw) : Number.NaN
    if (!(n >= 0 && n <= 1)) throw new UsageError(`${mu.label}: ${JSON.stringify(mu.value)} is not a ratio from 0 to 1 (0.2) or a percentage (20%)`)
    maxUnrecognized = n
  }
  const gap = pick('incidentGapMs', flags.incidentGap, c.incidentGap)
  const yr = pick('year', flags.year, c.year)
  const mlb = pick('maxLineBytes', flags.maxLineBytes, c.maxLineBytes)

  const si = pick('since', flags.since, c.since)
  const un = pick('until', flags.until, c.until)
  const zone = timeZone ?? ANALYSIS_DEFAULTS.timeZone
  const since = si ? parseTimeBound(String(si.value), now, zone, si.label) : undefined
  const until = un ? parseTimeBound(String(un.value), now, zone, un.label) : undefined
  if (since !== undefined && until !== undefined && since > until) {
    throw new UsageError(`--since (${new Date(since).toISOString()}) is after --until (${new Date(until).toISOString()})`)
  }
  const cl = pick('clients', flags.client, c.clients)
  const us = pick('users', flags.user, c.users)
  const split = (v: readonly string[]): string[] => [...new Set(v.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean))]
  const clients = cl ? split(cl.value) : []
  for (const client of clients) {
    const problem = clientFilterProblem(client)
    if (problem !== undefined) throw new UsageError(`${cl!.label}: ${problem}`)
  }
  const users = us ? split(us.value) : []
  const filter = since !== undefined || until !== undefined || clients.length > 0 || users.length > 0 ? { since, until, clients, users } : undefined

  const bf = pick('bruteForce', flags.bruteforce, c.bruteforce)
  let bruteForce: BruteForceRule | undefined
  if (bf) {
    const parsed = parseBruteForceRule(String(bf.value))
    if (typeof parsed === 'string') throw new UsageError(`${bf.label}: ${parsed}`)
    bruteForce = parsed
  }
  const lf = pick('logFormat', flags.logFormat, c.logFormat)
  const template = flags.template !== undefined ? logFormatFromTemplate(flags.template) : undefined

  const redact = flags.redact ?? c.redact ?? false
  const key = flags.redactKey ?? c.redactKey
  if (key !== undefined && !redact && flags.redactKey !== undefined) throw new UsageError('--redact-key needs --redact')
  // An empty HMAC key (an unset secret in CI) would let anyone recompute every token from the values.
  if (flags.redactKey === '') throw new UsageError('--redact-key: an empty key (an unset variable?) lets anyone recompute the tokens; give a secret, or leave the option out for a random key')
  const fm = pick('formatters', flags.formatter, c.formatters)
  return {
    formatters: fm ? (fm.value as string[]) : [],
    analysis: {
      logFormat: lf ? String(lf.value) : template ? TEMPLATE_LOG_FORMAT : undefined,
      timeZone,
      year: yr ? parseYear(String(yr.value), yr.label) : undefined,
      maxLineBytes: mlb ? parseSize(String(mlb.value), mlb.label) : undefined,
      incidentGapMs: gap ? parseDuration(String(gap.value), gap.label) : undefined,
      filter,
      bruteForce,
    },
    extraLogFormats: template ? [template] : [],
    failOn,
    maxIncidents,
    maxUnrecognized,
    redactKey: redact ? (key ?? randomBytes(32).toString('hex')) : undefined,
    labels,
  }
}
