import { addEvent, incidentFromEvent, type IncidentEvent, type IncidentState } from './state.js'

/**
 * Groups events into incidents as they arrive: an event joins the open incident of its server
 * and cause when it falls within `gapMs` of it, else it opens a new one. Events of one input
 * arrive nearly in time order, so this keeps a handful of open incidents; `coalesceIncidents`
 * fixes the rest when inputs are merged.
 */
export class IncidentGrouper {
  private readonly open = new Map<string, IncidentState>()
  private readonly closed: IncidentState[] = []

  /** @param gapMs largest quiet time inside one incident, in ms. */
  constructor(private readonly gapMs: number) {}

  add(e: IncidentEvent): void {
    const key = `${e.server}\u0000${e.cause}`
    const current = this.open.get(key)
    if (current && fits(current, e.time, this.gapMs)) {
      addEvent(current, e)
      return
    }
    if (current) this.closed.push(current)
    this.open.set(key, incidentFromEvent(e))
  }

  /** All incidents so far, open ones included. */
  finish(): IncidentState[] {
    const out = [...this.closed, ...this.open.values()]
    this.open.clear()
    this.closed.length = 0
    return out
  }
}

function fits(inc: IncidentState, time: number | undefined, gapMs: number): boolean {
  if (time === undefined || inc.first === undefined || inc.last === undefined) return time === undefined && inc.first === undefined
  return time >= inc.first - gapMs && time <= inc.last + gapMs
}
