import type { CounterData } from '../collections/counter-map.js'
import type { EventFilter } from '../analyze/event-filter.js'
import { emptyTimeline, type ReplyTimeline } from '../analyze/reply-timeline.js'
import type { AnalysisState, IncidentState, InputSummary, Sample } from '../analyze/state.js'
import type { SecurityState } from '../security/security-state.js'
import type { Report, ReportIncident, ReportInput } from './report-schema.js'
import { emptyConcurrency, offerPeak, type ConcurrencyState } from '../analyze/concurrency-state.js'
import { evidenceFromReport } from './settings-advice.js'

/**
 * The analysis state a JSON report was built from, as far as the report carries it, so that
 * reports of separate runs merge with `mergeStates` and become a report again with `buildReport`
 * (what `ftplog merge` does). Counts, times, reply codes, `matchedBy`, inputs, samples and
 * brute-force windows come back exactly. A report cannot carry back:
 * - table entries past its caps: `logins`/`security` tables keep the top 100 keys and `top`
 *   the top 20, so a key that was below the cut in one report adds nothing there;
 * - the counts behind an incident's `clients`, `users` and `files` (the top 20 of each, by
 *   event count): a key listed by one incident only gets its total from `top`, other keys the
 *   smallest counts that keep each list's order (see `incidentCounters`). A list of an incident
 *   that stays apart comes back as it was; an incident joined from incidents of several reports
 *   orders its lists by these counts, so entries of a key spread over several incidents of one
 *   report may come out in another order than one run gives. The report's `top` tables come
 *   back whole, as `incidentTotals`;
 * - timeline buckets finer than the report's `bucketMs` (a merged report spans at least as
 *   long, so it never needs them);
 * - untimed events: a report has already joined them to the first incident of their server and
 *   cause, and they stay there even when another report has an earlier one;
 * - keys beyond the counters' bound, which reports never show (their counts' error,
 *   `approximateCounts`, comes back);
 * - peak concurrency per client beyond the report's 20 (`sessions.peakConcurrent.byClient`);
 * Advice, titles and directives are not read back: `buildReport` resolves them again from the
 * catalog through `matchedBy`. Filters and redaction are settings of the run, not state (see
 * {@link filterOfReport}).
 */
export function reportToState(report: Report): AnalysisState {
  const sec = report.security
  const lists = { clients: incidentCounters(report, 'clients'), users: incidentCounters(report, 'users'), files: incidentCounters(report, 'files') }
  // A table's error (`approximateCounts`) comes back with it, so a merge of approximate reports says so.
  const counterOf = (record: Record<string, number>, pointer: string): CounterData => ({ counts: new Map(Object.entries(record)), error: report.approximateCounts?.[pointer] ?? 0 })
  return {
    inputs: report.inputs.map(inputOf),
    replies: toCounts(report.totals.replies),
    sessions: { total: report.sessions.total, loggedIn: report.sessions.loggedIn },
    concurrency: concurrencyOf(report),
    logins: {
      ok: report.logins.ok,
      failed: report.logins.failed,
      failedByClient: counterOf(report.logins.failedByClient, '/logins/failedByClient'),
      failedByUser: counterOf(report.logins.failedByUser, '/logins/failedByUser'),
    },
    transfers: { ...report.transfers },
    fileOps: { ...report.fileOps },
    incidents: report.incidents.map((inc, i) => incidentOf(inc, { clients: lists.clients[i]!, users: lists.users[i]!, files: lists.files[i]! })),
    timeline: timelineOf(report.timeline),
    security: securityOf(sec, counterOf),
    notices: [...report.notices],
    // A report without filters counted none; one with filters but no count was made before the count.
    matchedEvents: report.filters ? (report.filters.matchedEvents ?? null) : 0,
    incidentTotals: {
      clients: counterOf(report.top.clients, '/top/clients'),
      users: counterOf(report.top.users, '/top/users'),
      files: counterOf(report.top.files, '/top/files'),
    },
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
    skipReason: i.skipReason,
    pairedWith: [...i.pairedWith],
    ...(i.container !== undefined ? { container: i.container } : {}),
  }
}

function incidentOf(i: ReportIncident, lists: Record<ListField, CounterData>): IncidentState {
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
    clients: lists.clients,
    users: lists.users,
    files: lists.files,
    bytesLost: i.bytesLost,
    clientSide: i.clientSideEvents,
    samples,
    inputs: [...new Set(samples.map((s) => s.path))].sort(),
    ...(i.advice.evidence ? { evidence: evidenceFromReport(i.advice.evidence).evidence } : {}),
  }
}

/** `sessions.peakConcurrent` and the incidents' uncut silences, as state. */
function concurrencyOf(report: Report): ConcurrencyState {
  const p = report.sessions.peakConcurrent
  const c = emptyConcurrency()
  c.global = { peak: p.global ?? 0, at: time(p.at) }
  for (const e of p.byClient) offerPeak(c.byClient, e.client, { peak: e.peak, at: time(e.at) })
  c.endsNotLogged = p.endsNotLogged
  c.sessionlessInputs = p.sessionlessInputs
  for (const g of report.sessions.longestSilence) offerPeak(c.longestUncutGap, g.server, { peak: Math.round(g.seconds * 1000), at: time(g.at) })
  return c
}

/** Entries a report lists per incident and in `top` (see `buildReport`). */
const LIST_LIMIT = 20

type ListField = 'clients' | 'users' | 'files'

/**
 * Per incident of `report`, counts behind its `field` list (sorted by count, descending, then
 * name): the report states no per-incident counts, so each entry gets its total from `top` when
 * only that incident lists it, else the smallest count that keeps the list's order; what `top`
 * then still has of a key goes to an incident whose list it heads (raising the head keeps the
 * order). Totals are used only when no incident's list was cut at 20 entries.
 */
function incidentCounters(report: Report, field: ListField): CounterData[] {
  const lists = report.incidents.map((i) => i[field])
  const complete = lists.every((l) => l.length < LIST_LIMIT)
  const totals = new Map(complete ? Object.entries(report.top[field]) : [])
  const listedBy = new Map<string, number>()
  for (const list of lists) for (const k of list) listedBy.set(k, (listedBy.get(k) ?? 0) + 1)
  const counts = lists.map((list) => {
    const out = new Array<number>(list.length)
    for (let j = list.length - 1; j >= 0; j--) {
      const k = list[j]!
      const next = list[j + 1]
      const least = next === undefined ? 1 : out[j + 1]! + (k > next ? 1 : 0)
      out[j] = listedBy.get(k) === 1 ? Math.max(least, totals.get(k) ?? least) : least
    }
    return out
  })
  const given = new Map<string, number>()
  lists.forEach((list, i) => list.forEach((k, j) => given.set(k, (given.get(k) ?? 0) + counts[i]![j]!)))
  for (const [k, total] of totals) {
    const rest = total - (given.get(k) ?? 0)
    const head = lists.findIndex((l) => l[0] === k)
    if (rest > 0 && head >= 0) counts[head]![0]! += rest
  }
  return lists.map((list, i) => ({
    counts: new Map(list.map((k, j) => [k, counts[i]![j]!])),
    error: report.approximateCounts?.[`/incidents/${i}/${field}`] ?? 0,
  }))
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

function securityOf(s: Report['security'], counterOf: (record: Record<string, number>, pointer: string) => CounterData): SecurityState {
  const rule = s.bruteForce.rule
  return {
    failedLogins: s.failedLogins,
    failedByClient: counterOf(s.failedByClient, '/security/failedByClient'),
    failedByUser: counterOf(s.failedByUser, '/security/failedByUser'),
    privileged: {
      attempts: s.privileged.attempts,
      failed: s.privileged.failed,
      succeeded: s.privileged.succeeded,
      byUser: counterOf(s.privileged.byUser, '/security/privileged/byUser'),
      byClient: counterOf(s.privileged.byClient, '/security/privileged/byClient'),
    },
    rule: rule ? { failures: rule.failures, windowMs: Math.round(rule.windowSeconds * 1000), preset: rule.preset } : null,
    windows: s.bruteForce.windows.map((w) => ({ client: w.client, start: Date.parse(w.start), end: Date.parse(w.end), failures: w.failures, users: [...w.users], path: w.path })),
    windowsDropped: s.bruteForce.windowsDropped,
  }
}

function time(iso: string | null): number | undefined {
  return iso === null ? undefined : Date.parse(iso)
}
