/**
 * Why an incident happened. The vocabulary is closed so that CI rules (`--fail-on capacity`)
 * and scripts can rely on it; the catalog in `src/catalog/` maps server messages onto it.
 */
export const CAUSES = [
  'capacity',
  'login-timeout',
  'idle-timeout',
  'no-transfer-timeout',
  'data-timeout',
  'data-connection-failed',
  'data-connection-lost',
  'client-abort',
  'shutdown',
  'unknown',
] as const
export type Cause = (typeof CAUSES)[number]
