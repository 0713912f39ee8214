import { mergeTimelines, emptyTimeline, type ReplyTimeline } from '../analyze/reply-timeline.js'
import { ReportVersionError } from '../errors.js'
import { severityRank } from '../model/severity.js'
import { boundWindows } from '../security/security-state.js'
import type { FailOn } from './fail-on.js'
import { REPORT_SCHEMA_VERSION, reportSchema, type Report, type ReportIncident, type ReportSample } from './report-schema.js'
import { offendersOf, timelineToReport, topRecord } from './report-sections.js'
import { decideVerdict } from './decide-verdict.js'

/** Options of {@link mergeReports}: the gates to decide the merged verdict with. */
export interface MergeReportsOptions {
  readonly failOn: FailOn
  readonly maxIncidents?: number | undefined
  readonly maxUnrecognized?: number | undefined
  /** Incidents of one server and cause this close (ms) become one. @default 300000 */
  readonly incidentGapMs?: number | undefined
  /** Tool version written into the merged report. */
  readonly version: string
}

/**
 * Reads a JSON report for `merge`: checks `schemaVersion` first (so another version is refused
 * by name, not by a list of field errors), then validates the rest with {@link reportSchema}.
 * Reports written before a field was added get its default (empty security and timeline).
 * @param path names the file in errors.
 * @throws ReportVersionError naming the file and what is wrong.
 */
export function readReport(text: string, path: string): Report {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ReportVersionError(`${path}: not a JSON report (${(error as Error).message}); write one with ftplog analyze -f json:FILE`)
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof data !== 'object' || data === null || version === undefined) {
    throw new ReportVersionError(`${path}: not an ftplog JSON report (no schemaVersion); write one with ftplog analyze -f json:FILE`)
  }
  if (version !== REPORT_SCHEMA_VERSION) {
    throw new ReportVersionError(
      `${path}: schemaVersion ${JSON.stringify(version)} is not supported; this ftplog reads schemaVersion ${REPORT_SCHEMA_VERSION}. Re-run ftplog analyze with this version, or merge with the version that wrote it.`,
    )
  }
  const result = reportSchema.safeParse(data)
  if (!result.success) {
    const first = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new ReportVersionError(`${path}: not a valid ftplog ${REPORT_SCHEMA_VERSION} report:\n  ${first.join('\n  ')}`)
  }
  return result.data
}

/**
 * Combines reports of separate runs (per host, per day) into one, as if one run had read all
 * their inputs: inputs listed together, totals summed, incidents of one server and cause within
 * `incidentGapMs` joined again, timelines re-bucketed, security tables summed, verdict decided
 * anew with `options`. What a JSON report does not keep cannot come back: tables are the top
 * 100, client/user/file lists the top 20, and each incident keeps 5 samples.
 * @param named the reports, each with the name used in errors (its file).
 * @throws ReportVersionError when the reports were made with different filters, brute-force
 *   rules or redaction, which would make the sum meaningless.
 */
export function mergeReports(named: readonly { name: string; report: Report }[], options: MergeReportsOptions): Report {
  const reports = named.map((n) => n.report)
  requireSame(named, 'filters', (r) => JSON.stringify(r.filters), '--since/--until/--client/--user')
  requireSame(named.filter((n) => n.report.security.bruteForce.rule !== null), 'brute-force rule', (r) => JSON.stringify(r.security.bruteForce.rule), '--bruteforce')
  requireSame(named, 'redaction', (r) => String(r.redacted), '--redact')

  const inputs = reports.flatMap((r) => r.inputs).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const incidents = regroup(reports.flatMap((r) => r.incidents), options.incidentGapMs ?? 300_000)
  const replies = sumRecords(reports.map((r) => r.totals.replies))
  const byClass: Record<string, number> = {}
  for (const [code, n] of Object.entries(replies)) byClass[code[0]!] = (byClass[code[0]!] ?? 0) + n
  const bySeverity = { error: 0, warning: 0, notice: 0 }
  for (const i of incidents) bySeverity[i.severity]++
  const firsts = reports.map((r) => r.timeRange?.first).filter((t): t is string => t !== undefined).sort()
  const lasts = reports.map((r) => r.timeRange?.last).filter((t): t is string => t !== undefined).sort()
  const sum = (f: (r: Report) => number): number => reports.reduce((n, r) => n + f(r), 0)
  const windows = boundWindows(
    reports.flatMap((r) => r.security.bruteForce.windows.map((w) => ({ ...w, start: Date.parse(w.start), end: Date.parse(w.end) }))),
  )
  const sec = reports.map((r) => r.security)
  const rule = sec.find((s) => s.bruteForce.rule !== null)?.bruteForce.rule ?? null
  const windowReports = windows.windows.map((w) => ({ ...w, start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString(), users: [...w.users] }))
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'ftplog', version: options.version },
    verdict: decideVerdict(incidents, inputs, options),
    timeRange: firsts.length > 0 ? { first: firsts[0]!, last: lasts[lasts.length - 1]! } : null,
    inputs,
    notices: [...new Set(reports.flatMap((r) => r.notices))], // [t11] report.notices
    totals: {
      lines: sum((r) => r.totals.lines),
      recognizedLines: sum((r) => r.totals.recognizedLines),
      unrecognizedLines: sum((r) => r.totals.unrecognizedLines),
      replies: sortedRecord(replies),
      repliesByClass: sortedRecord(byClass),
      incidents: incidents.length,
      incidentsBySeverity: bySeverity,
    },
    incidents,
    sessions: { total: sum((r) => r.sessions.total), loggedIn: sum((r) => r.sessions.loggedIn) },
    logins: {
      ok: sum((r) => r.logins.ok),
      failed: sum((r) => r.logins.failed),
      failedByClient: topRecord(sumRecords(reports.map((r) => r.logins.failedByClient))),
      failedByUser: topRecord(sumRecords(reports.map((r) => r.logins.failedByUser))),
    },
    transfers: {
      completed: sum((r) => r.transfers.completed),
      incomplete: sum((r) => r.transfers.incomplete),
      failedToStart: sum((r) => r.transfers.failedToStart),
      uploads: sum((r) => r.transfers.uploads),
      downloads: sum((r) => r.transfers.downloads),
      deletes: sum((r) => r.transfers.deletes),
      bytesIn: sum((r) => r.transfers.bytesIn),
      bytesOut: sum((r) => r.transfers.bytesOut),
      partialBytes: sum((r) => r.transfers.partialBytes),
    },
    fileOps: { ok: sum((r) => r.fileOps.ok), failed: sum((r) => r.fileOps.failed) },
    filters: reports[0]?.filters ?? null,
    timeline: timelineToReport(reports.map((r) => toTimeline(r.timeline)).reduce(mergeTimelines, emptyTimeline())),
    security: {
      failedLogins: sec.reduce((n, s) => n + s.failedLogins, 0),
      failedByClient: topRecord(sumRecords(sec.map((s) => s.failedByClient))),
      failedByUser: topRecord(sumRecords(sec.map((s) => s.failedByUser))),
      privileged: {
        attempts: sec.reduce((n, s) => n + s.privileged.attempts, 0),
        failed: sec.reduce((n, s) => n + s.privileged.failed, 0),
        succeeded: sec.reduce((n, s) => n + s.privileged.succeeded, 0),
        byUser: topRecord(sumRecords(sec.map((s) => s.privileged.byUser))),
        byClient: topRecord(sumRecords(sec.map((s) => s.privileged.byClient))),
      },
      bruteForce: {
        rule,
        windows: windowReports,
        windowsDropped: sec.reduce((n, s) => n + s.bruteForce.windowsDropped, 0) + windows.dropped,
        offenders: offendersOf(windowReports),
      },
    },
    top: {
      clients: topRecord(sumRecords(reports.map((r) => r.top.clients)), 20),
      users: topRecord(sumRecords(reports.map((r) => r.top.users)), 20),
      files: topRecord(sumRecords(reports.map((r) => r.top.files)), 20),
    },
    redacted: reports.length > 0 && reports.every((r) => r.redacted),
  }
}

function requireSame(named: readonly { name: string; report: Report }[], what: string, key: (r: Report) => string, flag: string): void {
  const first = named[0]
  if (!first) return
  const other = named.find((n) => key(n.report) !== key(first.report))
  if (other) throw new ReportVersionError(`${first.name} and ${other.name} were made with different ${what} (${flag}); merge reports made with the same settings`)
}

/** Joins incidents of one server and cause whose spans lie within `gapMs`, as one run would have. */
function regroup(incidents: readonly ReportIncident[], gapMs: number): ReportIncident[] {
  const byKey = new Map<string, ReportIncident[]>()
  for (const i of incidents) {
    const key = `${i.server}\u0000${i.cause}`
    const list = byKey.get(key)
    if (list) list.push(i)
    else byKey.set(key, [i])
  }
  const out: ReportIncident[] = []
  for (const list of byKey.values()) {
    const timed = list.filter((i) => i.firstSeen !== null).sort((a, b) => a.firstSeen!.localeCompare(b.firstSeen!) || a.lastSeen!.localeCompare(b.lastSeen!))
    const untimed = list.filter((i) => i.firstSeen === null)
    const groups: ReportIncident[][] = []
    let current: ReportIncident[] | undefined
    let end = Number.NEGATIVE_INFINITY
    for (const i of timed) {
      const start = Date.parse(i.firstSeen!)
      if (current && start - end <= gapMs) {
        current.push(i)
        end = Math.max(end, Date.parse(i.lastSeen!))
      } else {
        current = [i]
        groups.push(current)
        end = Date.parse(i.lastSeen!)
      }
    }
    // Incidents without times cannot be placed; they join the key's first incident.
    if (untimed.length > 0) {
      if (groups.length > 0) groups[0]!.push(...untimed)
      else groups.push(untimed)
    }
    for (const g of groups) out.push(g.length === 1 ? g[0]! : joinIncidents(g))
  }
  return out.sort(
    (a, b) =>
      (a.firstSeen ?? '￿').localeCompare(b.firstSeen ?? '￿') ||
      (a.server < b.server ? -1 : a.server > b.server ? 1 : 0) ||
      (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0) ||
      b.events - a.events,
  )
}

function joinIncidents(group: readonly ReportIncident[]): ReportIncident {
  const byEvents = [...group].sort((a, b) => b.events - a.events || (a.firstSeen ?? '').localeCompare(b.firstSeen ?? ''))
  const lead = byEvents[0]!
  const codes = sumRecords(group.map((i) => i.codes))
  const codeList = Object.entries(codes).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const matched = new Map<string, number>()
  for (const i of group) for (const m of i.matchedBy) matched.set(m.id, (matched.get(m.id) ?? 0) + m.events)
  const firsts = group.map((i) => i.firstSeen).filter((t): t is string => t !== null).sort()
  const lasts = group.map((i) => i.lastSeen).filter((t): t is string => t !== null).sort()
  const union = (pick: (i: ReportIncident) => readonly string[]): string[] => [...new Set(byEvents.flatMap(pick))].slice(0, 20)
  const top = codeList[0]?.[0]
  return {
    ...lead,
    id: `${lead.server}/${lead.cause}/${firsts[0] ?? 'untimed'}`,
    code: top === undefined || top === 'none' ? null : Number(top),
    codes: Object.fromEntries(codeList),
    severity: group.reduce((s, i) => (severityRank(i.severity) > severityRank(s) ? i.severity : s), lead.severity),
    events: group.reduce((n, i) => n + i.events, 0),
    firstSeen: firsts[0] ?? null,
    lastSeen: lasts[lasts.length - 1] ?? null,
    clients: union((i) => i.clients),
    users: union((i) => i.users),
    files: union((i) => i.files),
    bytesLost: group.reduce((n, i) => n + i.bytesLost, 0),
    clientSideEvents: group.reduce((n, i) => n + i.clientSideEvents, 0),
    samples: group.flatMap((i) => i.samples).sort(compareSamples).slice(0, 5),
    matchedBy: [...matched].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id, events]) => ({ id, events })),
  }
}

function compareSamples(a: ReportSample, b: ReportSample): number {
  const ta = a.time ?? '￿'
  const tb = b.time ?? '￿'
  if (ta !== tb) return ta < tb ? -1 : 1
  if (a.path !== b.path) return a.path < b.path ? -1 : 1
  return a.line - b.line
}

function toTimeline(t: Report['timeline']): ReplyTimeline {
  const tl = emptyTimeline()
  if (t.bucketMs === 0) return tl
  tl.bucketMs = t.bucketMs
  for (const b of t.buckets) tl.counts[String(Date.parse(b.start))] = [1, 2, 3, 4, 5].map((c) => b.replies[String(c)] ?? 0)
  return tl
}

function sumRecords(records: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>
  for (const r of records) for (const [k, n] of Object.entries(r)) out[k] = (out[k] ?? 0) + n
  return { ...out }
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
}
