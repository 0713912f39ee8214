import type { Catalog, Classification, EventContext } from '../catalog/catalog.js'
import type { Phase, Trigger } from '../catalog/schema.js'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { LogRecord } from '../model/log-record.js'
import type { ServerFamily } from '../model/server-family.js'
import { countInto, type MutableCounter } from '../collections/counter-map.js'
import { detach, detachOptional } from '../collections/detach-string.js'
import type { AnalysisState, IncidentEvent, Sample } from './state.js'

/** Options of a {@link SessionTracker}; one tracker serves one input. */
export interface TrackerOptions {
  /** The input's path as given, for samples. */
  readonly path: string
  readonly definition: LogFormatDefinition
  readonly catalog: Catalog
  /** Totals are added here (replies, sessions, logins, transfers, file operations). */
  readonly state: AnalysisState
  /** Receives every finished incident event. */
  readonly emit: (event: IncidentEvent) => void
  /** A session with no line for this long (log time) is closed. @default 7_200_000 (2 h) */
  readonly sessionIdleMs?: number
  /** At most this many sessions stay open; the least recently active is closed first. @default 20_000 */
  readonly maxOpenSessions?: number
  /** Told of every reply and login attempt as it is counted (timeline, security summary). */
  readonly observer?: TrackerObserver | undefined
}

/** Receives facts the tracker counts, with their time and line, without the tracker storing them. */
export interface TrackerObserver {
  /** A server reply was counted. `time` in epoch ms, if the line had one; `line` where it starts. */
  reply?(code: number, time: number | undefined, line: number, text: string, client: string | undefined, user: string | undefined): void
  /** A login attempt was counted (`ok` false for a failed one). */
  login?(ok: boolean, client: string | undefined, user: string | undefined, time: number | undefined, line: number): void
  /** A transfer (or delete) was counted in the transfer totals. */
  transfer?(t: TransferFact): void
}

/** One counted transfer, as {@link TrackerObserver.transfer} receives it. */
export interface TransferFact {
  readonly direction: 'upload' | 'download' | 'delete'
  readonly outcome: 'complete' | 'incomplete' | 'failed-to-start'
  /** Bytes moved (partial for an incomplete transfer), when logged. */
  readonly bytes: number | undefined
  readonly file: string | undefined
  readonly client: string | undefined
  readonly user: string | undefined
  readonly time: number | undefined
  readonly line: number
}

/** A reply assembled from one or more lines (RFC 959 §4.2 multi-line replies joined by `\n`). */
interface Reply {
  readonly code: number
  readonly text: string
  readonly line: number
  readonly time: number | undefined
  readonly raw: string
  readonly clientSide: boolean
  readonly bytes: number | undefined
}

/** An event found in a session and kept until the session ends, so related lines can merge. */
interface PendingEvent {
  readonly trigger: Trigger
  readonly code: number | null
  readonly time: number | undefined
  readonly classification: Classification
  client: string | undefined
  user: string | undefined
  file: string | undefined
  bytesLost: number
  readonly clientSide: boolean
  readonly sample: Sample
}

interface HeldEvent {
  readonly reply: Reply
  readonly context: Omit<EventContext, 'nextReply'>
  readonly file: string | undefined
}

interface Session {
  /** The session key it was opened under. */
  readonly key: string
  /** More keys it took on later (vsftpd's other pids), if any. */
  aliases: string[] | undefined
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
  lastTime: number | undefined
  lastCommand: string | undefined
  /** The transfer command in progress, and whether its 1xx reply was seen. */
  transfer: { verb: string; arg: string | undefined; started: boolean } | undefined
  /** Code of the last complete reply (for logs that record replies but not commands). */
  lastReplyCode: number | undefined
  /** The last complete reply (text capped), for rules that look at the reply before an event. */
  lastReply: { code: number; text: string } | undefined
  /** How the last transfer command ended, to explain a later transfer record (vsftpd FAIL lines). */
  lastTransferEnd: { code: number; started: boolean; time: number | undefined } | undefined
  /** A multi-line reply being assembled. */
  pending: { code: number; lines: string[]; line: number; time: number | undefined; raw: string; clientSide: boolean } | undefined
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

const TRANSFER_VERBS = new Set(['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'])
const FILE_VERBS = new Set(['RETR', 'STOR', 'STOU', 'APPE'])
/** Events of one session this close in time are taken as one failure (seconds → ms). */
const MERGE_WINDOW_MS = 10_000
const MAX_SAMPLE_CHARS = 500
const EVICT_EVERY = 4096
/** A multi-line reply longer than this is closed by force, so a missing end line cannot pin memory. */
const MAX_REPLY_LINES = 2000
const MAX_REPLY_CHARS = 64 * 1024

/**
 * Rebuilds control connections from records and turns their replies and messages into incident
 * events.
 *
 * - Multi-line replies are joined per RFC 959 §4.2: `NNN-` opens, `NNN ` with the same code closes;
 *   a command arriving while a reply is open closes it too (the server must have finished), and so
 *   does an unpadded `NNN ` line with another code, which counts as a reply of its own.
 * - Replies a client printed itself (`clientSide`) are not counted as server replies.
 * - Every reply is counted; 230/530 and 1xx/226/4xx after RETR/STOR feed the login and transfer
 *   totals when the log format tallies from replies.
 * - A reply, log message or failed transfer that the catalog classifies becomes an event. Events
 *   whose rule needs the next reply (426 then `226 ABOR successful.`) wait for it.
 * - Events of one session within 10 s that describe the same failure merge (vsftpd's `426` and its
 *   `FAIL DOWNLOAD` line; ProFTPD's no-transfer timeout and its passive-mode hint).
 * - Sessions are keyed as the log format says; keys it has not seen may join an open session of
 *   the same client (vsftpd logs one session under three pids).
 *
 * Memory is bounded: a session is released when it ends, after `sessionIdleMs` of silence, or
 * when more than `maxOpenSessions` are open.
 */
export class SessionTracker {
  private readonly byKey = new Map<string, Session>()
  /**
   * Open sessions in least-recently-active order, as a list threaded through the sessions. (A Set
   * used as an LRU degrades: V8 leaves deleted entries in place until it rehashes, so finding the
   * oldest after many evictions scanned them; 1.4 s of 5.2 s on a log with many clients.)
   */
  private oldest: Session | undefined
  private newest: Session | undefined
  private openCount = 0
  private readonly byClient = new Map<string, Session[]>()
  /** The dialogue of a transcript (`input` key mode). */
  private current: Session | undefined
  private ordinal = 0
  private sinceEviction = 0
  private latestTime: number | undefined
  private readonly idleMs: number
  private readonly maxOpen: number
  private readonly keyMode: LogFormatDefinition['sessions']['key']
  private readonly rebindByClient: boolean
  private readonly rebindByUser: boolean
  private readonly tallyReplies: boolean
  private readonly family: ServerFamily
  /** A client transcript: a 220 after commands is a new connection whatever the key mode. */
  private readonly isClient: boolean

  constructor(private readonly options: TrackerOptions) {
    this.idleMs = options.sessionIdleMs ?? 7_200_000
    this.maxOpen = options.maxOpenSessions ?? 20_000
    this.keyMode = options.definition.sessions.key
    this.rebindByClient = options.definition.sessions.rebindBy.includes('client')
    this.rebindByUser = options.definition.sessions.rebindBy.includes('user')
    this.tallyReplies = options.definition.tallyFrom === 'replies'
    this.family = options.definition.server
    this.isClient = options.definition.role === 'client'
  }

  /** Feeds one recognised record; `raw` is its line as read (for samples). */
  push(record: LogRecord, raw: string): void {
    if (record.time !== undefined && (this.latestTime === undefined || record.time > this.latestTime)) this.latestTime = record.time
    if (++this.sinceEviction >= EVICT_EVERY) {
      this.sinceEviction = 0
      this.evictIdle()
    }
    const kind = record.kind
    if (kind === 'meta' || kind === 'not-ftp') return
    if (this.keyMode === 'none') {
      this.handleSessionless(record, raw)
      return
    }
    const session = this.resolve(record)
    if (record.time !== undefined) session.lastTime = record.time
    if (record.client !== undefined && session.client === undefined) session.client = detach(record.client)
    if (record.host !== undefined && session.host !== record.host) session.host = detach(record.host)
    if (record.user !== undefined && kind !== 'login' && session.user === undefined) session.user = detach(record.user)
    switch (kind) {
      case 'connect':
        if (record.message !== undefined) this.logMessage(session, record, raw)
        break
      case 'disconnect':
        if (record.message !== undefined) this.logMessage(session, record, raw)
        session.closing = true
        break
      case 'login':
        this.login(session, record)
        break
      case 'command':
        this.command(session, record.verb ?? '', record.arg)
        break
      case 'reply':
        this.replyLine(session, record, raw)
        break
      case 'exchange':
        // An ExtendedLog line may also carry why the session ended (%E), or a failure reason.
        if (record.message !== undefined) this.logMessage(session, record, raw)
        if (record.verb !== undefined) this.command(session, record.verb, record.arg)
        if (record.code !== undefined) {
          this.reply(session, {
            code: record.code,
            text: record.text ?? '',
            line: record.line,
            time: record.time,
            raw,
            clientSide: record.clientSide,
            bytes: record.bytes,
          })
        }
        break
      case 'transfer':
        this.transferRecord(session, record, raw)
        break
      case 'file-op':
        if (record.ok === false) this.options.state.fileOps.failed++
        else this.options.state.fileOps.ok++
        break
      case 'message':
        if (record.message !== undefined) this.logMessage(session, record, raw)
        break
    }
    if (session.closing && session.pending === undefined && this.keyMode !== 'input') this.close(session)
  }

  /** Ends every open session (end of input) and flushes their events. */
  end(): void {
    while (this.oldest) this.close(this.oldest)
    this.current = undefined
  }

  // ---- sessions -------------------------------------------------------------------------------

  private resolve(record: LogRecord): Session {
    if (this.keyMode === 'input') {
      let s = this.current
      // A transcript is one connection until the client connects again (or a new 220 arrives, see
      // reply()): commands a client sends after a 421 still belong to the dead connection.
      if (!s || record.kind === 'connect') {
        if (s) this.close(s)
        s = this.open('', record)
        this.current = s
      }
      this.touch(s)
      return s
    }
    const key = this.keyMode === 'client' ? (record.client ?? '') : record.session || (record.client ?? '')
    let s = this.byKey.get(key)
    if (s && record.kind === 'connect' && (s.commands > 0 || s.loggedIn || s.lastCommand !== undefined)) {
      // The key was reused (a pid recycled, a client reconnecting): the old session is over.
      this.close(s)
      s = undefined
    }
    if (!s && record.kind !== 'connect' && this.rebindByClient && record.client !== undefined) {
      s = this.rebindCandidate(record)
      if (s) {
        ;(s.aliases ??= []).push(key)
        this.byKey.set(key, s)
        if (s.awaitingChild && record.kind !== 'login') s.awaitingChild = false
      }
    }
    if (!s) s = this.open(key, record)
    this.touch(s)
    return s
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
      return (
        open.find((s) => s.awaitingChild && s.user === record.user) ??
        [...open].reverse().find((s) => s.user === record.user) ??
        open[open.length - 1]
      )
    }
    return open[open.length - 1]
  }

  private open(key: string, record: LogRecord): Session {
    const s = newSession(key, ++this.ordinal, this.family, detachOptional(record.client), detachOptional(record.host), record.time)
    this.options.state.sessions.total++
    if (this.keyMode !== 'input') this.byKey.set(key, s)
    // Only needed to rebind unseen keys to a client's session (vsftpd).
    if (this.rebindByClient && s.client !== undefined) {
      const list = this.byClient.get(s.client)
      if (list) list.push(s)
      else this.byClient.set(s.client, [s])
    }
    this.link(s)
    this.openCount++
    if (this.openCount > this.maxOpen) this.close(this.oldest!)
    return s
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

  private touch(s: Session): void {
    // Consecutive lines mostly belong to one session; it is already the most recent then.
    if (this.newest === s) return
    this.unlink(s)
    this.link(s)
  }

  private evictIdle(): void {
    if (this.latestTime === undefined) return
    const horizon = this.latestTime - this.idleMs
    for (let s = this.oldest; s; ) {
      if (s.lastTime === undefined || s.lastTime >= horizon) break
      const next: Session | undefined = s.newer
      this.close(s)
      s = next
    }
  }

  private close(s: Session): void {
    if (!s.isOpen) return
    // Unlinked first: finishing its last reply can re-enter close (a transcript's new greeting).
    s.isOpen = false
    this.unlink(s)
    this.openCount--
    if (s.pending) this.finishPending(s)
    if (s.held) this.resolveHeld(s, undefined)
    this.flushEvents(s)
    if (this.byKey.get(s.key) === s) this.byKey.delete(s.key)
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

  // ---- records --------------------------------------------------------------------------------

  private login(s: Session, r: LogRecord): void {
    const logins = this.options.state.logins
    if (r.ok === false) {
      logins.failed++
      const client = r.client ?? s.client
      if (client !== undefined) countInto(logins.failedByClient as MutableCounter, client)
      const user = r.user ?? s.attemptUser
      if (user !== undefined) countInto(logins.failedByUser as MutableCounter, user)
      this.options.observer?.login?.(false, client, user, r.time, r.line)
      if (r.message !== undefined) this.logMessage(s, r, '')
      return
    }
    logins.ok++
    this.options.observer?.login?.(true, r.client ?? s.client, r.user ?? s.attemptUser ?? s.user, r.time, r.line)
    if (!s.loggedIn) this.options.state.sessions.loggedIn++
    s.loggedIn = true
    s.awaitingChild = true
    if (r.user !== undefined) s.user = detach(r.user)
  }

  private command(s: Session, verb: string, arg: string | undefined): void {
    if (s.pending) this.finishPending(s)
    s.commands++
    s.lastCommand = detach(verb)
    if (verb === 'USER') s.attemptUser = detachOptional(arg)
    if (TRANSFER_VERBS.has(verb)) {
      s.transfer = { verb: s.lastCommand, arg: detachOptional(arg), started: false }
      s.lastTransferEnd = undefined
    }
  }

  private replyLine(s: Session, r: LogRecord, raw: string): void {
    const p = s.pending
    if (p) {
      if (r.code === p.code && r.sep === ' ') {
        p.lines.push(r.text ?? '')
        this.finishPending(s)
        return
      }
      if (r.code !== undefined && r.sep === ' ' && !r.clientSide) {
        // RFC 959 wants inner lines that start with digits padded, so an unpadded final line with
        // another code is a reply of its own that ends the block (Pure-FTPd's "220-…" banner cut
        // short by "421 5 users (the maximum) are already logged in, sorry").
        this.finishPending(s)
        this.reply(s, { code: r.code, text: r.text ?? '', line: r.line, time: r.time, raw, clientSide: r.clientSide, bytes: r.bytes })
        return
      }
      // Any other line inside the block is text (RFC 959: "NNN-" and other codes may appear).
      const line = r.code !== undefined ? `${r.code}${r.sep === '-' ? '-' : ' '}${r.text ?? ''}` : (r.text ?? '')
      p.lines.push(detach(line))
      if (p.lines.length > MAX_REPLY_LINES || p.lines.reduce((n, l) => n + l.length, 0) > MAX_REPLY_CHARS) this.finishPending(s)
      return
    }
    if (r.code === undefined) return // a continuation line with no open reply: nothing to attach it to
    if (r.sep === '-') {
      s.pending = { code: r.code, lines: [detach(r.text ?? '')], line: r.line, time: r.time, raw: detach(raw), clientSide: r.clientSide }
      return
    }
    this.reply(s, { code: r.code, text: r.text ?? '', line: r.line, time: r.time, raw, clientSide: r.clientSide, bytes: r.bytes })
  }

  private finishPending(s: Session): void {
    const p = s.pending
    if (!p) return
    s.pending = undefined
    this.reply(s, {
      code: p.code,
      text: p.lines.join('\n'),
      line: p.line,
      time: p.time,
      raw: p.raw,
      clientSide: p.clientSide,
      bytes: undefined,
    })
  }

  private reply(s: Session, reply: Reply): void {
    const state = this.options.state
    const code = reply.code
    const key = String(code)
    // A line the client printed itself (BSD ftp's "421 Service not available…") is no server reply.
    if (!reply.clientSide) {
      state.replies[key] = (state.replies[key] ?? 0) + 1
      this.options.observer?.reply?.(code, reply.time, reply.line, reply.text, s.client, s.user ?? s.attemptUser)
    }
    if (s.held) this.resolveHeld(s, reply)
    if (code === 220 && s.server === 'generic') s.server = this.options.catalog.fingerprint(reply.text) ?? s.server
    if (code === 220 && !reply.clientSide && (this.keyMode === 'input' || this.isClient) && s.commands > 0) {
      // A new greeting after commands: the transcript reconnected without a connect line.
      this.close(s)
      const fresh = this.open(this.keyMode === 'input' ? '' : s.key, { client: s.client, host: s.host, time: reply.time } as LogRecord)
      fresh.server = this.options.catalog.fingerprint(reply.text) ?? this.family
      if (this.keyMode === 'input') this.current = fresh
      return
    }

    const phase = phaseOf(s)
    const transfer = s.transfer
    const lastCommand = s.lastCommand

    // Totals that come from replies.
    if (code === 230 || code === 232) {
      if (this.tallyReplies) {
        state.logins.ok++
        this.options.observer?.login?.(true, s.client, s.attemptUser ?? s.user, reply.time, reply.line)
      }
      if (!s.loggedIn) state.sessions.loggedIn++
      s.loggedIn = true
      if (s.attemptUser !== undefined) s.user ??= s.attemptUser
    } else if (code === 530 && this.tallyReplies && this.isLoginRefusal(s, reply, phase)) {
      state.logins.failed++
      if (s.client !== undefined) countInto(state.logins.failedByClient as MutableCounter, s.client)
      const user = s.attemptUser ?? s.user
      if (user !== undefined) countInto(state.logins.failedByUser as MutableCounter, user)
      this.options.observer?.login?.(false, s.client, user, reply.time, reply.line)
    }
    if (transfer) {
      if (code === 125 || code === 150) transfer.started = true
      else if (code >= 200) {
        const isFile = FILE_VERBS.has(transfer.verb)
        s.lastTransferEnd = { code, started: transfer.started, time: reply.time }
        const fact = (outcome: TransferFact['outcome']): void =>
          this.options.observer?.transfer?.({
            direction: transfer.verb === 'RETR' ? 'download' : 'upload',
            outcome,
            bytes: reply.bytes,
            file: transfer.arg,
            client: s.client,
            user: s.user ?? s.attemptUser,
            time: reply.time,
            line: reply.line,
          })
        if (this.tallyReplies && isFile && code >= 400 && (transfer.started || code === 426 || code === 451)) {
          state.transfers.incomplete++
          state.transfers.partialBytes += reply.bytes ?? 0
          fact('incomplete')
        } else if (this.tallyReplies && isFile && code >= 400) {
          state.transfers.failedToStart++
          fact('failed-to-start')
        } else if (this.tallyReplies && isFile && (code === 226 || code === 250)) {
          state.transfers.completed++
          fact('complete')
          const bytes = reply.bytes ?? 0
          if (transfer.verb === 'RETR') {
            state.transfers.downloads++
            state.transfers.bytesOut += bytes
          } else {
            state.transfers.uploads++
            state.transfers.bytesIn += bytes
          }
        }
        s.transfer = undefined
      }
    }

    const catalog = this.options.catalog
    if (catalog.isEventCode(code)) {
      const context: Omit<EventContext, 'nextReply'> = {
        trigger: 'reply',
        server: s.server,
        code,
        text: reply.text,
        phase,
        lastCommand,
        previousReply: s.lastReply,
      }
      const file = transfer && FILE_VERBS.has(transfer.verb) ? transfer.arg : undefined
      if (catalog.needsNextReply(code)) {
        s.held = {
          reply: { ...reply, raw: detach(reply.raw), text: detach(reply.text) },
          context: { ...context, text: detach(context.text) },
          file: detachOptional(file),
        }
      }
      else this.addEvent(s, 'reply', code, reply, catalog.classify({ ...context, nextReply: undefined }), file, 0)
    }
    if (catalog.usesPreviousReply) s.lastReply = { code, text: detach(reply.text.slice(0, 200)) }
    s.lastReplyCode = code
    if (code === 221 || code === 421) s.closing = true
  }

  /**
   * Whether a 530 refuses a login attempt: it answers USER, PASS or ACCT (or, in logs without
   * commands such as a ProFTPD TraceLog, follows the 331 password prompt), and it is not a
   * connection-limit refusal (ProFTPD's MaxClients 530s are capacity incidents, not bad passwords).
   */
  private isLoginRefusal(s: Session, reply: Reply, phase: Phase): boolean {
    const cmd = s.lastCommand
    const answersLogin = cmd === 'PASS' || cmd === 'USER' || cmd === 'ACCT' || (cmd === undefined && (s.lastReplyCode === 331 || s.lastReplyCode === 332))
    if (!answersLogin) return false
    const c = this.options.catalog.classify({ trigger: 'reply', server: s.server, code: 530, text: reply.text, phase, lastCommand: cmd, nextReply: undefined })
    return c?.cause !== 'capacity'
  }

  private resolveHeld(s: Session, next: Reply | undefined): void {
    const held = s.held!
    s.held = undefined
    const classification = this.options.catalog.classify({
      ...held.context,
      nextReply: next ? { code: next.code, text: next.text } : undefined,
    })
    this.addEvent(s, 'reply', held.reply.code, held.reply, classification, held.file, 0)
  }

  private transferRecord(s: Session | undefined, r: LogRecord, raw: string): void {
    const t = this.options.state.transfers
    const bytes = r.bytes ?? 0
    const fact = (outcome: TransferFact['outcome']): void =>
      this.options.observer?.transfer?.({
        direction: r.direction === 'delete' ? 'delete' : r.direction === 'in' ? 'upload' : 'download',
        outcome,
        bytes: r.bytes,
        file: r.file,
        client: r.client ?? s?.client,
        user: r.user ?? s?.user,
        time: r.time,
        line: r.line,
      })
    if (r.direction === 'delete') {
      t.deletes++
      fact('complete')
      return
    }
    if (r.status === 'incomplete') {
      // The server refused the transfer before any data moved (550 no such file, 553, 425): the
      // reply already tells the story, and it is not a broken transfer.
      const end = s?.lastTransferEnd
      if (end && !end.started && end.code >= 400 && near(end.time, r.time)) {
        t.failedToStart++
        fact('failed-to-start')
        return
      }
      t.incomplete++
      t.partialBytes += bytes
      fact('incomplete')
      const classification = this.options.catalog.classify({
        trigger: 'transfer-failed',
        server: s?.server ?? this.family,
        code: null,
        text: r.message ?? '',
        phase: 'transfer',
        lastCommand: s?.lastCommand,
        nextReply: undefined,
      })
      const reply: Reply = { code: 0, text: '', line: r.line, time: r.time, raw, clientSide: r.clientSide, bytes }
      if (s) this.addEvent(s, 'transfer-failed', null, reply, classification, r.file, bytes, r)
      else if (classification) this.emitDirect(r, raw, classification, null, bytes)
      return
    }
    t.completed++
    fact('complete')
    if (r.direction === 'in') {
      t.uploads++
      t.bytesIn += bytes
    } else {
      t.downloads++
      t.bytesOut += bytes
    }
  }

  private logMessage(s: Session, r: LogRecord, raw: string): void {
    const classification = this.options.catalog.classify({
      trigger: 'log-message',
      server: s.server,
      code: null,
      text: r.message ?? '',
      phase: phaseOf(s),
      lastCommand: s.lastCommand,
      nextReply: undefined,
    })
    if (!classification) return
    const reply: Reply = { code: 0, text: r.message ?? '', line: r.line, time: r.time, raw, clientSide: r.clientSide, bytes: undefined }
    this.addEvent(s, 'log-message', null, reply, classification, r.file, 0, r)
  }

  private handleSessionless(r: LogRecord, raw: string): void {
    switch (r.kind) {
      case 'transfer':
        this.transferRecord(undefined, r, raw)
        break
      case 'login':
        this.login(this.scratchSession(), r)
        break
      case 'file-op':
        if (r.ok === false) this.options.state.fileOps.failed++
        else this.options.state.fileOps.ok++
        break
      case 'message': {
        if (r.message === undefined) break
        const classification = this.options.catalog.classify({
          trigger: 'log-message',
          server: this.family,
          code: null,
          text: r.message,
          phase: 'logged-in',
          lastCommand: undefined,
          nextReply: undefined,
        })
        if (classification) this.emitDirect(r, raw, classification, null, 0)
        break
      }
      case 'reply':
      case 'exchange':
        if (r.code !== undefined) {
          const key = String(r.code)
          this.options.state.replies[key] = (this.options.state.replies[key] ?? 0) + 1
          this.options.observer?.reply?.(r.code, r.time, r.line, r.text ?? '', r.client, r.user)
        }
        break
      default:
        break
    }
  }

  private scratch: Session | undefined
  /** A throw-away session for login records of logs without sessions. */
  private scratchSession(): Session {
    if (this.scratch === undefined) {
      const s = newSession('', 0, this.family, undefined, undefined, undefined)
      s.loggedIn = true
      s.events = []
      s.isOpen = false
      this.scratch = s
    }
    return this.scratch
  }

  // ---- events ---------------------------------------------------------------------------------

  private addEvent(
    s: Session,
    trigger: Trigger,
    code: number | null,
    reply: Reply,
    classification: Classification | undefined,
    file: string | undefined,
    bytesLost: number,
    record?: LogRecord,
  ): void {
    if (!classification) return
    ;(s.events ??= []).push({
      trigger,
      code,
      time: reply.time,
      classification,
      client: detachOptional(record?.client) ?? s.client,
      user: detachOptional(record?.user) ?? s.user ?? s.attemptUser,
      file: detachOptional(file),
      bytesLost,
      clientSide: reply.clientSide,
      sample: { path: this.options.path, line: reply.line, time: reply.time, text: capSample(reply.raw) },
    })
  }

  /**
   * Merges the events of a finished session that describe one failure, then emits them:
   * a failed-transfer record joins the reply that explains it; an event logged without a code
   * joins a coded one of the same cause; an entry that `refines` a cause replaces it.
   */
  private flushEvents(s: Session): void {
    const events = s.events
    if (!events || events.length === 0) return
    const alive = events.map(() => true)
    for (let i = 0; i < events.length; i++) {
      if (!alive[i]) continue
      for (let j = 0; j < events.length; j++) {
        if (i === j || !alive[j] || !alive[i]) continue
        const a = events[i]!
        const b = events[j]!
        if (!near(a.time, b.time)) continue
        if (absorbs(a, b)) {
          // A transfer record names the file by its full path; prefer it to the command's argument.
          if (b.trigger === 'transfer-failed' && b.file !== undefined) a.file = b.file
          else a.file ??= b.file
          a.bytesLost = Math.max(a.bytesLost, b.bytesLost)
          alive[j] = false
        }
      }
    }
    for (let i = 0; i < events.length; i++) if (alive[i]) this.emitPending(s, events[i]!)
    events.length = 0
  }

  private emitPending(s: Session, e: PendingEvent): void {
    this.options.emit({
      time: e.time,
      server: s.host ?? s.server,
      family: s.server,
      cause: e.classification.cause,
      severity: e.classification.severity,
      code: e.code,
      matchedBy: e.classification.matchedBy,
      client: e.client,
      user: e.user,
      file: e.file,
      bytesLost: e.bytesLost,
      clientSide: e.clientSide,
      sample: e.sample,
    })
  }

  private emitDirect(r: LogRecord, raw: string, c: Classification, code: number | null, bytesLost: number): void {
    this.options.emit({
      time: r.time,
      server: r.host !== undefined ? detach(r.host) : this.family,
      family: this.family,
      cause: c.cause,
      severity: c.severity,
      code,
      matchedBy: c.matchedBy,
      client: detachOptional(r.client),
      user: detachOptional(r.user),
      file: detachOptional(r.file),
      bytesLost,
      clientSide: r.clientSide,
      sample: { path: this.options.path, line: r.line, time: r.time, text: capSample(raw) },
    })
  }
}

/** Where the session stands; see `phaseSchema`. */
/** A session in its first state; one literal so that every session has the same shape. */
function newSession(key: string, ordinal: number, server: Session['server'], client: string | undefined, host: string | undefined, time: number | undefined): Session {
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
    lastCommand: undefined,
    transfer: undefined,
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

function phaseOf(s: Session): Phase {
  if (s.transfer) return s.transfer.started ? 'transfer' : 'data-wait'
  return s.loggedIn ? 'logged-in' : 'pre-login'
}

function near(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || Math.abs(a - b) <= MERGE_WINDOW_MS
}

/** Whether event `a` stands for event `b` (so `b` is dropped after lending its details). */
function absorbs(a: PendingEvent, b: PendingEvent): boolean {
  // A coded reply explains a failed-transfer record or an uncoded log line of the same failure.
  if (a.code !== null && b.code === null) {
    if (b.trigger === 'transfer-failed') return a.code === 421 || a.code === 426 || a.code === 425 || a.code === 451
    return a.classification.cause === b.classification.cause
  }
  // A more specific message refines a general one (ProFTPD's passive hint after a no-transfer timeout).
  if (a.classification.refines.includes(b.classification.cause)) return true
  // A log line and a failed-transfer record of one moment: keep the log line's cause.
  if (a.code === null && b.code === null && a.trigger === 'log-message' && b.trigger === 'transfer-failed') return true
  return false
}

function capSample(raw: string): string {
  return raw.length > MAX_SAMPLE_CHARS ? `${detach(raw.slice(0, MAX_SAMPLE_CHARS))}…` : detach(raw)
}
