import type { EventContext } from '../catalog/catalog.js'
import type { Phase } from '../catalog/schema.js'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { LogRecord } from '../model/log-record.js'
import type { Cause } from '../model/cause.js'
import type { ServerFamily } from '../model/server-family.js'
import type { PendingEvent } from './event-merger.js'
import type { Reply, ReplyBlock } from './reply-assembler.js'
import type { TransferFact } from './tallies.js'
import { newTiming, type SessionTiming } from './session-timing.js'

/** A reply event waiting for the next reply of its session, which its rule needs (426 then `226 ABOR successful.`). */
export interface HeldEvent {
  readonly reply: Reply
  /** Its context as it was when the reply came (`nextReply` still unknown). */
  readonly context: EventContext
  readonly file: string | undefined
}

/**
 * A transfer record waiting for its outcome: the {@link TransferFact} it will become, less the
 * outcome (strings detached; bytes in bytes, time epoch ms).
 */
export interface UndecidedTransfer extends Omit<TransferFact, 'direction' | 'outcome'> {
  readonly direction: 'upload' | 'download'
  readonly host: string | undefined
  readonly message: string | undefined
  /** The record's line, for the sample of the incident it may become. */
  readonly raw: string
}

/** One control connection as rebuilt from the log: who, where it stands, and what it holds. */
export interface Session {
  /** The session key it was opened under. */
  readonly key: string
  /** More keys it took on later (vsftpd's other pids), if any. */
  aliases: string[] | undefined
  /** 1-based order of opening within its table. */
  readonly ordinal: number
  client: string | undefined
  user: string | undefined
  /** The USER argument seen before login, to match a later LOGIN record. */
  attemptUser: string | undefined
  server: ServerFamily
  host: string | undefined
  loggedIn: boolean
  /** Logged in, and the next unseen session key is expected to be its post-login process. */
  awaitingChild: boolean
  /** Epoch ms of its latest line that had a time. */
  lastTime: number | undefined
  /** Figures for concurrency and settings advice (src/analyze/session-figures.ts). */
  figures: SessionTiming
  lastCommand: string | undefined
  /**
   * Commands sent and not yet answered by a final reply, oldest first, in logs that tally from
   * replies (allocated with the first command); a reply answers the oldest.
   */
  unanswered: string[] | undefined
  /** A file operation command (DELE, MKD, RMD, RNTO, SITE CHMOD) awaiting its final reply, in logs that count file operations from replies. */
  fileOp: { verb: string; arg: string | undefined } | undefined
  /** The reply to the last command counted a file operation: a record of it is not counted again. */
  fileOpCounted: boolean
  /** The transfer command in progress, and whether its 1xx reply was seen. */
  transfer: { verb: string; arg: string | undefined; started: boolean } | undefined
  /** Code of the last complete reply (for logs that record replies but not commands). */
  lastReplyCode: number | undefined
  /** The last complete reply (text capped), for rules that look at the reply before an event. */
  lastReply: { code: number; text: string } | undefined
  /**
   * A transfer record that does not state its outcome (Pure-FTPd's `uploaded`/`downloaded`, written
   * before the transfer's final reply), kept until that reply or an incident of the session decides it.
   */
  undecided: UndecidedTransfer | undefined
  /**
   * How the last transfer command ended, to explain a later transfer record (vsftpd FAIL lines);
   * `counted`: the reply was counted as the transfer's outcome, so a record of it is not.
   */
  lastTransferEnd: { code: number; started: boolean; time: number | undefined; counted: boolean } | undefined
  /** A multi-line reply being assembled. */
  pending: ReplyBlock | undefined
  held: HeldEvent | undefined
  /** Events kept until the session ends; allocated with the first. */
  events: PendingEvent[] | undefined
  /** The session saw its 221 or 421 (or a disconnect line) and ends after this record. */
  closing: boolean
  /** Commands seen; a 220 after commands in a transcript starts a new session. */
  commands: number
  /** Links of the least-recently-active list of open sessions. */
  older: Session | undefined
  newer: Session | undefined
  isOpen: boolean
}

/** A session in its first state; one literal so that every session has the same shape. */
export function newSession(key: string, ordinal: number, server: ServerFamily, client: string | undefined, host: string | undefined, time: number | undefined): Session {
  return {
    key,
    aliases: undefined,
    ordinal,
    client,
    user: undefined,
    attemptUser: undefined,
    server,
    host,
    loggedIn: false,
    awaitingChild: false,
    lastTime: time,
    figures: newTiming(time),
    lastCommand: undefined,
    unanswered: undefined,
    fileOp: undefined,
    fileOpCounted: false,
    transfer: undefined,
    undecided: undefined,
    lastTransferEnd: undefined,
    lastReply: undefined,
    lastReplyCode: undefined,
    pending: undefined,
    held: undefined,
    events: undefined,
    closing: false,
    commands: 0,
    older: undefined,
    newer: undefined,
    isOpen: true,
  }
}

/** Where the session stands (see `phaseSchema`): in a transfer, waiting for its data connection, logged in, or not yet. */
export function phaseOf(s: Session): Phase {
  if (s.transfer) return s.transfer.started ? 'transfer' : 'data-wait'
  return s.loggedIn ? 'logged-in' : 'pre-login'
}

/** Causes whose event means the server ended the control connection (RFC 959 421 and the like). */
const ENDING: ReadonlySet<Cause> = new Set(['capacity', 'login-timeout', 'idle-timeout', 'no-transfer-timeout', 'data-timeout', 'shutdown'])

/** Whether nothing in session `s` so far ended its connection: no 421, no timeout or refusal logged. */
function isLive(s: Session): boolean {
  return s.events === undefined || !s.events.some((e) => e.code === 421 || (e.code === null && ENDING.has(e.classification.cause)))
}

/** Open sessions are checked for idleness once per this many records. */
const EVICT_EVERY = 4096

/**
 * The open sessions of one input, found by the key the log format names (`sessions.key`):
 * - `field`: the record's session key (a pid, a connection id), else its client address;
 * - `client`: the client address;
 * - `input`: the whole input is one dialogue (a transcript) until the client connects again.
 * (Records of logs keyed `none` stand alone: the tracker asks the table for no session.)
 *
 * A key the table has not seen may join an open session of the same client when the log format
 * rebinds by client (`sessions.rebindBy`): vsftpd logs one session under three processes — the
 * connection's, its privileged parent's (`OK LOGIN`) and the post-login child's (vsftpd
 * `logging.c`/`twoprocess.c`, `log_ftp_protocol=YES`).
 *
 * The table only finds, opens, orders and forgets sessions; it returns them and never closes one
 * itself: the caller finishes a session (its open reply, held and pending events) and then calls
 * {@link remove}. Open sessions form a least-recently-active list, threaded through the sessions
 * (a Set used as an LRU degrades: V8 leaves deleted entries in place until it rehashes, so finding
 * the oldest after many evictions scanned them; 1.4 s of 5.2 s on a log with many clients).
 */
export class SessionTable {
  private readonly byKey = new Map<string, Session>()
  /** The last key {@link find} looked up in `byKey` and its session; forgotten whenever `byKey` changes. */
  private foundKey: string | undefined = undefined
  private found: Session | undefined = undefined
  private readonly byClient = new Map<string, Session[]>()
  /** The least and most recently active open sessions. */
  oldest: Session | undefined = undefined
  private newest: Session | undefined = undefined
  private openCount = 0
  /** The dialogue of a transcript (`input` key mode). */
  private current: Session | undefined = undefined
  private ordinal = 0
  private sinceEviction = 0
  private latestTime: number | undefined = undefined
  private readonly keyMode: LogFormatDefinition['sessions']['key']
  private readonly rebindByClient: boolean
  private readonly rebindByUser: boolean

  /**
   * @param idleMs a session with no line for this long (log time, ms) is idle
   * @param maxOpen at most this many sessions stay open; see {@link overLimit}
   */
  constructor(
    sessions: LogFormatDefinition['sessions'],
    private readonly family: ServerFamily,
    private readonly idleMs: number,
    private readonly maxOpen: number,
  ) {
    this.keyMode = sessions.key
    this.rebindByClient = sessions.rebindBy.includes('client')
    this.rebindByUser = sessions.rebindBy.includes('user')
  }

  /**
   * Notes one record's time (epoch ms, if any). Returns true once every 4,096 records: time to
   * close the {@link idleAfter} sessions.
   */
  tick(time: number | undefined): boolean {
    if (time !== undefined && (this.latestTime === undefined || time > this.latestTime)) this.latestTime = time
    if (++this.sinceEviction < EVICT_EVERY) return false
    this.sinceEviction = 0
    return true
  }

  /** The key a record's session is filed under (`''` in a transcript). */
  keyOf(record: LogRecord): string {
    if (this.keyMode === 'input') return ''
    return this.keyMode === 'client' ? (record.client ?? '') : record.session || (record.client ?? '')
  }

  /**
   * The open session a record belongs to: the transcript's dialogue, the session filed under
   * `key`, or (for a record other than a connect) an open session of its client that the
   * unseen `key` is rebound to. `undefined` when the record starts a new session.
   */
  find(key: string, record: LogRecord): Session | undefined {
    if (this.keyMode === 'input') return this.current
    if (this.endedByDisconnect.size > 0 && record.kind !== 'disconnect') this.endedByDisconnect.delete(key)
    // Consecutive lines mostly carry one key: its session is remembered until the map changes.
    if (key === this.foundKey) return this.found
    const s = this.byKey.get(key)
    if (s !== undefined) {
      this.foundKey = key
      this.found = s
    }
    if (s !== undefined || record.kind === 'connect' || !this.rebindByClient || record.client === undefined) return s
    const bound = this.rebindCandidate(record)
    if (bound) {
      ;(bound.aliases ??= []).push(key)
      this.setKey(key, bound)
      if (bound.awaitingChild && record.kind !== 'login') bound.awaitingChild = false
    }
    return bound
  }

  /** Files `s` under `key`. */
  private setKey(key: string, s: Session): void {
    this.foundKey = undefined
    this.found = undefined
    this.byKey.set(key, s)
  }

  /** Whether a session is open under `key` (no rebinding, no side effects). */
  hasOpen(key: string): boolean {
    return this.byKey.has(key)
  }

  /**
   * Keys of sessions a 221 or 421 ended, until their own end-of-session line arrives (FileZilla
   * Server 1.x logs `Session N ended gracefully.` after the 421). Bounded: cleared at 1024.
   */
  private readonly endedByReply = new Set<string>()

  /**
   * Keys whose session a disconnect record just ended, until the key's next record: Pure-FTPd
   * follows its `[INFO] Logout.` with `NNN Logout.`, which must not end the session of another
   * connection from the same address that takes the key back (see {@link shelve}). Bounded like `endedByReply`.
   */
  private readonly endedByDisconnect = new Set<string>()

  /**
   * Notes that a record of `kind` ended session `s`: a reply (221/421), an exchange, or a
   * disconnect record (noted only in a log with replies: `NNN Logout.` repeats the last reply's code).
   */
  rememberEnded(s: Session, kind: LogRecord['kind']): void {
    const set = kind === 'disconnect' && s.lastReplyCode !== undefined ? this.endedByDisconnect : kind === 'reply' || kind === 'exchange' ? this.endedByReply : undefined
    if (set === undefined) return
    if (set.size >= 1024) set.clear()
    set.add(s.key)
  }

  /**
   * Whether a disconnect record belongs to a session that already ended, so that it must open
   * none: the end-of-session line of a session its 221/421 closed (FileZilla Server 1.x; its
   * message is still classified by the caller), or a bare session end without a message right
   * after its session ended, or whose session is gone (Pure-FTPd's `550 Logout.` after its `[INFO] Logout.`). `inputMode`: the
   * log keys sessions by input, where every record belongs to the one session.
   */
  endsEndedSession(record: LogRecord, inputMode: boolean): boolean {
    const key = this.keyOf(record)
    if (record.message === undefined && this.endedByDisconnect.delete(key)) return true
    if (this.endedByReply.has(key) && !this.hasOpen(key)) {
      this.endedByReply.delete(key)
      return true
    }
    return record.message === undefined && !inputMode && this.find(key, record) === undefined
  }

  /**
   * Whether a connect record ends the open session `s` it was filed under: always in a transcript
   * (the client connected again); otherwise when the key was reused (a pid recycled, a client
   * reconnecting), i.e. `s` has seen commands or a login.
   */
  reconnects(s: Session, record: LogRecord): boolean {
    return record.kind === 'connect' && (this.keyMode === 'input' || s.commands > 0 || s.loggedIn || s.lastCommand !== undefined)
  }

  /**
   * Sets the open session `s` aside, when `record` (a connect under its key, see {@link reconnects})
   * is a second connection from the same address at once rather than the key's reuse: the key is
   * the client address (the log names no connection of its own, as Pure-FTPd's syslog lines do),
   * and `s` is live (no event of it ended the connection: a 421, a timeout, a refusal). The new
   * session then takes the key; when it ends, `s` takes the key back (the lines of two connections
   * from one address cannot be told apart, but each is counted and ended once). Returns whether
   * `s` was set aside; if not, the caller closes it.
   */
  shelve(s: Session, record: LogRecord): boolean {
    if (this.keyMode === 'input' || (this.keyMode === 'field' && record.session) || !isLive(s) || this.byKey.get(s.key) !== s) return false
    this.foundKey = undefined
    this.found = undefined
    this.byKey.delete(s.key)
    const list = this.shelved.get(s.key)
    if (list) list.push(s)
    else this.shelved.set(s.key, [s])
    return true
  }

  /** Open sessions set aside by a newer connection from the same address, per key, oldest first. */
  private readonly shelved = new Map<string, Session[]>()

  /** Opens a session under `key` (strings already detached), as the most recently active. */
  open(key: string, client: string | undefined, host: string | undefined, time: number | undefined): Session {
    const s = newSession(key, ++this.ordinal, this.family, client, host, time)
    if (this.keyMode === 'input') this.current = s
    else this.setKey(key, s)
    // Only needed to rebind unseen keys to a client's session (vsftpd).
    if (this.rebindByClient && client !== undefined) {
      const list = this.byClient.get(client)
      if (list) list.push(s)
      else this.byClient.set(client, [s])
    }
    this.link(s)
    this.openCount++
    return s
  }

  /** The least recently active session when more than `maxOpen` are open (to be closed), else `undefined`. */
  overLimit(): Session | undefined {
    return this.openCount > this.maxOpen ? this.oldest : undefined
  }

  /** Marks `s` the most recently active. */
  touch(s: Session): void {
    // Consecutive lines mostly belong to one session; it is already the most recent then.
    if (this.newest === s) return
    this.unlink(s)
    this.link(s)
  }

  /**
   * The session after `s` (or the oldest, for `undefined`) in activity order, if it has been
   * silent for `idleMs` before the latest time seen; `undefined` ends the walk.
   */
  idleAfter(s: Session | undefined): Session | undefined {
    if (this.latestTime === undefined) return undefined
    const next = s === undefined ? this.oldest : s.newer
    return next !== undefined && next.lastTime !== undefined && next.lastTime < this.latestTime - this.idleMs ? next : undefined
  }

  /** Forgets `s` (no-op when already removed): its keys, its place in the order, and `isOpen`. */
  remove(s: Session): void {
    if (!s.isOpen) return
    s.isOpen = false
    this.unlink(s)
    this.openCount--
    this.foundKey = undefined
    this.found = undefined
    if (this.byKey.get(s.key) === s) {
      this.byKey.delete(s.key)
      const back = this.shelved.get(s.key)?.pop()
      if (back !== undefined) this.byKey.set(s.key, back)
    } else this.unshelve(s)
    if (this.shelved.get(s.key)?.length === 0) this.shelved.delete(s.key)
    if (s.aliases) for (const key of s.aliases) if (this.byKey.get(key) === s) this.byKey.delete(key)
    if (this.rebindByClient && s.client !== undefined) {
      const list = this.byClient.get(s.client)
      if (list) {
        const i = list.indexOf(s)
        if (i >= 0) list.splice(i, 1)
        if (list.length === 0) this.byClient.delete(s.client)
      }
    }
    if (this.current === s) this.current = undefined
  }

  /** Forgets `s` from the sessions set aside under its key (it ended while set aside). */
  private unshelve(s: Session): void {
    const list = this.shelved.get(s.key)
    const i = list?.indexOf(s) ?? -1
    if (i >= 0) list!.splice(i, 1)
  }

  /** vsftpd stitching: which open session of this client an unseen pid belongs to. */
  private rebindCandidate(record: LogRecord): Session | undefined {
    const list = this.byClient.get(record.client!)
    if (!list || list.length === 0) return undefined
    const fresh = (s: Session): boolean =>
      record.time === undefined || s.lastTime === undefined || Math.abs(record.time - s.lastTime) <= this.idleMs
    const userOk = (s: Session): boolean =>
      !this.rebindByUser || record.user === undefined || s.user === undefined || s.user === record.user
    const open = list.filter((s) => !s.closing && fresh(s) && userOk(s))
    if (open.length === 0) return undefined
    if (record.kind === 'login') {
      // The login is logged by the session's privileged parent: the oldest session still
      // waiting to log in (logins finish in the order they started).
      return (
        open.find((s) => !s.loggedIn && s.attemptUser !== undefined && s.attemptUser === record.user) ??
        open.find((s) => !s.loggedIn) ??
        open[open.length - 1]
      )
    }
    if (record.user !== undefined) {
      // The post-login child logs under the user's name: the session that just logged in and
      // waits for it, else the newest session of that user.
      return (
        open.find((s) => s.awaitingChild && s.user === record.user) ??
        [...open].reverse().find((s) => s.user === record.user) ??
        open[open.length - 1]
      )
    }
    return open[open.length - 1]
  }

  /** Appends `s` as the most recently active session. */
  private link(s: Session): void {
    s.older = this.newest
    s.newer = undefined
    if (this.newest) this.newest.newer = s
    else this.oldest = s
    this.newest = s
  }

  private unlink(s: Session): void {
    if (s.older) s.older.newer = s.newer
    else this.oldest = s.newer
    if (s.newer) s.newer.older = s.older
    else this.newest = s.older
    s.older = undefined
    s.newer = undefined
  }
}
