import { detach } from '../collections/detach-string.js'
import type { BruteForceRule } from './brute-force-rule.js'
import { MAX_WINDOW_USERS, type BruteForceWindow } from './security-state.js'

/** Failure times kept at most over all tracked clients (about 16 MB with their user names). */
export const MAX_TRACKED_FAILURES = 1_000_000

interface ClientTrack {
  /** Times and users of the client's last `rule.failures` failed logins (a ring). */
  readonly times: number[]
  readonly users: (string | undefined)[]
  next: number
  size: number
  last: number
  open: { start: number; end: number; failures: number; users: Map<string, number> } | undefined
  /** Failures after the open window's end that did not (yet) meet the threshold themselves. */
  pending: number
}

/**
 * Finds brute-force windows in one input, read in time order: a client is in a window while
 * its last `rule.failures` failed logins fall within `rule.windowMs`. The window starts at the
 * first of those failures and grows with every later failure that meets the threshold again
 * within `windowMs` of its end; failures in between are counted into it when it grows.
 *
 * Memory is bounded: one ring of `rule.failures` times per tracked client, at most `maxClients`
 * clients and {@link MAX_TRACKED_FAILURES} times in all (clients silent for longer than the
 * window go first, then the least recently seen).
 * Failed logins without a time cannot be placed in a window and are ignored here.
 */
export class BruteForceDetector {
  private readonly clients = new Map<string, ClientTrack>()
  private readonly found: BruteForceWindow[] = []
  private latest = Number.NEGATIVE_INFINITY

  private readonly maxClients: number

  /**
   * @param path the input, recorded in each window.
   * @param maxClients clients tracked at once; lowered so that clients × `rule.failures` stays
   *   within {@link MAX_TRACKED_FAILURES} (a 1000-failure rule tracks 1000 clients).
   */
  constructor(
    private readonly rule: BruteForceRule,
    private readonly path: string,
    maxClients = 10_000,
  ) {
    this.maxClients = Math.max(1, Math.min(maxClients, Math.floor(MAX_TRACKED_FAILURES / rule.failures)))
  }

  /** Feeds one failed login. */
  add(client: string | undefined, user: string | undefined, time: number | undefined): void {
    if (client === undefined || time === undefined || !Number.isFinite(time)) return
    if (time > this.latest) this.latest = time
    let t = this.clients.get(client)
    if (t) {
      // Map order = least recently seen first.
      this.clients.delete(client)
      this.clients.set(client, t)
    } else {
      if (this.clients.size >= this.maxClients) this.evict()
      const n = this.rule.failures
      t = { times: new Array<number>(n), users: new Array<string | undefined>(n), next: 0, size: 0, last: time, open: undefined, pending: 0 }
      this.clients.set(detach(client), t)
    }
    const n = this.rule.failures
    t.times[t.next] = time
    t.users[t.next] = user === undefined ? undefined : detach(user)
    t.next = (t.next + 1) % n
    if (t.size < n) t.size++
    t.last = time
    const oldestIndex = t.size < n ? 0 : t.next
    const oldest = t.times[oldestIndex]!
    const crossing = t.size === n && time - oldest <= this.rule.windowMs
    if (t.open && time - t.open.end > this.rule.windowMs) this.close(client, t)
    if (!crossing) {
      if (t.open) t.pending++
      return
    }
    if (t.open) {
      t.open.end = time
      t.open.failures += 1 + t.pending
      t.pending = 0
      if (user !== undefined) t.open.users.set(user, (t.open.users.get(user) ?? 0) + 1)
      return
    }
    const users = new Map<string, number>()
    for (const u of t.users) if (u !== undefined) users.set(u, (users.get(u) ?? 0) + 1)
    t.open = { start: oldest, end: time, failures: n, users }
  }

  /** Closes every open window and returns all windows found. */
  finish(): BruteForceWindow[] {
    for (const [client, t] of this.clients) if (t.open) this.close(client, t)
    this.clients.clear()
    return this.found.splice(0)
  }

  private close(client: string, t: ClientTrack): void {
    const w = t.open!
    t.open = undefined
    t.pending = 0
    const users = [...w.users]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_WINDOW_USERS)
      .map(([u]) => u)
    this.found.push({ client, start: w.start, end: w.end, failures: w.failures, users, path: this.path })
  }

  private evict(): void {
    const horizon = this.latest - this.rule.windowMs
    for (const [client, t] of this.clients) {
      if (t.last >= horizon) continue
      if (t.open) this.close(client, t)
      this.clients.delete(client)
    }
    while (this.clients.size >= this.maxClients) {
      const [client, t] = this.clients.entries().next().value!
      if (t.open) this.close(client, t)
      this.clients.delete(client)
    }
  }
}
