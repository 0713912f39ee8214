/**
 * Which events a run looks at (`--since`, `--until`, `--client`, `--user`). Filters select
 * incident events, login attempts (security section) and the reply timeline; line accounting
 * and the totals of replies, sessions, logins and transfers always cover every line read, so
 * the report never claims a file had fewer lines than it has.
 */
export interface EventFilter {
  /** Epoch ms; events before it are left out. */
  readonly since?: number | undefined
  /** Epoch ms; events after it are left out. */
  readonly until?: number | undefined
  /** Client addresses to keep (exact match); empty or absent keeps all. */
  readonly clients?: readonly string[] | undefined
  /** User names to keep (exact match); empty or absent keeps all. */
  readonly users?: readonly string[] | undefined
}

/** Whether a filter selects anything at all. */
export function isActiveFilter(f: EventFilter | undefined): f is EventFilter {
  return f !== undefined && (f.since !== undefined || f.until !== undefined || (f.clients?.length ?? 0) > 0 || (f.users?.length ?? 0) > 0)
}

/**
 * Whether an event passes `f`. An event without a time fails a time bound (it cannot be placed),
 * one without a client fails a client filter, one without a user fails a user filter.
 */
export function matchesFilter(
  f: EventFilter | undefined,
  e: { readonly time: number | undefined; readonly client?: string | undefined; readonly user?: string | undefined },
): boolean {
  if (f === undefined) return true
  if (f.since !== undefined && (e.time === undefined || e.time < f.since)) return false
  if (f.until !== undefined && (e.time === undefined || e.time > f.until)) return false
  if (f.clients && f.clients.length > 0 && (e.client === undefined || !f.clients.includes(e.client))) return false
  if (f.users && f.users.length > 0 && (e.user === undefined || !f.users.includes(e.user))) return false
  return true
}

/** Whether a time passes the time bounds of `f` (the client and user filters do not apply). */
export function matchesTime(f: EventFilter | undefined, time: number | undefined): boolean {
  if (f === undefined || (f.since === undefined && f.until === undefined)) return true
  return time !== undefined && (f.since === undefined || time >= f.since) && (f.until === undefined || time <= f.until)
}
