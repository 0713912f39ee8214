import { addEvent, incidentFromEvent, type IncidentEvent, type IncidentState } from './state.js'

/** Called when an incident opens (its first event) or closes (it can take no more events). */
export type IncidentListener = (change: 'opened' | 'closed', incident: IncidentState) => void

/**
 * Groups events into incidents as they arrive: an event joins the open incident of its server
 * and cause when it falls within `gapMs` of it, else it opens a new one. Events of one input
 * arrive nearly in time order, so this keeps a handful of open incidents; `coalesceIncidents`
 * fixes the rest when inputs are merged.
 */
export class IncidentGrouper {
  private readonly open = new Map<string, IncidentState>()
  private readonly closed: IncidentState[] = []

  /**
   * @param gapMs largest quiet time inside one incident, in ms.
   * @param listener told about incidents opening and closing (live mode); closing also happens
   *   through {@link advance}.
   */
  constructor(
    private readonly gapMs: number,
    private readonly listener?: IncidentListener | undefined,
  ) {}

  add(e: IncidentEvent): void {
    const key = `${e.server}\u0000${e.cause}`
    const current = this.open.get(key)
    if (current && fits(current, e.time, this.gapMs)) {
      addEvent(current, e)
      return
    }
    if (current) this.close(key, current)
    const inc = incidentFromEvent(e)
    this.open.set(key, inc)
    this.listener?.('opened', inc)
  }

  /**
   * Closes the open incidents that log time `now` (epoch ms) has left more than `gapMs` behind:
   * no later event can join them.
   */
  advance(now: number): void {
    for (const [key, inc] of this.open) {
      if (inc.last !== undefined && now - inc.last > this.gapMs) this.close(key, inc)
    }
  }

  /** All incidents so far, open ones included; open ones are not reported as closed. */
  finish(): IncidentState[] {
    const out = [...this.closed, ...this.open.values()]
    this.open.clear()
    this.closed.length = 0
    return out
  }

  private close(key: string, inc: IncidentState): void {
    this.open.delete(key)
    this.closed.push(inc)
    this.listener?.('closed', inc)
  }
}

function fits(inc: IncidentState, time: number | undefined, gapMs: number): boolean {
  if (time === undefined || inc.first === undefined || inc.last === undefined) return time === undefined && inc.first === undefined
  return time >= inc.first - gapMs && time <= inc.last + gapMs
}
