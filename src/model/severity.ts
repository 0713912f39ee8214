/** How much an incident matters, lowest to highest. Same levels as CI annotations. */
export const SEVERITIES = ['notice', 'warning', 'error'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Numeric rank of a severity: notice 1, warning 2, error 3. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1
}
