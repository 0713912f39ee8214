import type { LogRecord } from '../model/log-record.js'
import { detach } from '../collections/detach-string.js'

/**
 * One complete server reply: a single `NNN text` line, or a multi-line reply with its lines joined
 * by `\n`. `line` (1-based) and `time` (epoch ms, if the line had one) are those of its first line;
 * `raw` is that line as read (for samples); `bytes` is the transfer size some logs put on a 226.
 */
export interface Reply {
  readonly code: number
  readonly text: string
  readonly line: number
  readonly time: number | undefined
  readonly raw: string
  /** The client printed the line itself (BSD ftp's "421 Service not available…"). */
  readonly clientSide: boolean
  readonly bytes: number | undefined
}

/** A multi-line reply being assembled: its code, its text lines so far and where it started. */
export interface ReplyBlock {
  readonly code: number
  readonly lines: string[]
  /** Characters in `lines`, to cap the block without summing them on every line. */
  chars: number
  readonly line: number
  readonly time: number | undefined
  readonly raw: string
  readonly clientSide: boolean
}

/** A block with more lines or characters than this is closed by force, so a missing end line cannot pin memory. */
export const MAX_REPLY_LINES = 2000
export const MAX_REPLY_CHARS = 64 * 1024

/**
 * Joins the reply lines of one control connection into replies, per RFC 959 §4.2:
 * `NNN-text` opens a multi-line reply and `NNN text` with the same code closes it; any other line
 * in between is text (RFC 959 allows `NNN-` lines and other codes inside). An unpadded `NNN text`
 * line with another code (not printed by the client) ends the block and is a reply of its own
 * (Pure-FTPd's `220-…` banner cut short by `421 5 users (the maximum) are already logged in`).
 * A block over {@link MAX_REPLY_LINES} lines or {@link MAX_REPLY_CHARS} characters ends by force.
 *
 * The open block lives with its session (the caller keeps it); {@link line} returns the new one.
 * One assembler serves every session of a tracker: it returns its results in its own fields,
 * overwritten by the next call, so that a line costs no result object.
 */
export class ReplyAssembler {
  /** The block still open after the last line (`undefined` when none). */
  open: ReplyBlock | undefined = undefined
  /** The first reply the last line completed, if any (a block it closed, or the line itself). */
  first: Reply | undefined = undefined
  /** The second reply it completed: the line itself, after it ended the open block. */
  second: Reply | undefined = undefined

  /**
   * Feeds one reply line (a `reply` record; `raw` is its line as read) to the session's open
   * `block`. Sets {@link open}, {@link first} and {@link second}; returns the assembler.
   */
  line(block: ReplyBlock | undefined, r: LogRecord, raw: string): this {
    this.first = undefined
    this.second = undefined
    if (block === undefined) {
      // A continuation line with no open reply has nothing to attach to.
      if (r.code === undefined) this.open = undefined
      else if (r.sep === '-') this.open = openBlock(r, raw)
      else {
        this.open = undefined
        this.first = singleReply(r, raw)
      }
      return this
    }
    if (r.code === block.code && r.sep === ' ') {
      block.lines.push(r.text ?? '')
      this.open = undefined
      this.first = finishBlock(block)
      return this
    }
    if (r.code !== undefined && r.sep === ' ' && !r.clientSide) {
      // RFC 959 wants inner lines that start with digits padded: this one is a reply of its own.
      this.open = undefined
      this.first = finishBlock(block)
      this.second = singleReply(r, raw)
      return this
    }
    const text = detach(r.code !== undefined ? `${r.code}${r.sep === '-' ? '-' : ' '}${r.text ?? ''}` : (r.text ?? ''))
    block.lines.push(text)
    block.chars += text.length
    if (block.lines.length > MAX_REPLY_LINES || block.chars > MAX_REPLY_CHARS) {
      this.open = undefined
      this.first = finishBlock(block)
    } else this.open = block
    return this
  }
}

/** The reply of one line that carries a code (a final `NNN text` line, or an `exchange` record). */
export function singleReply(r: LogRecord, raw: string): Reply {
  return { code: r.code!, text: r.text ?? '', line: r.line, time: r.time, raw, clientSide: r.clientSide, bytes: r.bytes }
}

/** The reply a block stands for so far: its lines joined by `\n`, at its first line. */
export function finishBlock(block: ReplyBlock): Reply {
  return { code: block.code, text: block.lines.join('\n'), line: block.line, time: block.time, raw: block.raw, clientSide: block.clientSide, bytes: undefined }
}

function openBlock(r: LogRecord, raw: string): ReplyBlock {
  const first = detach(r.text ?? '')
  return { code: r.code!, lines: [first], chars: first.length, line: r.line, time: r.time, raw: detach(raw), clientSide: r.clientSide }
}
