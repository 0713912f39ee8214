import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { LogRecord } from '../model/log-record.js'
import { detachOptional } from '../collections/detach-string.js'
import { FILE_OP_VERBS, FILE_VERBS } from '../model/ftp-verbs.js'
import type { Reply } from './reply-assembler.js'
import type { Session } from './session-table.js'
import type { Tallies } from './tallies.js'

/**
 * Counts each file operation (DELE, MKD, RMD, RNTO, SITE CHMOD) and each transfer that ended in
 * a reply once, from whichever told of it: the log's own records, or the replies, as the log
 * format's `tallyFrom` and `alsoFromReplies` say. When both a reply and a record of the same
 * operation are in one session (pyftpdlib's `-> 250` and its `DELE /path 250` record when a
 * program logs both), the first counts and the second is recognised as the same operation.
 * Counts go to {@link Tallies}; times are epoch ms, lines 1-based.
 */
export class OperationCounter {
  /** The log format tallies from replies (protocol logs, client transcripts). */
  private readonly tallyReplies: boolean
  /** File operations are counted from their final reply. */
  private readonly fileOpReplies: boolean
  /** A transfer refused before any 1xx is counted from its reply. */
  private readonly refusedReplies: boolean

  constructor(
    definition: Pick<LogFormatDefinition, 'tallyFrom' | 'alsoFromReplies'>,
    private readonly tallies: Tallies,
  ) {
    this.tallyReplies = definition.tallyFrom === 'replies'
    const also = definition.alsoFromReplies ?? []
    this.fileOpReplies = this.tallyReplies || also.includes('file-ops')
    this.refusedReplies = this.tallyReplies || also.includes('refused-transfers')
  }

  /** A command: a file operation's final reply is awaited (when counted from replies); `verb` already detached. */
  command(s: Session, verb: string, arg: string | undefined): void {
    s.fileOpCounted = false
    s.fileOp = this.fileOpReplies && FILE_OP_VERBS.has(verb) && (verb !== 'SITE' || /^CHMOD /i.test(arg ?? '')) ? { verb, arg: detachOptional(arg) } : undefined
  }

  /** A final reply (2xx–5xx) with no transfer in progress: the outcome of the awaited file operation, if any. */
  fileOpReply(s: Session, reply: Reply): void {
    if (s.fileOp === undefined) return
    const { verb, arg } = s.fileOp
    s.fileOp = undefined
    s.fileOpCounted = true
    this.tallies.fileOp(reply.code < 400, verb, arg, s.client, s.user ?? s.attemptUser, reply.time, reply.line)
  }

  /**
   * A file operation record (vsftpd `OK DELETE`, pyftpdlib `DELE /path 250`): counted, unless the
   * reply to the session's last command already counted it; a reply still awaited will not.
   */
  fileOpRecord(s: Session | undefined, r: LogRecord): void {
    if (s !== undefined) {
      if (s.fileOpCounted) {
        s.fileOpCounted = false
        return
      }
      s.fileOp = undefined
    }
    this.tallies.fileOp(r.ok !== false, r.action?.toUpperCase(), r.file, r.client ?? s?.client, r.user ?? s?.user, r.time, r.line)
  }

  /**
   * The final reply (2xx–5xx) to a transfer command: counted as the transfer's outcome when the log
   * format tallies from replies, or, with `refused-transfers`, when it refused the transfer before
   * any 1xx. Sets the session's `lastTransferEnd`.
   */
  transferEnd(s: Session, transfer: NonNullable<Session['transfer']>, reply: Reply): void {
    const code = reply.code
    const end = { code, started: transfer.started, time: reply.time, counted: false }
    s.lastTransferEnd = end
    if (!FILE_VERBS.has(transfer.verb)) return
    const outcome =
      code >= 400 ? (transfer.started || code === 426 || code === 451 ? 'incomplete' : 'failed-to-start') : code === 226 || code === 250 ? 'complete' : undefined
    if (outcome === undefined || !(this.tallyReplies || (this.refusedReplies && outcome === 'failed-to-start'))) return
    end.counted = true
    const direction = transfer.verb === 'RETR' ? 'download' : 'upload'
    this.tallies.transfer(direction, outcome, reply.bytes, transfer.arg, s.client, s.user ?? s.attemptUser, reply.time, reply.line)
  }
}
