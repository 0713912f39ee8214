import { ANALYSIS_DEFAULTS } from '../analyze/analysis-settings.js'
import type { Catalog } from '../catalog/catalog.js'
import type { Directive } from '../catalog/schema.js'
import { coalesceIncidents, type AnalysisState, type IncidentState } from '../analyze/state.js'
import { topKeys } from '../collections/counter-map.js'
import type { EventFilter } from '../analyze/event-filter.js'
import type { BruteForceRule } from '../security/brute-force-rule.js'
import { DEFAULT_FAIL_ON, type FailOn } from './fail-on.js'
import { filtersToReport, securityToReport, timelineToReport, topRecord } from './report-sections.js'
import type { ConfiguredLookup } from '../model/server-settings.js'
import { MAX_PEAK_KEYS, topPeaks, type ConcurrencyState } from '../analyze/concurrency-state.js'
import { evidenceToReport, settingsAdvice } from './settings-advice.js'
import type { PeakConcurrentReport } from './settings-schema.js'
import { decideVerdict } from './decide-verdict.js'
import type { Report, ReportIncident, ReportInput } from './report-schema.js'
import { REPORT_SCHEMA_VERSION } from './report-schema-version.js'

/** Options of {@link buildReport}. */
export interface BuildReportOptions {
  readonly catalog: Catalog
  /** @default { kind: 'severity', severity: 'error' } */
  readonly failOn?: FailOn | undefined
  /** Largest quiet time inside one incident, in ms. @default 300000 */
  readonly incidentGapMs?: number | undefined
  /** Tool version written into the report. */
  readonly version: string
  /** Failing incidents allowed before the run fails (see {@link decideVerdict}). */
  readonly maxIncidents?: number | undefined
  /** Largest share of unrecognized lines per input (0–1) before the run fails. */
  readonly maxUnrecognized?: number | undefined
  /** The filter the analysis used, recorded in `report.filters`. */
  readonly filter?: EventFilter | undefined
  /** The brute-force rule, when the state has none (no input was analysed). */
  readonly bruteForce?: BruteForceRule | undefined
  /** The server configuration given, for each setting's configured value; `undefined`: defaults. */
  readonly configured?: ConfiguredLookup | undefined
}

const LIST_LIMIT = 20

/**
 * Turns merged analysis state into the finished, sorted report: incidents grouped across inputs,
 * advice resolved from the catalog (from the entries in each incident's `matchedBy`: the one
 * place advice is decided, for `analyze` and `merge` alike), inputs sorted by path, the verdict
 * and exit code decided. `top` sums the incidents' tables, or is `state.incidentTotals` when the
 * state carries them (rebuilt from reports). `redacted` is always `false`.
 * Pure: the same state gives the same report whatever order the inputs were merged in.
 */
export function buildReport(state: AnalysisState, options: BuildReportOptions): Report {
  const failOn = options.failOn ?? DEFAULT_FAIL_ON
  const grouped = coalesceIncidents(state.incidents, options.incidentGapMs ?? ANALYSIS_DEFAULTS.incidentGapMs)
  const incidents = grouped.map((i) => toReportIncident(i, options.catalog, state.concurrency, options.configured))
  const tallies = state.incidentTotals ? [state.incidentTotals] : grouped
  const inputs = state.inputs.map(toReportInput).sort(compareInputs)
  const bySeverity = { error: 0, warning: 0, notice: 0 }
  for (const i of incidents) bySeverity[i.severity]++
  const byClass: Record<string, number> = {}
  for (const [code, n] of Object.entries(state.replies)) byClass[code[0]!] = (byClass[code[0]!] ?? 0) + n
  const times = state.inputs.flatMap((i) => [i.firstTime, i.lastTime]).filter((t): t is number => t !== undefined)
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'ftplog', version: options.version },
    verdict: decideVerdict(incidents, inputs, { failOn, maxIncidents: options.maxIncidents, maxUnrecognized: options.maxUnrecognized }),
    timeRange: times.length > 0 ? { first: iso(Math.min(...times))!, last: iso(Math.max(...times))! } : null,
    inputs,
    // Sorted and once each: the same notices give the same report whatever the merge order.
    notices: [...new Set(state.notices)].sort(),
    totals: {
      lines: sum(inputs, (i) => i.lines),
      recognizedLines: sum(inputs, (i) => i.recognizedLines),
      unrecognizedLines: sum(inputs, (i) => i.unrecognizedLines),
      replies: sortedRecord(state.replies),
      repliesByClass: sortedRecord(byClass),
      incidents: incidents.length,
      incidentsBySeverity: bySeverity,
    },
    incidents,
    sessions: {
      ...state.sessions,
      peakConcurrent: peakConcurrentToReport(state.concurrency, state.sessions.total),
      longestSilence: topPeaks(state.concurrency.longestUncutGap, MAX_PEAK_KEYS).map(([server, p]) => ({ server, seconds: p.peak / 1000, at: iso(p.at) })),
    },
    logins: {
      ok: state.logins.ok,
      failed: state.logins.failed,
      failedByClient: topRecord(state.logins.failedByClient.counts),
      failedByUser: topRecord(state.logins.failedByUser.counts),
    },
    transfers: { ...state.transfers },
    fileOps: { ...state.fileOps },
    filters: filtersToReport(options.filter, state.matchedEvents),
    timeline: timelineToReport(state.timeline),
    security: securityToReport(state.security, options.bruteForce),
    top: {
      clients: topOf(tallies.map((i) => i.clients.counts)),
      users: topOf(tallies.map((i) => i.users.counts)),
      files: topOf(tallies.map((i) => i.files.counts)),
    },
    ...approximateCountsOf(state, grouped, tallies),
    redacted: false,
  }
}

/**
 * `approximateCounts`, only when some table outgrew its bound: the JSON Pointer (RFC 6901) of each
 * report table or list built from an approximate counter → its counter's `error`. A `top` table
 * sums the tables of every incident, so its error is the sum of theirs.
 */
function approximateCountsOf(
  state: AnalysisState,
  incidents: readonly IncidentState[],
  tallies: readonly Pick<IncidentState, 'clients' | 'users' | 'files'>[],
): { approximateCounts?: Record<string, number> } {
  const out: Record<string, number> = {}
  const note = (pointer: string, error: number): void => {
    if (error > 0) out[pointer] = error
  }
  note('/logins/failedByClient', state.logins.failedByClient.error)
  note('/logins/failedByUser', state.logins.failedByUser.error)
  const s = state.security
  note('/security/failedByClient', s.failedByClient.error)
  note('/security/failedByUser', s.failedByUser.error)
  note('/security/privileged/byUser', s.privileged.byUser.error)
  note('/security/privileged/byClient', s.privileged.byClient.error)
  for (const field of ['clients', 'users', 'files'] as const) {
    note(`/top/${field}`, sum(tallies, (t) => t[field].error))
    incidents.forEach((inc, i) => note(`/incidents/${i}/${field}`, inc[field].error))
  }
  return Object.keys(out).length > 0 ? { approximateCounts: out } : {}
}

/** Sums count tables and keeps the 20 largest. */
function topOf(tables: readonly ReadonlyMap<string, number>[]): Record<string, number> {
  const sum = new Map<string, number>()
  for (const t of tables) for (const [k, n] of t) sum.set(k, (sum.get(k) ?? 0) + n)
  return topRecord(sum, LIST_LIMIT)
}

/**
 * Orders inputs by path, and inputs given twice by their content, so the merge order of partial
 * states never shows.
 */
function compareInputs(a: ReportInput, b: ReportInput): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1
  const x = JSON.stringify(a)
  const y = JSON.stringify(b)
  return x < y ? -1 : x > y ? 1 : 0
}

function toReportInput(i: AnalysisState['inputs'][number]): ReportInput {
  const considered = i.lines - i.skippedLines
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
    recognizedRatio: considered > 0 ? round4((i.recognizedLines + i.notFtpLines) / considered) : null,
    timeRule: i.timeRule,
    firstSeen: iso(i.firstTime),
    lastSeen: iso(i.lastTime),
    unrecognizedSamples: i.unrecognizedSamples.map((s) => ({ ...s })),
    error: i.error ? { ...i.error } : null,
    status: i.error ? 'error' : i.skipReason !== null ? 'skipped' : 'analyzed',
    skipReason: i.skipReason,
    pairedWith: [...i.pairedWith],
    ...(i.container !== undefined ? { container: i.container } : {}),
    ...(i.mirror !== undefined ? { mirror: { ...i.mirror } } : {}),
  }
}

/** `sessions.peakConcurrent` of a report: the state's figures, `global` null when no session was seen. */
function peakConcurrentToReport(c: ConcurrencyState, sessions: number): PeakConcurrentReport {
  return {
    global: sessions > 0 ? c.global.peak : null,
    at: sessions > 0 ? iso(c.global.at) : null,
    byClient: topPeaks(c.byClient, LIST_LIMIT).map(([client, p]) => ({ client, peak: p.peak, at: iso(p.at) })),
    estimated: c.endsNotLogged > 0 || c.sessionlessInputs > 0,
    endsNotLogged: c.endsNotLogged,
    sessionlessInputs: c.sessionlessInputs,
  }
}

function toReportIncident(inc: IncidentState, catalog: Catalog, concurrency: ConcurrencyState, configured: ConfiguredLookup | undefined): ReportIncident {
  const info = catalog.causes.get(inc.cause)!
  const matched = Object.entries(inc.matchedBy).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const codes = [...inc.codes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const topCode = codes[0]?.[0]
  // Advice comes from the catalog entries that classified the events: one entry's advice as it
  // is; several different ones (a per-address and a global limit in one incident) are named in
  // the summary and their steps combined. Directives come from every entry that matched.
  const directives: Directive[] = []
  const seen = new Set<string>()
  const adviceByEntry: { title: string; events: number; advice: { summary: string; steps: readonly string[] } }[] = []
  for (const [id, events] of matched) {
    const entry = catalog.messages.find((m) => m.id === id) ?? catalog.rules.find((r) => r.id === id)
    if (!entry) continue
    const entryAdvice = ('advice' in entry && entry.advice) || info.advice
    const title = ('title' in entry && typeof entry.title === 'string' && entry.title) || id
    if (!adviceByEntry.some((a) => a.advice.summary === entryAdvice.summary)) adviceByEntry.push({ title, events, advice: entryAdvice })
    for (const d of entry.directives) {
      if (seen.has(d.name)) continue
      seen.add(d.name)
      directives.push(d)
    }
  }
  const uncutGap = concurrency.longestUncutGap[inc.server]
  let advice: { summary: string; steps: readonly string[] } = adviceByEntry[0]?.advice ?? info.advice
  if (adviceByEntry.length > 1) {
    const parts = adviceByEntry.map((a) => `${a.title} (${a.events} event${a.events === 1 ? '' : 's'})`)
    const steps: string[] = []
    for (const a of adviceByEntry) for (const step of a.advice.steps) if (!steps.includes(step)) steps.push(step)
    advice = { summary: `${info.advice.summary} Seen here: ${parts.join('; ')}.`, steps: steps.slice(0, 8) }
  }
  return {
    id: `${inc.server}/${inc.cause}/${iso(inc.first) ?? 'untimed'}`,
    server: inc.server,
    serverFamily: inc.family,
    code: topCode === undefined || topCode === 'none' ? null : Number(topCode),
    codes: codeRecord(codes),
    cause: inc.cause,
    title: info.title,
    description: info.description,
    severity: inc.severity,
    events: inc.events,
    firstSeen: iso(inc.first),
    lastSeen: iso(inc.last),
    clients: topKeys(inc.clients, LIST_LIMIT),
    users: topKeys(inc.users, LIST_LIMIT),
    files: topKeys(inc.files, LIST_LIMIT),
    bytesLost: inc.bytesLost,
    clientSideEvents: inc.clientSide,
    samples: inc.samples.map((s) => ({ path: s.path, line: s.line, time: iso(s.time), text: s.text })),
    matchedBy: matched.map(([id, events]) => ({ id, events })),
    advice: {
      summary: advice.summary,
      steps: [...advice.steps],
      directives: directives.map((d) => ({ name: d.name, ...(d.default !== undefined ? { default: d.default } : {}), ...(d.note !== undefined ? { note: d.note } : {}) })),
      settings: settingsAdvice({ family: inc.family, directives, evidence: inc.evidence, uncutGap, configured: configured && ((server, directive) => configured(server, directive, inc.inputs)) }),
      evidence: evidenceToReport(inc.evidence, uncutGap),
    },
  }
}

function iso(t: number | undefined): string | null {
  return t === undefined || !Number.isFinite(t) ? null : new Date(t).toISOString()
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  let n = 0
  for (const i of items) n += f(i)
  return n
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000
}

/**
 * `Object.fromEntries` for a record keyed by reply code: the same keys, values, order and JSON.
 * Keys like "550" are array indices to V8, which stores them in an array as long as the largest
 * (about 5 KB for one incident's codes; docs/performance.md has what it saves); an object made by
 * JSON.parse holds them in a dictionary (about 0.2 KB).
 */
function codeRecord(entries: readonly (readonly [string, number])[]): Record<string, number> {
  return JSON.parse(`{${entries.map(([code, n]) => `${JSON.stringify(code)}:${JSON.stringify(n)}`).join(',')}}`) as Record<string, number>
}
