import { coarsenToSpan, REPORT_TIMELINE_BUCKETS, type ReplyTimeline } from '../analyze/reply-timeline.js'
import type { EventFilter } from '../analyze/event-filter.js'
import type { BruteForceRule } from '../security/brute-force-rule.js'
import type { SecurityState } from '../security/security-state.js'
import type { ReportFilters, ReportSecurity, ReportTimeline } from './report-schema.js'

const TABLE_LIMIT = 100

/**
 * The report's `timeline`: the non-empty buckets, by start time, on the finest bucket size at
 * which the time range spans at most 120 buckets.
 */
export function timelineToReport(tl: ReplyTimeline): ReportTimeline {
  const c = coarsenToSpan(tl, REPORT_TIMELINE_BUCKETS)
  const buckets = Object.entries(c.counts)
    .map(([start, row]) => ({ start: Number(start), row }))
    .filter((b) => b.row.some((n) => n > 0))
    .sort((a, b) => a.start - b.start)
    .map((b) => ({
      start: new Date(b.start).toISOString(),
      replies: Object.fromEntries(b.row.map((n, i) => [String(i + 1), n])),
    }))
  return { bucketMs: buckets.length > 0 ? c.bucketMs : 0, buckets }
}

/** The report's `bruteForce.rule`. */
export function ruleToReport(rule: BruteForceRule | null): ReportSecurity['bruteForce']['rule'] {
  return rule ? { failures: rule.failures, windowSeconds: rule.windowMs / 1000, preset: rule.preset } : null
}

/** The report's `security` section. */
export function securityToReport(s: SecurityState, fallbackRule?: BruteForceRule): ReportSecurity {
  const windows = s.windows.map((w) => ({
    client: w.client,
    start: new Date(w.start).toISOString(),
    end: new Date(w.end).toISOString(),
    failures: w.failures,
    users: [...w.users],
    path: w.path,
  }))
  return {
    failedLogins: s.failedLogins,
    failedByClient: topRecord(s.failedByClient.counts),
    failedByUser: topRecord(s.failedByUser.counts),
    privileged: {
      attempts: s.privileged.attempts,
      failed: s.privileged.failed,
      succeeded: s.privileged.succeeded,
      byUser: topRecord(s.privileged.byUser.counts),
      byClient: topRecord(s.privileged.byClient.counts),
    },
    bruteForce: {
      rule: ruleToReport(s.rule ?? fallbackRule ?? null),
      windows,
      windowsDropped: s.windowsDropped,
      offenders: offendersOf(windows),
    },
  }
}

/** Clients with at least one brute-force window, sorted and unique. */
export function offendersOf(windows: readonly { client: string }[]): string[] {
  return [...new Set(windows.map((w) => w.client))].sort()
}

/**
 * The report's `filters`, or `null` when no filter was given. `matchedEvents` is the state's count
 * of events that passed them (`null`: unknown, left out).
 */
export function filtersToReport(f: EventFilter | undefined, matchedEvents: number | null): ReportFilters | null {
  if (!f) return null
  const clients = [...(f.clients ?? [])]
  const users = [...(f.users ?? [])]
  if (f.since === undefined && f.until === undefined && clients.length === 0 && users.length === 0) return null
  return {
    since: f.since === undefined ? null : new Date(f.since).toISOString(),
    until: f.until === undefined ? null : new Date(f.until).toISOString(),
    clients,
    users,
    ...(matchedEvents === null ? {} : { matchedEvents }),
  }
}

/** The `limit` largest entries of a counter table, by count then key. */
export function topRecord(counts: ReadonlyMap<string, number>, limit = TABLE_LIMIT): Record<string, number> {
  return Object.fromEntries(
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit),
  )
}
