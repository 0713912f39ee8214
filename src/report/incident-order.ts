import { severityRank } from '../model/severity.js'
import type { ReportIncident, ReportSample } from './report-schema.js'

/**
 * How incidents are listed for a reader, decided once for every formatter (docs/architecture.md,
 * "Reports and formatters"). The JSON report keeps its own order; these functions return new
 * arrays and never change the report.
 */

/**
 * The display order: worst severity first (error, warning, notice), then by `firstSeen`, oldest
 * first; incidents without a timestamp come after the timed ones of their severity. Ties keep
 * report order (the sort is stable).
 */
export function compareForDisplay(a: ReportIncident, b: ReportIncident): number {
  const bySeverity = severityRank(b.severity) - severityRank(a.severity)
  if (bySeverity !== 0) return bySeverity
  if (a.firstSeen === b.firstSeen) return 0
  if (a.firstSeen === null) return 1
  if (b.firstSeen === null) return -1
  return a.firstSeen < b.firstSeen ? -1 : 1
}

/** A copy of `incidents` in display order ({@link compareForDisplay}). */
export function incidentsForDisplay(incidents: readonly ReportIncident[]): ReportIncident[] {
  return [...incidents].sort(compareForDisplay)
}

/** Incidents of one cause with the same advice, explained once, with their figures summed. */
export interface AdviceGroup {
  /** The incidents, in display order; the first one's title, severity, server and advice stand for all. */
  readonly incidents: readonly ReportIncident[]
  /** Events of all the incidents. */
  readonly events: number
  /** Events by reply code (`none` for events without a code), in order of first appearance. */
  readonly codes: ReadonlyMap<string, number>
  /** Earliest `firstSeen` and latest `lastSeen` (ISO 8601, UTC), or `null` when none is timed. */
  readonly firstSeen: string | null
  readonly lastSeen: string | null
  /** Distinct clients, users and files of all the incidents, in order of first appearance. */
  readonly clients: readonly string[]
  readonly users: readonly string[]
  readonly files: readonly string[]
  /** Bytes that did not arrive, summed. */
  readonly bytesLost: number
  /** Events printed by a client rather than sent by the server, summed. */
  readonly clientSideEvents: number
  /** The first five samples of the incidents, in display order. */
  readonly samples: readonly ReportSample[]
}

const GROUP_SAMPLES = 5

/**
 * Groups incidents that share a cause and an advice summary, in display order: groups are ordered
 * by their first (worst, oldest) incident.
 */
export function groupByAdvice(incidents: readonly ReportIncident[]): AdviceGroup[] {
  const groups = new Map<string, ReportIncident[]>()
  for (const i of incidentsForDisplay(incidents)) {
    const key = `${i.cause}\u0000${i.advice.summary}`
    const list = groups.get(key)
    if (list) list.push(i)
    else groups.set(key, [i])
  }
  return [...groups.values()].map(adviceGroup)
}

function adviceGroup(list: readonly ReportIncident[]): AdviceGroup {
  const codes = new Map<string, number>()
  for (const x of list) for (const [k, n] of Object.entries(x.codes)) codes.set(k, (codes.get(k) ?? 0) + n)
  const firsts = list.map((x) => x.firstSeen).filter((t): t is string => t !== null).sort()
  const lasts = list.map((x) => x.lastSeen).filter((t): t is string => t !== null).sort()
  const distinct = (pick: (x: ReportIncident) => readonly string[]): string[] => [...new Set(list.flatMap(pick))]
  return {
    incidents: list,
    events: sum(list, (x) => x.events),
    codes,
    firstSeen: firsts[0] ?? null,
    lastSeen: lasts[lasts.length - 1] ?? null,
    clients: distinct((x) => x.clients),
    users: distinct((x) => x.users),
    files: distinct((x) => x.files),
    bytesLost: sum(list, (x) => x.bytesLost),
    clientSideEvents: sum(list, (x) => x.clientSideEvents),
    samples: list.flatMap((x) => x.samples).slice(0, GROUP_SAMPLES),
  }
}

/**
 * The incidents to draw on a timeline of at most `maxRows` rows, in time order: all timed
 * incidents when they fit; otherwise the worst, then those with the most events (then the
 * oldest). `timed` counts every incident with a timestamp, for a "rows of timed shown" note.
 */
export function timelineIncidents(incidents: readonly ReportIncident[], maxRows: number): { rows: ReportIncident[]; timed: number } {
  const byTime = (a: ReportIncident, b: ReportIncident): number => a.firstSeen!.localeCompare(b.firstSeen!)
  const timed = incidents.filter((i) => i.firstSeen !== null).sort(byTime)
  if (timed.length <= maxRows) return { rows: timed, timed: timed.length }
  const rows = [...timed]
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.events - a.events || byTime(a, b))
    .slice(0, maxRows)
    .sort(byTime)
  return { rows, timed: timed.length }
}

function sum(list: readonly ReportIncident[], pick: (x: ReportIncident) => number): number {
  return list.reduce((n, x) => n + pick(x), 0)
}
