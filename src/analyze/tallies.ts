import { countInto, type MutableCounter } from '../collections/counter-map.js'
import type { AnalysisState } from './state.js'

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

/**
 * The totals of one input, each counted here and only here, whatever told of it: replies,
 * sessions, logins (from LOGIN records or from 230/530 replies, as the log format's `tallyFrom`
 * says), transfers (from transfer records or from the replies to RETR/STOR) and file operations.
 * Adds to `state` (counts; bytes in bytes) and tells `observer` of each reply, login and transfer
 * as it is counted. Times are epoch ms (`undefined` when the line had none), lines 1-based.
 */
export class Tallies {
  constructor(
    private readonly state: AnalysisState,
    private readonly observer: TrackerObserver | undefined,
  ) {}

  /** A server reply with this code (lines the client printed itself are not counted). */
  reply(code: number, time: number | undefined, line: number, text: string, client: string | undefined, user: string | undefined): void {
    const replies = this.state.replies
    const key = String(code)
    replies[key] = (replies[key] ?? 0) + 1
    this.observer?.reply?.(code, time, line, text, client, user)
  }

  /** A control connection opened. */
  sessionOpened(): void {
    this.state.sessions.total++
  }

  /** A session logged in (once per session). */
  sessionLoggedIn(): void {
    this.state.sessions.loggedIn++
  }

  /** A login attempt; a failed one is also counted by client and by user, when known. */
  login(ok: boolean, client: string | undefined, user: string | undefined, time: number | undefined, line: number): void {
    const logins = this.state.logins
    if (ok) logins.ok++
    else {
      logins.failed++
      if (client !== undefined) countInto(logins.failedByClient as MutableCounter, client)
      if (user !== undefined) countInto(logins.failedByUser as MutableCounter, user)
    }
    this.observer?.login?.(ok, client, user, time, line)
  }

  /**
   * A transfer, or a delete (always `complete`). `bytes` is what moved: the size of a complete
   * transfer, the partial size of an incomplete one (`undefined` when not logged, counted as 0).
   */
  transfer(
    direction: TransferFact['direction'],
    outcome: TransferFact['outcome'],
    bytes: number | undefined,
    file: string | undefined,
    client: string | undefined,
    user: string | undefined,
    time: number | undefined,
    line: number,
  ): void {
    const t = this.state.transfers
    if (direction === 'delete') t.deletes++
    else if (outcome === 'failed-to-start') t.failedToStart++
    else if (outcome === 'incomplete') {
      t.incomplete++
      t.partialBytes += bytes ?? 0
    } else {
      t.completed++
      if (direction === 'download') {
        t.downloads++
        t.bytesOut += bytes ?? 0
      } else {
        t.uploads++
        t.bytesIn += bytes ?? 0
      }
    }
    // Without a sink no fact is built.
    this.observer?.transfer?.({ direction, outcome, bytes, file, client, user, time, line })
  }

  /**
   * One file operation (vsftpd `OK DELETE`/`FAIL MKDIR`…, or the final reply to DELE, MKD, RMD,
   * RNTO or SITE CHMOD); `ok` false for a failed one. A successful delete (`verb` DELETE or DELE)
   * also counts in `transfers.deletes`, as xferlog's `d` records do.
   */
  fileOp(ok: boolean, verb?: string, file?: string, client?: string, user?: string, time?: number, line = 0): void {
    if (ok) this.state.fileOps.ok++
    else this.state.fileOps.failed++
    if (ok && (verb === 'DELETE' || verb === 'DELE')) this.transfer('delete', 'complete', undefined, file, client, user, time, line)
  }
}
