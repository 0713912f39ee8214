/**
 * A brute-force threshold: `failures` failed logins from one client address within `windowMs`.
 * `preset` names where the numbers come from, or is `null` for a custom rule.
 */
export interface BruteForceRule {
  readonly failures: number
  readonly windowMs: number
  readonly preset: string | null
}

/**
 * Named thresholds of other tools, so a report can say "what Zeek would have flagged":
 * - `zeek`: 20 rejected USER/PASS replies from one address in 15 min, Zeek's
 *   `policy/protocols/ftp/detect-bruteforcing.zeek` (`bruteforce_threshold = 20`,
 *   `bruteforce_measurement_interval = 15mins`);
 * - `wazuh`: 8 failed logins from one source IP in 120 s, Wazuh rule 11451 "vsftpd: FTP brute
 *   force (multiple failed logins)" (`frequency="8" timeframe="120"`, `<same_source_ip/>`; 11251
 *   for ProFTPD and 11306 for Pure-FTPd use the same numbers).
 */
export const BRUTE_FORCE_PRESETS = {
  zeek: { failures: 20, windowMs: 15 * 60 * 1000, preset: 'zeek' },
  wazuh: { failures: 8, windowMs: 120 * 1000, preset: 'wazuh' },
} as const satisfies Record<string, BruteForceRule>

/** A preset name `--bruteforce` takes: `zeek` or `wazuh`. */
export type BruteForcePreset = keyof typeof BRUTE_FORCE_PRESETS

/** The rule used when none is given. */
export const DEFAULT_BRUTE_FORCE_RULE: BruteForceRule = BRUTE_FORCE_PRESETS.wazuh

/** Largest `failures` a rule may ask for: the detector keeps that many times per client. */
export const MAX_BRUTE_FORCE_FAILURES = 1000

const UNITS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }

/**
 * Parses `zeek`, `wazuh` or `N/DURATION` (`10/60s`, `20/15m`, `5/1h`; a bare number of seconds
 * works too: `8/120`).
 * @returns the rule, or an error message saying what is allowed.
 */
export function parseBruteForceRule(text: string): BruteForceRule | string {
  const value = text.trim()
  if (value in BRUTE_FORCE_PRESETS) return BRUTE_FORCE_PRESETS[value as BruteForcePreset]
  const m = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)?$/.exec(value)
  const allowed = `a preset (${Object.keys(BRUTE_FORCE_PRESETS).join(', ')}) or FAILURES/WINDOW such as 10/60s, 20/15m`
  if (!m) return `${JSON.stringify(text)} is not ${allowed}`
  const failures = Number(m[1])
  const windowMs = Math.round(Number(m[2]) * UNITS[m[3] ?? 's']!)
  if (failures < 2 || failures > MAX_BRUTE_FORCE_FAILURES) return `the number of failures must be 2 to ${MAX_BRUTE_FORCE_FAILURES} (got ${failures})`
  if (windowMs < 1000) return `the window must be at least 1s (got ${m[2]}${m[3] ?? 's'})`
  return { failures, windowMs, preset: null }
}

/** The rule in the words `--bruteforce` takes: `wazuh` or `10/60s`. */
export function formatBruteForceRule(rule: BruteForceRule): string {
  return rule.preset ?? `${rule.failures}/${Math.round(rule.windowMs / 1000)}s`
}
