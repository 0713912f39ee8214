import type { Cause } from '../model/cause.js'
import type { ServerFamily } from '../model/server-family.js'
import { severityRank, type Severity } from '../model/severity.js'
import { emptySecurity, mergeSecurity, type SecurityState } from '../security/security-state.js'
import { countInto, emptyCounter, mergeCounters, type CounterData, type MutableCounter } from '../collections/counter-map.js'
import { emptyTimeline, mergeTimelines, type ReplyTimeline } from './reply-timeline.js'
import { emptyConcurrency, mergeConcurrency, type ConcurrencyState } from './concurrency-state.js'
import { addFigures, mergeEvidence, type EventFigures, type IncidentEvidence } from './incident-evidence.js'

/** A line kept as evidence: input path, 1-based line number, its time and text (capped at 500 chars). */
export interface Sample {
  readonly path: string
  readonly line: number
  readonly time: number | undefined
  readonly text: string
}

/** One incident event, before grouping. */
export interface IncidentEvent {
  /** Epoch ms, or `undefined` when the log has no timestamps. */
  readonly time: number | undefined
  /** What identifies the server: the syslog host when the log names one, else the server family. */
  readonly server: string
  readonly family: ServerFamily
  readonly cause: Cause
  readonly severity: Severity
  /** Reply code, or `null` for events logged without one. */
  readonly code: number | null
  /** Id of the catalog message or rule that classified it. */
  readonly matchedBy: string
  readonly client: string | undefined
  readonly user: string | undefined
  readonly file: string | undefined
  /** Bytes of a transfer that did not complete. */
  readonly bytesLost: number
  /** The event was printed by a client (a transcript), not logged by the server. */
  readonly clientSide: boolean
  readonly sample: Sample
  /** What the log showed for the settings advice, if anything. */
  readonly figures?: EventFigures | undefined
}

/** Events of one server and cause close in time, merged. Plain data; merges with {@link mergeIncidentStates}. */
export interface IncidentState {
  readonly server: string
  readonly family: ServerFamily
  readonly cause: Cause
  severity: Severity
  events: number
  first: number | undefined
  last: number | undefined
  /**
   * Reply code (`none` for events without a code) and its events, as pairs: an object keyed by
   * `'421'` makes V8 allocate an array of 422+ element slots (5 KB per incident, 16 MB at 3,000
   * incidents).
   */
  codes: [code: string, events: number][]
  matchedBy: Record<string, number>
  clients: CounterData
  users: CounterData
  files: CounterData
  bytesLost: number
  clientSide: number
  samples: Sample[]
  /**
   * The paths of the inputs its events came from, sorted, each once (for configurations that apply
   * to one folder's logs). From a report (`ftplog merge`): the samples' paths.
   */
  inputs: string[]
  /** Its events' figures for the settings advice; absent when none had any. */
  evidence?: IncidentEvidence | undefined
}

/** Line accounting and detection result for one input. */
export interface InputSummary {
  readonly path: string
  /** The log format used, or `null` when none was recognised. */
  logFormat: string | null
  /** How the log format was chosen: `detected`, `forced` (--log-format), or `none`. */
  detection: 'detected' | 'forced' | 'none'
  bytes: number
  lines: number
  recognizedLines: number
  unrecognizedLines: number
  notFtpLines: number
  /** Blank lines, lines over the byte limit and a mirror's lines counted in another file. */
  skippedLines: number
  overlongLines: number
  unrecognizedSamples: { line: number; text: string }[]
  /** How year-less and zone-less timestamps were completed, in words. */
  timeRule: string | null
  firstTime: number | undefined
  lastTime: number | undefined
  /** The error that stopped this input, if any (the lines read before it are still counted). */
  error: { code: string; message: string } | null
  /**
   * Why this file was not analysed (found in a folder but not an FTP log, a server configuration
   * file, excluded by a pattern), or `null`. A skipped input counts no lines and is not an error.
   */
  skipReason: string | null
  /**
   * Inputs of the same server whose records of the same transfers were counted once with this
   * one's (see docs/inputs.md "Paired logs"), sorted; empty when not paired.
   */
  pairedWith: string[]
  /**
   * The container runtime's line wrapping removed before reading (`cri`, `docker-timestamps`,
   * `docker-compose`, `docker-json-file`: `containers` in src/log-formats/envelopes.json); absent when the lines
   * were read as they are.
   */
  container?: string | undefined
  /**
   * Set on a part read only up to the moment another file starts holding the same lines (a
   * syslog daemon writing both; see docs/inputs.md "Mirrored syslog files"): that file's path and
   * how many lines from then on were not analysed (also counted in `skippedLines`).
   */
  mirror?: { of: string; lines: number } | undefined
}

/** Everything one or several inputs contribute to a report. Plain, structured-clone safe (worker threads send it), mergeable data. */
export interface AnalysisState {
  inputs: InputSummary[]
  replies: Record<string, number>
  sessions: { total: number; loggedIn: number }
  /** Sessions open at once and session silences (see {@link ConcurrencyState}). */
  concurrency: ConcurrencyState
  logins: { ok: number; failed: number; failedByClient: CounterData; failedByUser: CounterData }
  transfers: {
    completed: number
    incomplete: number
    /** Transfer commands the server refused before any data moved (550, 553, 425…). */
    failedToStart: number
    uploads: number
    downloads: number
    deletes: number
    bytesIn: number
    bytesOut: number
    partialBytes: number
  }
  fileOps: { ok: number; failed: number }
  incidents: IncidentState[]
  /** Replies by class over time (bounded histogram). */
  timeline: ReplyTimeline
  /** Failed and privileged logins, brute-force windows (after filters). */
  security: SecurityState
  /** Warnings about the inputs as a whole (the same file named twice…), one sentence each. */
  notices: string[]
  /**
   * Events that passed the run's filter (`--since`/`--until`/`--client`/`--user`): replies, login
   * attempts and incident events, each counted as what it is (a 421 reply that is an incident
   * event counts twice). Counted only while a filter is active (0 otherwise); `null` when unknown:
   * a state rebuilt from a report that did not record it.
   */
  matchedEvents: number | null
  /**
   * Incident events by client, user and file, when they are known apart from `incidents`: a
   * state rebuilt from a report (`reportToState`) has the report's `top` tables, while its
   * incidents keep only the order of their lists. Absent in a state read from logs, where the
   * report sums the incidents' own tables.
   */
  incidentTotals?: IncidentTotals | undefined
}

/** Incident events by client, user and file (see {@link AnalysisState.incidentTotals}). */
export interface IncidentTotals {
  readonly clients: CounterData
  readonly users: CounterData
  readonly files: CounterData
}

/** A state's incident events by client, user and file: its `incidentTotals`, or its incidents' tables summed. */
function incidentTotalsOf(s: Pick<AnalysisState, 'incidents' | 'incidentTotals'>): IncidentTotals {
  if (s.incidentTotals) return s.incidentTotals
  let totals: IncidentTotals = { clients: emptyCounter(), users: emptyCounter(), files: emptyCounter() }
  for (const i of s.incidents) totals = mergeIncidentTotals(totals, i)
  return totals
}

function mergeIncidentTotals(a: IncidentTotals, b: IncidentTotals): IncidentTotals {
  return { clients: mergeCounters(a.clients, b.clients), users: mergeCounters(a.users, b.users), files: mergeCounters(a.files, b.files) }
}

/**
 * The summary of an input before any of it is read: every count 0, no log format, no times.
 * `error` is set for an input that could not be opened at all.
 */
export function emptyInputSummary(path: string, error: InputSummary['error'] = null): InputSummary {
  return {
    path,
    logFormat: null,
    detection: 'none',
    bytes: 0,
    lines: 0,
    recognizedLines: 0,
    unrecognizedLines: 0,
    notFtpLines: 0,
    skippedLines: 0,
    overlongLines: 0,
    unrecognizedSamples: [],
    timeRule: null,
    firstTime: undefined,
    lastTime: undefined,
    error,
    skipReason: null,
    pairedWith: [],
  }
}

/** The identity element of {@link mergeStates}. */
export function emptyState(): AnalysisState {
  return {
    inputs: [],
    replies: Object.create(null) as Record<string, number>,
    sessions: { total: 0, loggedIn: 0 },
    concurrency: emptyConcurrency(),
    logins: { ok: 0, failed: 0, failedByClient: emptyCounter(), failedByUser: emptyCounter() },
    transfers: { completed: 0, incomplete: 0, failedToStart: 0, uploads: 0, downloads: 0, deletes: 0, bytesIn: 0, bytesOut: 0, partialBytes: 0 },
    fileOps: { ok: 0, failed: 0 },
    incidents: [],
    timeline: emptyTimeline(),
    security: emptySecurity(),
    notices: [],
    matchedEvents: 0,
  }
}

const MAX_SAMPLES = 5

/**
 * Orders samples by time, then path, then line, then text (two inputs may share a path): a total
 * order, so the same five survive whatever the merge order.
 */
export function compareSamples(a: Sample, b: Sample): number {
  const ta = a.time ?? Number.POSITIVE_INFINITY
  const tb = b.time ?? Number.POSITIVE_INFINITY
  if (ta !== tb) return ta - tb
  if (a.path !== b.path) return a.path < b.path ? -1 : 1
  if (a.line !== b.line) return a.line - b.line
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0
}

/** A new incident from its first event. */
export function incidentFromEvent(e: IncidentEvent): IncidentState {
  const inc: IncidentState = {
    server: e.server,
    family: e.family,
    cause: e.cause,
    severity: e.severity,
    events: 0,
    first: e.time,
    last: e.time,
    codes: [],
    matchedBy: Object.create(null) as Record<string, number>,
    clients: emptyCounter(),
    users: emptyCounter(),
    files: emptyCounter(),
    bytesLost: 0,
    clientSide: 0,
    samples: [],
    inputs: [],
  }
  addEvent(inc, e)
  return inc
}

/** Adds one event to an incident (mutates it). */
export function addEvent(inc: IncidentState, e: IncidentEvent): void {
  inc.events++
  if (severityRank(e.severity) > severityRank(inc.severity)) inc.severity = e.severity
  if (e.time !== undefined) {
    if (inc.first === undefined || e.time < inc.first) inc.first = e.time
    if (inc.last === undefined || e.time > inc.last) inc.last = e.time
  }
  const code = e.code === null ? 'none' : String(e.code)
  addCode(inc.codes, code, 1)
  inc.matchedBy[e.matchedBy] = (inc.matchedBy[e.matchedBy] ?? 0) + 1
  if (e.client !== undefined) countInto(inc.clients as MutableCounter, e.client)
  if (e.user !== undefined) countInto(inc.users as MutableCounter, e.user)
  if (e.file !== undefined) countInto(inc.files as MutableCounter, e.file)
  inc.bytesLost += e.bytesLost
  if (e.clientSide) inc.clientSide++
  insertSample(inc.samples, e.sample)
  if (!inc.inputs.includes(e.sample.path)) inc.inputs = [...inc.inputs, e.sample.path].sort()
  if (e.figures !== undefined) inc.evidence = addFigures(inc.evidence, { time: e.time, client: e.client, user: e.user, figures: e.figures })
}

/** Events of an incident with reply `code` (`'421'`, or `'none'` for events without a code). */
export function codeEvents(inc: Pick<IncidentState, 'codes'>, code: string): number {
  for (const [c, n] of inc.codes) if (c === code) return n
  return 0
}

function addCode(codes: [string, number][], code: string, n: number): void {
  for (const entry of codes) {
    if (entry[0] === code) {
      entry[1] += n
      return
    }
  }
  codes.push([code, n])
}

function insertSample(samples: Sample[], sample: Sample): void {
  if (samples.length >= MAX_SAMPLES && compareSamples(sample, samples[samples.length - 1]!) >= 0) return
  samples.push(sample)
  samples.sort(compareSamples)
  if (samples.length > MAX_SAMPLES) samples.length = MAX_SAMPLES
}

/** Merges two incidents of the same server and cause into a new one. */
export function mergeIncidentStates(a: IncidentState, b: IncidentState): IncidentState {
  const sum = (x: Record<string, number>, y: Record<string, number>): Record<string, number> => {
    const out = Object.create(null) as Record<string, number>
    for (const [k, v] of Object.entries(x)) out[k] = v
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v
    return out
  }
  const samples = [...a.samples, ...b.samples].sort(compareSamples)
  return {
    server: a.server,
    family: a.family,
    cause: a.cause,
    severity: severityRank(b.severity) > severityRank(a.severity) ? b.severity : a.severity,
    events: a.events + b.events,
    first: minDefined(a.first, b.first),
    last: maxDefined(a.last, b.last),
    codes: sumCodes(a.codes, b.codes),
    matchedBy: sum(a.matchedBy, b.matchedBy),
    clients: mergeCounters(a.clients, b.clients),
    users: mergeCounters(a.users, b.users),
    files: mergeCounters(a.files, b.files),
    bytesLost: a.bytesLost + b.bytesLost,
    clientSide: a.clientSide + b.clientSide,
    samples: samples.slice(0, MAX_SAMPLES),
    inputs: [...new Set([...a.inputs, ...b.inputs])].sort(),
    ...withEvidence(mergeEvidence(a.evidence, b.evidence)),
  }
}

function withEvidence(evidence: IncidentEvidence | undefined): { evidence?: IncidentEvidence } {
  return evidence === undefined ? {} : { evidence }
}

function sumCodes(a: readonly [string, number][], b: readonly [string, number][]): [string, number][] {
  const out: [string, number][] = a.map(([c, n]) => [c, n])
  for (const [c, n] of b) addCode(out, c, n)
  return out.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b)
}
function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b)
}

/**
 * Groups incidents: those of one server and cause whose time spans are within `gapMs` of each
 * other become one. Incidents without times group with every other of their key. The result is
 * sorted by first time, then server and cause, so the order of inputs never shows.
 */
export function coalesceIncidents(incidents: readonly IncidentState[], gapMs: number): IncidentState[] {
  const byKey = new Map<string, IncidentState[]>()
  for (const inc of incidents) {
    const key = `${inc.server}\u0000${inc.cause}`
    const list = byKey.get(key)
    if (list) list.push(inc)
    else byKey.set(key, [inc])
  }
  const out: IncidentState[] = []
  for (const list of byKey.values()) {
    const untimed = list.filter((i) => i.first === undefined)
    const timed = list.filter((i) => i.first !== undefined).sort((x, y) => x.first! - y.first! || x.last! - y.last!)
    let current: IncidentState | undefined
    for (const inc of timed) {
      if (current && inc.first! - current.last! <= gapMs) current = mergeIncidentStates(current, inc)
      else {
        if (current) out.push(current)
        current = inc
      }
    }
    if (current) out.push(current)
    if (untimed.length > 0) {
      // Events without timestamps cannot be placed in time; they join the key's first incident.
      let merged = untimed.reduce((acc, inc) => mergeIncidentStates(acc, inc))
      const host = out.findIndex((i) => i.server === merged.server && i.cause === merged.cause)
      if (host >= 0) {
        merged = mergeIncidentStates(out[host]!, merged)
        out[host] = merged
      } else out.push(merged)
    }
  }
  return out.sort(compareIncidents)
}

function compareIncidents(a: IncidentState, b: IncidentState): number {
  const fa = a.first ?? Number.POSITIVE_INFINITY
  const fb = b.first ?? Number.POSITIVE_INFINITY
  if (fa !== fb) return fa - fb
  if (a.server !== b.server) return a.server < b.server ? -1 : 1
  if (a.cause !== b.cause) return a.cause < b.cause ? -1 : 1
  return b.events - a.events
}

/**
 * Merges two states. Associative, with {@link emptyState} as identity; commutative once the
 * report is built (inputs and incidents are sorted there).
 */
export function mergeStates(a: AnalysisState, b: AnalysisState): AnalysisState {
  const replies = Object.create(null) as Record<string, number>
  for (const [k, v] of Object.entries(a.replies)) replies[k] = v
  for (const [k, v] of Object.entries(b.replies)) replies[k] = (replies[k] ?? 0) + v
  const t = a.transfers
  const u = b.transfers
  return {
    inputs: [...a.inputs, ...b.inputs],
    replies,
    sessions: { total: a.sessions.total + b.sessions.total, loggedIn: a.sessions.loggedIn + b.sessions.loggedIn },
    concurrency: mergeConcurrency(a.concurrency, b.concurrency),
    logins: {
      ok: a.logins.ok + b.logins.ok,
      failed: a.logins.failed + b.logins.failed,
      failedByClient: mergeCounters(a.logins.failedByClient, b.logins.failedByClient),
      failedByUser: mergeCounters(a.logins.failedByUser, b.logins.failedByUser),
    },
    transfers: {
      completed: t.completed + u.completed,
      incomplete: t.incomplete + u.incomplete,
      failedToStart: t.failedToStart + u.failedToStart,
      uploads: t.uploads + u.uploads,
      downloads: t.downloads + u.downloads,
      deletes: t.deletes + u.deletes,
      bytesIn: t.bytesIn + u.bytesIn,
      bytesOut: t.bytesOut + u.bytesOut,
      partialBytes: t.partialBytes + u.partialBytes,
    },
    fileOps: { ok: a.fileOps.ok + b.fileOps.ok, failed: a.fileOps.failed + b.fileOps.failed },
    incidents: [...a.incidents, ...b.incidents],
    timeline: mergeTimelines(a.timeline, b.timeline),
    security: mergeSecurity(a.security, b.security),
    ...(a.incidentTotals || b.incidentTotals ? { incidentTotals: mergeIncidentTotals(incidentTotalsOf(a), incidentTotalsOf(b)) } : {}),
    notices: [...a.notices, ...b.notices],
    matchedEvents: a.matchedEvents === null || b.matchedEvents === null ? null : a.matchedEvents + b.matchedEvents,
  }
}
