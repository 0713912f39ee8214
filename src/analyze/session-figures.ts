import type { Cause } from '../model/cause.js'
import { beats, offerPeak, type ConcurrencyState } from './concurrency-state.js'
import type { EventFigures } from './incident-evidence.js'
import type { Session } from './session-table.js'

const TIMEOUT_CAUSES: ReadonlySet<Cause> = new Set(['login-timeout', 'idle-timeout', 'no-transfer-timeout', 'data-timeout'])

/**
 * A session whose end the log does not show stops counting once its last line is this old (5 min,
 * log time), unless a transfer is running: vsftpd's default idle_session_timeout, past which it
 * cuts a silent session without a line when log_ftp_protocol is off (the usual case of logs without
 * ends); ProFTPD and Pure-FTPd log their cuts, which end the session.
 */
export const STALE_SESSION_MS = 5 * 60 * 1000

/**
 * Counts the sessions of one input open at once, as the {@link SessionTracker} opens and closes
 * them, and measures what the settings advice needs at each incident event (see
 * {@link EventFigures}). A session counts from its first line until its end: the line that ends it
 * (a 221 or 421 reply, a disconnect record) or, when the log shows none, its last line once that is
 * {@link STALE_SESSION_MS} old, or the end of the input (counted in `endsNotLogged`; a later line
 * counts it again). A session refused for capacity holds no slot and stops counting at its
 * refusal. Peaks are taken at each session's opening: the open sessions then, the session itself
 * included. Memory: counts per client address and user with open sessions, a heap of the counted
 * sessions by last line, and the bounded peak tables of {@link ConcurrencyState}.
 */
export class SessionFigures {
  private open = 0
  private readonly openByClient = new Map<string, number>()
  private readonly openByUser = new Map<string, number>()
  /** Sessions that sent a transfer command (RETR, STOR, LIST…), some of them done since: see {@link dataConnections}. */
  private readonly transferring = new Set<Session>()
  /** Counted sessions, soonest to go stale first (by the last line time they were filed with). */
  private readonly byLastLine = new TimeHeap()

  constructor(private readonly state: ConcurrencyState) {}

  /** A session opened (its first line). */
  opened(s: Session): void {
    const t = s.figures
    if (t.start !== undefined) this.expire(t.start)
    t.counted = true
    t.openAtStart = ++this.open
    if (t.start !== undefined) this.byLastLine.push(s, t.start)
  }

  /**
   * One line of session `s` at `time`: the silence before it, its time as the session's latest,
   * and its client address and user once they are known.
   */
  line(s: Session, time: number | undefined): void {
    const t = s.figures
    if (time !== undefined) {
      // A silence while a transfer runs is no idleness (servers hold their idle timers then).
      if (s.lastTime !== undefined && s.transfer === undefined && time - s.lastTime > t.longestGapMs) {
        t.longestGapMs = time - s.lastTime
        t.longestGapEnd = time
      }
      t.previous = s.lastTime
      s.lastTime = time
    }
    if (t.stale) this.recount(s)
    if (!t.counted) return
    if (t.countedClient === undefined && s.client !== undefined) {
      t.countedClient = s.client
      t.clientOpenAtStart = bump(this.openByClient, s.client, 1)
    }
    if (t.countedUser === undefined && s.user !== undefined) {
      t.countedUser = s.user
      bump(this.openByUser, s.user, 1)
    }
  }

  /** A transfer command in session `s` (its start, for stall waits). */
  transferStarted(s: Session): void {
    s.figures.transferStart = s.lastTime
    this.transferring.add(s)
  }

  /**
   * The figures of an incident event of `cause` at `time` in session `s` (`undefined` for causes
   * no setting is sized by, or events outside sessions). A capacity refusal also stops `s` counting.
   */
  event(s: Session | undefined, cause: Cause, time: number | undefined): EventFigures | undefined {
    if (s === undefined) return undefined
    const t = s.figures
    if (cause === 'capacity') {
      if (time !== undefined) this.expire(time)
      const user = s.user ?? s.attemptUser
      this.uncount(s)
      t.refused = true
      const figures: EventFigures = { total: this.open, 'passive-ports': this.dataConnections() }
      if (s.client !== undefined) figures['per-client'] = this.openByClient.get(s.client) ?? 0
      if (user !== undefined) figures['per-user'] = this.openByUser.get(user) ?? 0
      return figures
    }
    // The failed one included: its final reply (the 425) may have ended its transfer command already.
    if (cause === 'data-connection-failed') return { total: this.open, 'passive-ports': this.dataConnections() + (s.transfer === undefined ? 1 : 0) }
    if (!TIMEOUT_CAUSES.has(cause) || time === undefined) return undefined
    t.cut = true
    const figures: EventFigures = {}
    if (t.start !== undefined) figures['login-wait'] = time - t.start
    if (t.previous !== undefined) figures['idle-wait'] = time - t.previous
    const since = s.lastTransferEnd?.time ?? t.start
    if (since !== undefined) figures['no-transfer-wait'] = time - since
    if (t.transferStart !== undefined) figures['stall-wait'] = time - t.transferStart
    return figures
  }

  /**
   * A session ended: it stops counting; the open sessions at its opening become a peak candidate
   * (unless it was refused), and its longest silence one of `server`'s (unless a timeout cut it).
   */
  closed(s: Session, server: string): void {
    this.transferring.delete(s)
    const t = s.figures
    if (!t.counted && !t.refused && !t.stale) return
    if (t.counted) {
      this.uncount(s)
      if (!s.closing) this.state.endsNotLogged++
    }
    t.stale = false
    if (t.refused) return
    const candidate = { peak: t.openAtStart, at: t.start }
    if (beats(candidate, this.state.global)) this.state.global = candidate
    if (t.countedClient !== undefined) offerPeak(this.state.byClient, t.countedClient, { peak: t.clientOpenAtStart, at: t.start })
    // Only sessions of a known client: a daemon's own lines (ProFTPD's STARTUP and SHUTDOWN under its pid) are no session's silence.
    if (!t.cut && t.longestGapMs > 0 && s.client !== undefined) offerPeak(this.state.longestUncutGap, server, { peak: t.longestGapMs, at: t.longestGapEnd })
  }

  /** Sessions with a transfer command not yet answered by its final reply: data connections being set up or open (forgets the others). */
  private dataConnections(): number {
    let n = 0
    for (const x of this.transferring) {
      if (x.isOpen && x.transfer !== undefined) n++
      else this.transferring.delete(x)
    }
    return n
  }

  /** Stops counting the sessions silent for {@link STALE_SESSION_MS} before `now` (no transfer running). */
  private expire(now: number): void {
    const cutoff = now - STALE_SESSION_MS
    for (let top = this.byLastLine.peek(); top !== undefined && top.time < cutoff; top = this.byLastLine.peek()) {
      this.byLastLine.pop()
      const s = top.session
      if (!s.figures.counted) continue
      const last = s.lastTime ?? top.time
      if (last >= cutoff || s.transfer !== undefined || s.undecided !== undefined) {
        this.byLastLine.push(s, last >= cutoff ? last : now)
        continue
      }
      this.uncount(s)
      s.figures.stale = true
      this.state.endsNotLogged++
    }
  }

  /** A stale session showed a line: it counts again (it was open all along). */
  private recount(s: Session): void {
    const t = s.figures
    t.stale = false
    t.counted = true
    this.state.endsNotLogged--
    this.open++
    if (t.countedClient !== undefined) bump(this.openByClient, t.countedClient, 1)
    if (t.countedUser !== undefined) bump(this.openByUser, t.countedUser, 1)
    if (s.lastTime !== undefined) this.byLastLine.push(s, s.lastTime)
  }

  private uncount(s: Session): void {
    const t = s.figures
    if (!t.counted) return
    t.counted = false
    this.open--
    if (t.countedClient !== undefined) bump(this.openByClient, t.countedClient, -1)
    if (t.countedUser !== undefined) bump(this.openByUser, t.countedUser, -1)
  }
}

/** Adds `n` to `key`'s count (deleting it at 0) and returns the new count. */
function bump(map: Map<string, number>, key: string, n: number): number {
  const v = (map.get(key) ?? 0) + n
  if (v <= 0) map.delete(key)
  else map.set(key, v)
  return v
}

/** A binary min-heap of sessions by a time (epoch ms). */
class TimeHeap {
  private readonly items: { session: Session; time: number }[] = []

  peek(): { session: Session; time: number } | undefined {
    return this.items[0]
  }

  push(session: Session, time: number): void {
    const a = this.items
    a.push({ session, time })
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1
      if (a[parent]!.time <= a[i]!.time) break
      ;[a[parent], a[i]] = [a[i]!, a[parent]!]
      i = parent
    }
  }

  pop(): void {
    const a = this.items
    const last = a.pop()
    if (last === undefined || a.length === 0) return
    a[0] = last
    for (let i = 0; ; ) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < a.length && a[l]!.time < a[m]!.time) m = l
      if (r < a.length && a[r]!.time < a[m]!.time) m = r
      if (m === i) break
      ;[a[m], a[i]] = [a[i]!, a[m]!]
      i = m
    }
  }
}
