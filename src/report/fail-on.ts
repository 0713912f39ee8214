import { InvalidSettingError } from '../errors.js'
import { CAUSES, type Cause } from '../model/cause.js'
import { SEVERITIES, severityRank, type Severity } from '../model/severity.js'

/**
 * Which incidents make a run fail (exit code 1):
 * - a severity: incidents at or above it (`error` by default); `none` never fails;
 * - a list of reply codes and/or causes: incidents with any of them (`421,426`, `capacity,data-connection-lost`).
 */
export type FailOn =
  | { readonly kind: 'severity'; readonly severity: Severity | 'none' }
  | { readonly kind: 'match'; readonly codes: readonly number[]; readonly causes: readonly Cause[] }

export const DEFAULT_FAIL_ON: FailOn = { kind: 'severity', severity: 'error' }

/**
 * Parses a fail-on rule: `error`, `none`, `421,426`, `capacity`.
 * @throws InvalidSettingError (`data`: `{ setting: 'failOn', value }`) naming what is allowed.
 */
export function parseFailOn(text: string): FailOn {
  const value = text.trim()
  if (value === 'none' || (SEVERITIES as readonly string[]).includes(value)) {
    return { kind: 'severity', severity: value as Severity | 'none' }
  }
  const codes: number[] = []
  const causes: Cause[] = []
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (/^[1-6]\d\d$/.test(part)) codes.push(Number(part))
    else if ((CAUSES as readonly string[]).includes(part)) causes.push(part as Cause)
    else {
      throw new InvalidSettingError(
        'failOn',
        text,
        `${JSON.stringify(part)} is not a severity (${[...SEVERITIES].reverse().join(', ')}, none), a reply code, or a cause (${CAUSES.join(', ')})`,
      )
    }
  }
  if (codes.length === 0 && causes.length === 0) throw new InvalidSettingError('failOn', text, 'needs a severity, reply codes or causes')
  return { kind: 'match', codes, causes }
}

/** The rule in the words `--fail-on` takes. */
export function formatFailOn(rule: FailOn): string {
  return rule.kind === 'severity' ? rule.severity : [...rule.codes.map(String), ...rule.causes].join(',')
}

/** Whether an incident makes the run fail under `rule`. */
export function isFailing(incident: { severity: Severity; cause: Cause; codes: Record<string, number> }, rule: FailOn): boolean {
  if (rule.kind === 'severity') return rule.severity !== 'none' && severityRank(incident.severity) >= severityRank(rule.severity)
  return rule.causes.includes(incident.cause) || rule.codes.some((c) => (incident.codes[String(c)] ?? 0) > 0)
}
