import type { Catalog, EventContext } from '../catalog/catalog.js'
import type { Phase, Trigger } from '../catalog/schema.js'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { LogRecord } from '../model/log-record.js'
import type { ServerFamily } from '../model/server-family.js'
import { detach, detachOptional } from '../collections/detach-string.js'
import { FILE_VERBS, TRANSFER_VERBS } from '../model/ftp-verbs.js'
import { capSample, incidentEvent, mergeEvents, near, type EventOrigin, type PendingEvent } from './event-merger.js'
import { OperationCounter } from './operation-counter.js'
import { finishBlock, ReplyAssembler, singleReply, type Reply } from './reply-assembler.js'
import { newSession, phaseOf, SessionTable, type Session } from './session-table.js'
import { SessionFigures } from './session-figures.js'
import { Tallies, type TrackerObserver } from './tallies.js'
import type { AnalysisState, IncidentEvent } from './state.js'

export type { TrackerObserver, TransferFact } from './tallies.js'

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

/** Unanswered commands remembered per session (a log that misses replies cannot grow the queue). */
const MAX_UNANSWERED = 8

/**
 * Rebuilds control connections from records and turns their replies and messages into incident
 * events. A record goes, top to bottom through {@link push}:
 *
 * 1. its session, from the {@link SessionTable} (keyed as the log format says; vsftpd's pids
 *    rebound to one session); logs without sessions skip to the record handlers;
 * 2. for reply lines, the {@link ReplyAssembler} (RFC 959 §4.2 multi-line replies), which returns
 *    the complete replies;
 * 3. the handler of its kind, which updates the session and counts totals in {@link Tallies}
 *    (replies; logins from LOGIN records or 230/530 replies; transfers from transfer records or
 *    the replies to RETR/STOR, as the log format's `tallyFrom` says; file operations, counted once
 *    by the {@link OperationCounter});
 * 4. a reply, log message or failed transfer becomes a candidate event, classified in one place
 *    ({@link event}); events whose rule needs the next reply (426 then `226 ABOR successful.`)
 *    wait for it;
 * 5. when the session ends, {@link mergeEvents} merges its events of one failure (vsftpd's `426`
 *    and its `FAIL DOWNLOAD` line) and each goes out through one emit path.
 *
 * Replies a client printed itself (`clientSide`) are not counted as server replies. Memory is
 * bounded: a session is released when it ends, after `sessionIdleMs` of silence, or when more than
 * `maxOpenSessions` are open.
 */
export class SessionTracker {
  private readonly table: SessionTable
  private readonly assembler = new ReplyAssembler()
  private readonly tallies: Tallies
  private readonly ops: OperationCounter
  private readonly figures: SessionFigures
  private readonly catalog: Catalog
  /** The log format has no sessions (`sessions.key` `none`): records stand alone. */
  private readonly keyless: boolean
  /** The whole input is one dialogue (`sessions.key` `input`), which ends only when the client reconnects. */
  private readonly inputMode: boolean
  private readonly tallyReplies: boolean
  private readonly family: ServerFamily
  /** A client transcript: a 220 after commands is a new connection whatever the key mode. */
  private readonly isClient: boolean
  /** A 221 or 421 reply ends the session (`sessions.endsAt` `reply`); else only a disconnect record does. */
  private readonly endsAtReply: boolean
  /** A throw-away session for login records of logs without sessions. */
  private scratch: Session | undefined

  constructor(private readonly options: TrackerOptions) {
    const definition = options.definition
    this.table = new SessionTable(definition.sessions, definition.server, options.sessionIdleMs ?? 7_200_000, options.maxOpenSessions ?? 20_000)
    this.tallies = new Tallies(options.state, options.observer)
    this.ops = new OperationCounter(definition, this.tallies)
    this.figures = new SessionFigures(options.state.concurrency)
    this.catalog = options.catalog
    this.keyless = definition.sessions.key === 'none'
    this.inputMode = definition.sessions.key === 'input'
    this.tallyReplies = definition.tallyFrom === 'replies'
    this.family = definition.server
    this.isClient = definition.role === 'client'
    this.endsAtReply = definition.sessions.endsAt === 'reply'
  }

  /** Feeds one recognised record; `raw` is its line as read (for samples). */
  push(record: LogRecord, raw: string): void {
    if (this.table.tick(record.time)) this.closeIdle()
    const kind = record.kind
    if (kind === 'meta' || kind === 'not-ftp') return
    if (this.keyless) {
      this.pushKeyless(record, raw)
      return
    }
    if (kind === 'disconnect' && this.table.endsEndedSession(record, this.inputMode)) {
      if (record.message !== undefined) this.logMessage(undefined, record, raw)
      return
    }
    const s = this.session(record)
    switch (kind) {
      case 'connect':
        if (record.message !== undefined) this.logMessage(s, record, raw)
        break
      case 'disconnect':
        if (record.message !== undefined) this.logMessage(s, record, raw)
        // Pure-FTPd logs `Logout.` before its reply to QUIT: when the log has replies, that 221 ends the session.
        if (record.message === undefined && s.lastCommand === 'QUIT' && s.lastReplyCode !== undefined && s.lastReplyCode !== 221) break
        s.closing = true
        break
      case 'login':
        this.login(s, record)
        break
      case 'command':
        this.command(s, record.verb ?? '', record.arg)
        break
      case 'reply': {
        const done = this.assembler.line(s.pending, record, raw)
        s.pending = done.open
        const first = done.first
        const second = done.second
        if (first !== undefined) this.reply(s, first)
        if (second !== undefined) this.reply(s, second)
        break
      }
      case 'exchange':
        // An ExtendedLog line may also carry why the session ended (%E), or a failure reason.
        if (record.message !== undefined) this.logMessage(s, record, raw)
        if (record.verb !== undefined) this.command(s, record.verb, record.arg)
        if (record.code !== undefined) this.reply(s, singleReply(record, raw))
        // A line with a command and no reply (an EXIT line) leaves nothing to answer.
        else if (record.verb !== undefined) s.unanswered?.pop()
        break
      case 'transfer':
        this.transferRecord(s, record, raw)
        break
      case 'file-op':
        this.ops.fileOpRecord(s, record)
        break
      case 'message':
        if (record.message !== undefined) this.logMessage(s, record, raw)
        break
    }
    if (s.closing && s.pending === undefined && !this.inputMode) {
      this.table.rememberEnded(s, kind)
      this.close(s)
    }
  }

  /** Ends every open session (end of input) and flushes their events. */
  end(): void {
    for (let s = this.table.oldest; s !== undefined; s = this.table.oldest) this.close(s)
    if (this.keyless) this.options.state.concurrency.sessionlessInputs++
  }

  // ---- sessions -------------------------------------------------------------------------------

  /** A record of a log without sessions: counted, and its event (if any) emitted at once. */
  private pushKeyless(r: LogRecord, raw: string): void {
    switch (r.kind) {
      case 'transfer':
        this.transferRecord(undefined, r, raw)
        break
      case 'login':
        this.login(this.scratchSession(), r)
        break
      case 'file-op':
        this.ops.fileOpRecord(undefined, r)
        break
      case 'message':
        if (r.message !== undefined) this.logMessage(undefined, r, raw)
        break
      case 'reply':
      case 'exchange':
        // No session to assemble multi-line replies in: every coded line counts.
        if (r.code !== undefined) this.tallies.reply(r.code, r.time, r.line, r.text ?? '', r.client, r.user)
        break
      default:
        break
    }
  }

  /** The session of a record, opened if need be, marked most recently active and updated with who and when. */
  private session(record: LogRecord): Session {
    const key = this.table.keyOf(record)
    let s = this.table.find(key, record)
    if (s !== undefined && this.table.reconnects(s, record)) {
      if (!this.table.shelve(s, record)) this.close(s)
      s = undefined
    }
    s ??= this.open(key, detachOptional(record.client), detachOptional(record.host), record.time)
    this.table.touch(s)
    if (record.client !== undefined && s.client === undefined) s.client = detach(record.client)
    if (record.host !== undefined && s.host !== record.host) s.host = detach(record.host)
    if (record.user !== undefined && record.kind !== 'login' && s.user === undefined) s.user = detach(record.user)
    this.figures.line(s, record.time)
    return s
  }

  private open(key: string, client: string | undefined, host: string | undefined, time: number | undefined): Session {
    const s = this.table.open(key, client, host, time)
    this.tallies.sessionOpened()
    this.figures.opened(s)
    const victim = this.table.overLimit()
    if (victim !== undefined) this.close(victim)
    return s
  }

  /** Closes the sessions silent for `sessionIdleMs`, least recently active first. */
  private closeIdle(): void {
    for (let s = this.table.idleAfter(undefined); s !== undefined; ) {
      const next = this.table.idleAfter(s)
      this.close(s)
      s = next
    }
  }

  /** Ends a session: its open reply is complete, its held event decided, its events merged and emitted. */
  private close(s: Session): void {
    if (!s.isOpen) return
    // Removed first: finishing its last reply can open a new session (a transcript's new greeting).
    this.table.remove(s)
    if (s.pending !== undefined) this.finishReply(s)
    if (s.held !== undefined) this.resolveHeld(s, undefined)
    if (s.undecided !== undefined) this.decideTransfer(s, true)
    this.figures.closed(s, s.host ?? s.server)
    const events = s.events
    if (events === undefined || events.length === 0) return
    const kept = mergeEvents(events)
    for (let i = 0; i < kept; i++) this.emit(events[i]!, s.host ?? s.server, s.server)
    events.length = 0
  }

  /** The scratch session: logged in, never open, so its user carries over from one login record to the next. */
  private scratchSession(): Session {
    if (this.scratch === undefined) {
      const s = newSession('', 0, this.family, undefined, undefined, undefined)
      s.loggedIn = true
      s.isOpen = false
      this.scratch = s
    }
    return this.scratch
  }

  // ---- records --------------------------------------------------------------------------------

  private login(s: Session, r: LogRecord): void {
    if (r.ok === false) {
      this.tallies.login(false, r.client ?? s.client, r.user ?? s.attemptUser, r.time, r.line)
      if (r.message !== undefined) this.logMessage(s, r, '')
      return
    }
    this.tallies.login(true, r.client ?? s.client, r.user ?? s.attemptUser ?? s.user, r.time, r.line)
    if (!s.loggedIn) this.tallies.sessionLoggedIn()
    s.loggedIn = true
    s.awaitingChild = true
    if (r.user !== undefined) s.user = detach(r.user)
  }

  private command(s: Session, verb: string, arg: string | undefined): void {
    // The server must have finished its reply when the client sends the next command.
    if (s.pending !== undefined) this.finishReply(s)
    // The transfer's final reply would have come before this command: none said it failed.
    if (s.undecided !== undefined) this.decideTransfer(s, true)
    s.commands++
    s.lastCommand = detach(verb)
    // Commands a client sent ahead of their replies (lftp pipelines OPTS UTF8 ON and USER).
    if (this.tallyReplies) {
      const q = (s.unanswered ??= [])
      if (q.length >= MAX_UNANSWERED) q.shift()
      q.push(s.lastCommand)
    }
    this.ops.command(s, s.lastCommand, arg)
    if (verb === 'USER') s.attemptUser = detachOptional(arg)
    if (TRANSFER_VERBS.has(verb)) {
      s.transfer = { verb: s.lastCommand, arg: detachOptional(arg), started: false }
      s.lastTransferEnd = undefined
      this.figures.transferStarted(s)
    }
  }

  /** Completes the session's open multi-line reply as it stands. */
  private finishReply(s: Session): void {
    const block = s.pending!
    s.pending = undefined
    this.reply(s, finishBlock(block))
  }

  /** One complete reply: counted, then what it says about the login, the transfer and events. */
  private reply(s: Session, reply: Reply): void {
    const code = reply.code
    // A line the client printed itself (BSD ftp's "421 Service not available…") is no server reply.
    if (!reply.clientSide) this.tallies.reply(code, reply.time, reply.line, reply.text, s.client, s.user ?? s.attemptUser)
    if (s.held !== undefined) this.resolveHeld(s, reply)
    if (code === 220 && this.greeting(s, reply)) return
    const phase = phaseOf(s)
    const transfer = s.transfer

    if (code === 230 || code === 232) {
      if (this.tallyReplies) this.tallies.login(true, s.client, s.attemptUser ?? s.user, reply.time, reply.line)
      if (!s.loggedIn) this.tallies.sessionLoggedIn()
      s.loggedIn = true
      if (s.attemptUser !== undefined) s.user ??= s.attemptUser
    } else if (code === 530 && this.tallyReplies && this.isLoginRefusal(s, reply, phase)) {
      this.tallies.login(false, s.client, s.attemptUser ?? s.user, reply.time, reply.line)
    }
    if (transfer !== undefined) this.transferReply(s, transfer, reply)
    else if (code >= 200) this.ops.fileOpReply(s, reply)

    if (this.catalog.isEventCode(code)) {
      const file = transfer !== undefined && FILE_VERBS.has(transfer.verb) ? transfer.arg : undefined
      if (this.catalog.needsNextReply(code)) {
        const text = detach(reply.text)
        s.held = {
          reply: { ...reply, raw: detach(reply.raw), text },
          context: this.context('reply', s, code, text, phase, s.lastReply),
          file: detachOptional(file),
        }
      } else this.event(s, this.context('reply', s, code, reply.text, phase, s.lastReply), reply, reply.raw, file, 0)
    }
    if (code >= 200 && s.unanswered !== undefined && s.unanswered.length > 0) s.unanswered.shift()
    if (this.catalog.usesPreviousReply) s.lastReply = this.catalog.isPrecedingReplyCode(code) ? { code, text: detach(reply.text.slice(0, 200)) } : undefined
    s.lastReplyCode = code
    if ((code === 221 || code === 421) && this.endsAtReply) s.closing = true
  }

  /**
   * A 220: its banner may name the server. In a transcript, a greeting after commands means the
   * client reconnected without a connect line: the session ends and a new one opens (returns true).
   */
  private greeting(s: Session, reply: Reply): boolean {
    if (s.server === 'generic') s.server = this.catalog.fingerprint(reply.text) ?? s.server
    if (reply.clientSide || !(this.inputMode || this.isClient) || s.commands === 0) return false
    this.close(s)
    const fresh = this.open(this.inputMode ? '' : s.key, s.client, s.host, reply.time)
    fresh.server = this.catalog.fingerprint(reply.text) ?? this.family
    return true
  }

  /**
   * Whether a 530 refuses a login attempt: it answers USER, PASS or ACCT (or, in logs without
   * commands such as a ProFTPD TraceLog, follows the 331 password prompt), and it is not a
   * connection-limit refusal (ProFTPD's MaxClients 530s are capacity incidents, not bad passwords).
   */
  private isLoginRefusal(s: Session, reply: Reply, phase: Phase): boolean {
    // The oldest unanswered command is the one this reply answers: a 530 to a command the client
    // sent before USER (lftp's pipelined `OPTS UTF8 ON`) refuses that command, not a login.
    const cmd = s.unanswered?.[0] ?? s.lastCommand
    const answersLogin = cmd === 'PASS' || cmd === 'USER' || cmd === 'ACCT' || (cmd === undefined && (s.lastReplyCode === 331 || s.lastReplyCode === 332))
    if (!answersLogin) return false
    return this.catalog.classify(this.context('reply', s, 530, reply.text, phase, undefined))?.cause !== 'capacity'
  }

  /** The reply that starts (1xx) or ends a transfer command; its end is counted as {@link OperationCounter.transferEnd} says. */
  private transferReply(s: Session, transfer: NonNullable<Session['transfer']>, reply: Reply): void {
    const code = reply.code
    if (code === 125 || code === 150) {
      transfer.started = true
      return
    }
    if (code < 200) return
    s.transfer = undefined
    if (s.undecided !== undefined) this.decideTransfer(s, code < 400)
    this.ops.transferEnd(s, transfer, reply)
  }

  /** A transfer record (vsftpd `OK DOWNLOAD`/`FAIL UPLOAD`, xferlog): counted; an incomplete one is an event. */
  private transferRecord(s: Session | undefined, r: LogRecord, raw: string): void {
    const direction = r.direction === 'delete' ? 'delete' : r.direction === 'in' ? 'upload' : 'download'
    const client = r.client ?? s?.client
    const user = r.user ?? s?.user
    if (r.status === undefined && direction !== 'delete' && s?.transfer?.started === true) {
      // The line does not say how the transfer went, and its final reply is still to come.
      if (s.undecided !== undefined) this.decideTransfer(s, true)
      s.undecided = {
        direction,
        bytes: r.bytes,
        file: detachOptional(r.file),
        client: detachOptional(client),
        user: detachOptional(user),
        time: r.time,
        line: r.line,
        host: detachOptional(r.host),
        message: detachOptional(r.message),
        raw: capSample(raw),
      }
      return
    }
    if (direction === 'delete' || r.status !== 'incomplete') {
      this.tallies.transfer(direction, 'complete', r.bytes, r.file, client, user, r.time, r.line)
      return
    }
    // The server refused the transfer before any data moved (550 no such file, 553, 425): the
    // reply already tells the story, and it is not a broken transfer.
    const end = s?.lastTransferEnd
    if (end && !end.started && end.code >= 400 && near(end.time, r.time)) {
      // Counted from the reply already (a log format that counts refused transfers from replies).
      if (end.counted) return
      this.tallies.transfer(direction, 'failed-to-start', r.bytes, r.file, client, user, r.time, r.line)
      return
    }
    this.tallies.transfer(direction, 'incomplete', r.bytes, r.file, client, user, r.time, r.line)
    this.event(s, this.context('transfer-failed', s, null, r.message ?? '', 'transfer', undefined), r, raw, r.file, r.bytes ?? 0)
  }

  /**
   * Settles the session's undecided transfer record: `complete` as logged, or an incomplete
   * transfer (its bytes partial) and a failed-transfer event, which merges with the reply or log
   * line that told of the failure.
   */
  private decideTransfer(s: Session, complete: boolean): void {
    const t = s.undecided!
    s.undecided = undefined
    if (complete) {
      this.tallies.transfer(t.direction, 'complete', t.bytes, t.file, t.client, t.user, t.time, t.line)
      return
    }
    this.tallies.transfer(t.direction, 'incomplete', t.bytes, t.file, t.client, t.user, t.time, t.line)
    const origin: EventOrigin = { line: t.line, time: t.time, clientSide: false, client: t.client, user: t.user, host: t.host }
    this.event(s, this.context('transfer-failed', s, null, t.message ?? '', 'transfer', undefined), origin, t.raw, t.file, t.bytes ?? 0)
  }

  /** A log message (or the message of a connect, disconnect, exchange or failed login record). */
  private logMessage(s: Session | undefined, r: LogRecord, raw: string): void {
    this.event(s, this.context('log-message', s, null, r.message ?? '', s === undefined ? 'logged-in' : phaseOf(s), undefined), r, raw, r.file, 0)
  }

  // ---- events ---------------------------------------------------------------------------------

  private resolveHeld(s: Session, next: Reply | undefined): void {
    const held = s.held!
    s.held = undefined
    const context = { ...held.context, nextReply: next ? { code: next.code, text: next.text, command: s.lastCommand } : undefined }
    this.event(s, context, held.reply, held.reply.raw, held.file, 0)
  }

  /** What the classifier knows of an event in session `s` (or in a log without sessions). */
  private context(
    trigger: Trigger,
    s: Session | undefined,
    code: number | null,
    text: string,
    phase: Phase,
    previousReply: EventContext['previousReply'],
  ): EventContext {
    return { trigger, server: s?.server ?? this.family, code, text, phase, lastCommand: s?.lastCommand, nextReply: undefined, previousReply }
  }

  /**
   * A candidate event: classified (the one place the catalog decides what an event is), then kept in its session until it ends (to merge), or, in a
   * log without sessions, emitted at once. `raw` is the line for the sample; `bytesLost` in bytes.
   */
  private event(s: Session | undefined, context: EventContext, at: EventOrigin, raw: string, file: string | undefined, bytesLost: number): void {
    const classification = this.catalog.classify(context)
    if (classification === undefined) return
    // An incident while a transfer's outcome is undecided (Pure-FTPd's stalled download, then its
    // idle timeout): the transfer did not complete.
    if (s?.undecided !== undefined && context.trigger !== 'transfer-failed' && s.transfer?.started === true) this.decideTransfer(s, false)
    const e: PendingEvent = {
      trigger: context.trigger,
      code: context.code,
      time: at.time,
      classification,
      client: detachOptional(at.client) ?? s?.client,
      user: detachOptional(at.user) ?? s?.user ?? s?.attemptUser,
      file: detachOptional(file),
      bytesLost,
      clientSide: at.clientSide,
      sample: { path: this.options.path, line: at.line, time: at.time, text: capSample(raw) },
      figures: this.figures.event(s, classification.cause, at.time),
    }
    if (s !== undefined) (s.events ??= []).push(e)
    else this.emit(e, at.host !== undefined ? detach(at.host) : this.family, this.family)
  }

  /** The one way out: `server` is the syslog host when the log names one, else the family. */
  private emit(e: PendingEvent, server: string, family: ServerFamily): void {
    this.options.emit(incidentEvent(e, server, family))
  }
}
