import type { SettingMeasure } from '../catalog/schema.js'
import type { PeakAt } from './concurrency-state.js'

/**
 * What the log showed at one incident event, by the measure a setting is sized with (see
 * `settingMeasureSchema`): for a capacity refusal the sessions its client address (`per-client`),
 * its user (`per-user`) and the server (`total`) held, the refused one not counted; for a timeout
 * how long its session had waited, in ms (`login-wait` since its first line, `idle-wait` since its
 * line before, `no-transfer-wait` since its last transfer ended or its first line, `stall-wait`
 * since its transfer command). A measure the log cannot give is absent.
 */
export type EventFigures = Partial<Record<SettingMeasure, number>>

/** One event's figures, with when and whom. */
export interface EvidenceExample {
  readonly time: number | undefined
  readonly client: string | undefined
  readonly user: string | undefined
  readonly figures: EventFigures
}

/**
 * The figures of an incident's events (plain, mergeable data): how many events had figures, the
 * largest and smallest value of each measure (the largest with when it was first seen), and the 5
 * earliest events' figures.
 */
export interface IncidentEvidence {
  events: number
  max: Partial<Record<SettingMeasure, PeakAt>>
  min: Partial<Record<SettingMeasure, number>>
  examples: EvidenceExample[]
}

const MAX_EXAMPLES = 5

/** Adds one event's figures to an incident's evidence (a new evidence when `evidence` is undefined; mutates it otherwise). */
export function addFigures(evidence: IncidentEvidence | undefined, example: EvidenceExample): IncidentEvidence {
  const out = evidence ?? { events: 0, max: {}, min: {}, examples: [] }
  out.events++
  for (const [m, v] of Object.entries(example.figures) as [SettingMeasure, number][]) {
    const max = out.max[m]
    if (max === undefined || v > max.peak || (v === max.peak && example.time !== undefined && (max.at === undefined || example.time < max.at))) out.max[m] = { peak: v, at: example.time }
    const min = out.min[m]
    if (min === undefined || v < min) out.min[m] = v
  }
  const ex = out.examples
  // Most events come later than the five kept: one comparison, no sort.
  if (ex.length >= MAX_EXAMPLES && compareExamples(example, ex[ex.length - 1]!) >= 0) return out
  ex.push(example)
  ex.sort(compareExamples)
  if (ex.length > MAX_EXAMPLES) ex.length = MAX_EXAMPLES
  return out
}

/** Merges two incidents' evidence into a new one (either may be undefined). Associative and commutative. */
export function mergeEvidence(a: IncidentEvidence | undefined, b: IncidentEvidence | undefined): IncidentEvidence | undefined {
  if (a === undefined || b === undefined) return a === undefined ? copy(b) : copy(a)
  const out: IncidentEvidence = { events: a.events + b.events, max: { ...a.max }, min: { ...a.min }, examples: [] }
  for (const [m, v] of Object.entries(b.max) as [SettingMeasure, PeakAt][]) {
    const cur = out.max[m]
    if (cur === undefined || v.peak > cur.peak || (v.peak === cur.peak && v.at !== undefined && (cur.at === undefined || v.at < cur.at))) out.max[m] = { ...v }
  }
  for (const [m, v] of Object.entries(b.min) as [SettingMeasure, number][]) if (out.min[m] === undefined || v < out.min[m]) out.min[m] = v
  out.examples = [...a.examples, ...b.examples].sort(compareExamples).slice(0, MAX_EXAMPLES)
  return out
}

function copy(e: IncidentEvidence | undefined): IncidentEvidence | undefined {
  return e === undefined ? undefined : { events: e.events, max: { ...e.max }, min: { ...e.min }, examples: [...e.examples] }
}

/** By time (untimed last), then client, user and figures: a total order, so merges keep the same examples. */
function compareExamples(a: EvidenceExample, b: EvidenceExample): number {
  const ta = a.time ?? Number.POSITIVE_INFINITY
  const tb = b.time ?? Number.POSITIVE_INFINITY
  if (ta !== tb) return ta - tb
  const ca = a.client ?? ''
  const cb = b.client ?? ''
  if (ca !== cb) return ca < cb ? -1 : 1
  const x = `${a.client ?? ''}\u0000${a.user ?? ''}\u0000${figuresKey(a.figures)}`
  const y = `${b.client ?? ''}\u0000${b.user ?? ''}\u0000${figuresKey(b.figures)}`
  return x < y ? -1 : x > y ? 1 : 0
}

function figuresKey(f: EventFigures): string {
  return JSON.stringify(Object.entries(f).sort((x, y) => (x[0] < y[0] ? -1 : 1)))
}
