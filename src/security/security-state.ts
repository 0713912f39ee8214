import { countInto, emptyCounter, mergeCounters, type CounterData, type MutableCounter } from '../collections/counter-map.js'
import type { BruteForceRule } from './brute-force-rule.js'

/** A stretch of time in which one client crossed the brute-force threshold. Times in epoch ms. */
export interface BruteForceWindow {
  readonly client: string
  readonly start: number
  readonly end: number
  /** Failed logins of the client from `start` to `end`. */
  readonly failures: number
  /** User names tried, most frequent first, at most {@link MAX_WINDOW_USERS}. */
  readonly users: readonly string[]
  /** The input the failures were read from. */
  readonly path: string
}

/** Security figures of one or several inputs. Plain, structured-clone safe, mergeable data. */
export interface SecurityState {
  /** Failed logins that passed the filters (`--since`, `--client`, …). */
  failedLogins: number
  failedByClient: CounterData
  failedByUser: CounterData
  /** Login attempts (ok or failed) with a privileged user name ({@link PRIVILEGED_USERS}). */
  privileged: { attempts: number; failed: number; succeeded: number; byUser: CounterData; byClient: CounterData }
  /** The threshold the windows were found with; `null` in an empty state (merge identity). */
  rule: BruteForceRule | null
  windows: BruteForceWindow[]
  /** Windows left out past {@link MAX_WINDOWS} (those with the fewest failures go first). */
  windowsDropped: number
}

/** User names counted as privileged attempts, compared without case. */
export const PRIVILEGED_USERS: readonly string[] = ['root', 'admin', 'administrator', 'toor']
/** User names a brute-force window lists at most. */
export const MAX_WINDOW_USERS = 10
/** Brute-force windows a state keeps at most. */
export const MAX_WINDOWS = 1000

/** An empty security state; `rule` is set by the analysis that fills it. */
export function emptySecurity(rule: BruteForceRule | null = null): SecurityState {
  return {
    failedLogins: 0,
    failedByClient: emptyCounter(),
    failedByUser: emptyCounter(),
    privileged: { attempts: 0, failed: 0, succeeded: 0, byUser: emptyCounter(), byClient: emptyCounter() },
    rule,
    windows: [],
    windowsDropped: 0,
  }
}

/** Whether `user` is a privileged account name. */
export function isPrivilegedUser(user: string): boolean {
  return PRIVILEGED_USERS.includes(user.toLowerCase())
}

/** Counts one login attempt (mutates `s`); the brute-force detector is fed separately. */
export function countLoginAttempt(s: SecurityState, ok: boolean, client: string | undefined, user: string | undefined): void {
  if (!ok) {
    s.failedLogins++
    if (client !== undefined) countInto(s.failedByClient as MutableCounter, client)
    if (user !== undefined) countInto(s.failedByUser as MutableCounter, user)
  }
  if (user !== undefined && isPrivilegedUser(user)) {
    s.privileged.attempts++
    if (ok) s.privileged.succeeded++
    else s.privileged.failed++
    countInto(s.privileged.byUser as MutableCounter, user)
    if (client !== undefined) countInto(s.privileged.byClient as MutableCounter, client)
  }
}

/** Orders windows by start, client, path: the order never depends on merge order. */
export function compareWindows(a: BruteForceWindow, b: BruteForceWindow): number {
  return a.start - b.start || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.end - b.end
}

/** Keeps at most {@link MAX_WINDOWS} windows (most failures first), sorted; returns how many were cut. */
export function boundWindows(windows: BruteForceWindow[]): { windows: BruteForceWindow[]; dropped: number } {
  if (windows.length <= MAX_WINDOWS) return { windows: [...windows].sort(compareWindows), dropped: 0 }
  const kept = [...windows].sort((a, b) => b.failures - a.failures || compareWindows(a, b)).slice(0, MAX_WINDOWS)
  return { windows: kept.sort(compareWindows), dropped: windows.length - MAX_WINDOWS }
}

/**
 * Sums two security states. Windows are concatenated (each was found within one input); the
 * first non-null rule is kept (one run uses one rule; `merge` refuses reports with different ones).
 */
export function mergeSecurity(a: SecurityState, b: SecurityState): SecurityState {
  const bounded = boundWindows([...a.windows, ...b.windows])
  return {
    failedLogins: a.failedLogins + b.failedLogins,
    failedByClient: mergeCounters(a.failedByClient, b.failedByClient),
    failedByUser: mergeCounters(a.failedByUser, b.failedByUser),
    privileged: {
      attempts: a.privileged.attempts + b.privileged.attempts,
      failed: a.privileged.failed + b.privileged.failed,
      succeeded: a.privileged.succeeded + b.privileged.succeeded,
      byUser: mergeCounters(a.privileged.byUser, b.privileged.byUser),
      byClient: mergeCounters(a.privileged.byClient, b.privileged.byClient),
    },
    rule: a.rule ?? b.rule,
    windows: bounded.windows,
    windowsDropped: a.windowsDropped + b.windowsDropped + bounded.dropped,
  }
}
