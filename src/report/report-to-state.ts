import type { CounterData } from '../analyze/counter-map.js'
import type { EventFilter } from '../analyze/event-filter.js'
import { emptyTimeline, type ReplyTimeline } from '../analyze/reply-timeline.js'
import type { AnalysisState, IncidentState, InputSummary, Sample } from '../analyze/state.js'
import type { SecurityState } from '../security/security-state.js'
import type { Report, ReportIncident, ReportInput } from './report-schema.js'

/**
 * The analysis state a JSON report was built from, as far as the report carries it, so that
 * reports of separate runs merge with `mergeStates` and become a report again with `buildReport`
 * (what `ftplog merge` does). Counts, times, reply codes, `matchedBy`, inputs, samples and
 * brute-force windows come back exactly. A report cannot carry back:
 * - table entries past its caps: `logins`/`security` tables keep the top 100 keys and `top`
 *   the top 20, so a key that was below the cut in one report adds nothing there;
 * - the counts behind an incident's `clients`, `users` and `files` (the top 20 of each, by
 *   event count): they come back as the smallest counts that give the same order (ties by name),
 *   the first one raised so the list does not claim more events than the incident has. Lists of
 *   incidents that stay apart are unchanged; incidents that join across reports order their
 *   lists by these estimates. The report's `top` tables are kept as `incidentTotals` instead;
 * - timeline buckets finer than the report's `bucketMs`;
 * - untimed events: a report has already joined them to the first incident of their server and
 *   cause, and they stay there even when another report has an earlier one;
 * - keys beyond the counters' bound (`others`), which reports never show.
 * Advice, titles and directives are not read back: `buildReport` resolves them again from the
 * catalog through `matchedBy`. Filters and redaction are settings of the run, not state (see
 * {@link filterOfReport}).
 */
export function reportToState(report: Report): AnalysisState {
  const sec = report.security
  return {
    inputs: report.inputs.map(inputOf),
    replies: toCounts(report.totals.replies),
    sessions: { ...report.sessions },
    logins: {
      ok: report.logins.ok,
      failed: report.logins.failed,
      failedByClient: counterOf(report.logins.failedByClient),
      failedByUser: counterOf(report.logins.failedByUser),
    },
    transfers: { ...report.transfers },
    fileOps: { ...report.fileOps },
    incidents: report.incidents.map(incidentOf),
    timeline: timelineOf(report.timeline),
    security: securityOf(sec),
    incidentTotals: { clients: counterOf(report.top.clients), users: counterOf(report.top.users), files: counterOf(report.top.files) },
  }
}

/** The event filter recorded in `report.filters`, as `buildReport` takes it; `undefined` when none. */
export function filterOfReport(report: Report): EventFilter | undefined {
  const f = report.filters
  if (!f) return undefined
  return { since: time(f.since), until: time(f.until), clients: [...f.clients], users: [...f.users] }
}

function inputOf(i: ReportInput): InputSummary {
  return {
    path: i.path,
    logFormat: i.logFormat,
    detection: i.detection,
    bytes: i.bytes,
    lines: i.lines,
    recognizedLines: i.recognizedLines,
    unrecognizedLines: i.unrecognizedLines,
    notFtpLines: i.notFtpLines,
    skippedLines: i.skippedLines,
    overlongLines: i.overlongLines,
    unrecognizedSamples: i.unrecognizedSamples.map((s) => ({ ...s })),
    timeRule: i.timeRule,
    firstTime: time(i.firstSeen),
    lastTime: time(i.lastSeen),
    error: i.error ? { ...i.error } : null,
  }
}

function incidentOf(i: ReportIncident): IncidentState {
  const samples: Sample[] = i.samples.map((s) => ({ path: s.path, line: s.line, time: time(s.time), text: s.text }))
  const matchedBy = toCounts(Object.fromEntries(i.matchedBy.map((m) => [m.id, m.events])))
  return {
    server: i.server,
    family: i.serverFamily,
    cause: i.cause,
    severity: i.severity,
    events: i.events,
    first: time(i.firstSeen),
    last: time(i.lastSeen),
    codes: Object.entries(i.codes),
    matchedBy,
    clients: counterOfList(i.clients, i.events),
    users: counterOfList(i.users, i.events),
    files: counterOfList(i.files, i.events),
    bytesLost: i.bytesLost,
    clientSide: i.clientSideEvents,
    samples,
  }
}

/**
 * Counts for a list sorted by count (descending) then name (ascending): the smallest counts that
 * keep that order, the first raised to take the events no other entry accounts for.
 */
function counterOfList(keys: readonly string[], events: number): CounterData {
  const counts: number[] = new Array<number>(keys.length)
  for (let j = keys.length - 1; j >= 0; j--) {
    const next = keys[j + 1]
    counts[j] = next === undefined ? 1 : counts[j + 1]! + (keys[j]! > next ? 1 : 0)
  }
  const rest = events - counts.reduce((n, c) => n + c, 0)
  if (keys.length > 0 && rest > 0) counts[0]! += rest
  return { counts: toCounts(Object.fromEntries(keys.map((k, j) => [k, counts[j]!]))), others: 0 }
}

function counterOf(record: Record<string, number>): CounterData {
  return { counts: toCounts(record), others: 0 }
}

function toCounts(record: Record<string, number>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>
  for (const [k, n] of Object.entries(record)) out[k] = n
  return out
}

function timelineOf(t: Report['timeline']): ReplyTimeline {
  const tl = emptyTimeline()
  if (t.bucketMs === 0) return tl
  tl.bucketMs = t.bucketMs
  for (const b of t.buckets) tl.counts[String(Date.parse(b.start))] = [1, 2, 3, 4, 5].map((c) => b.replies[String(c)] ?? 0)
  return tl
}

function securityOf(s: Report['security']): SecurityState {
  const rule = s.bruteForce.rule
  return {
    failedLogins: s.failedLogins,
    failedByClient: counterOf(s.failedByClient),
    failedByUser: counterOf(s.failedByUser),
    privileged: {
      attempts: s.privileged.attempts,
      failed: s.privileged.failed,
      succeeded: s.privileged.succeeded,
      byUser: counterOf(s.privileged.byUser),
      byClient: counterOf(s.privileged.byClient),
    },
    rule: rule ? { failures: rule.failures, windowMs: Math.round(rule.windowSeconds * 1000), preset: rule.preset } : null,
    windows: s.bruteForce.windows.map((w) => ({ client: w.client, start: Date.parse(w.start), end: Date.parse(w.end), failures: w.failures, users: [...w.users], path: w.path })),
    windowsDropped: s.bruteForce.windowsDropped,
  }
}

function time(iso: string | null): number | undefined {
  return iso === null ? undefined : Date.parse(iso)
}
