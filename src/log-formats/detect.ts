import type { CompiledLogFormat } from './compile.js'
import { isFtpCommand } from '../model/ftp-verbs.js'
import type { LogRecord, RecordKind } from '../model/log-record.js'
import { knownReplyCodeList } from './known-reply-codes.js'
import type { LogFormatDefinition } from './schema.js'

/** How many non-blank head lines detection looks at (lnav's max-unrecognized-lines idea). */
export const DETECT_LINES = 50

/** The outcome of {@link detectLogFormat}. */
export interface Detection {
  readonly format: CompiledLogFormat
  /** Head lines a non-weak pattern of the chosen format matched. */
  readonly matched: number
  /** Non-blank head lines looked at. */
  readonly examined: number
}

/**
 * Detection order of two definitions, for `Array.prototype.sort`: higher `priority` first, then
 * by name (code-unit order), so the order never depends on how definitions were listed.
 * @returns negative when `a` comes first.
 */
export function compareDetectionPriority(a: Pick<LogFormatDefinition, 'priority' | 'name'>, b: Pick<LogFormatDefinition, 'priority' | 'name'>): number {
  if (a.priority !== b.priority) return b.priority - a.priority
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/** What one log format made of one head line. */
interface LineVerdict {
  /** 0 no match, 1 weak or not-ftp, 2 counted for detection */
  readonly score: 0 | 1 | 2
  /** a reply or exchange with a known reply code, from a non-weak pattern: evidence that the line carries a reply */
  readonly reply: boolean
  /** recognised as a plain line (reply, command, message, meta, connect, disconnect) with no reply code, pattern not `repeats` */
  readonly mute: boolean
}

/**
 * Picks the log format that recognises the most of the given head lines. Lines matched only by
 * `weak` patterns (blank-ish residue, other daemons' syslog lines) do not count, nor command lines
 * whose verb is no FTP command (`isFtpCommand`: an application log's `INFO …` read as a bare
 * command). Ties go to the
 * format first in detection order ({@link compareDetectionPriority}: higher `priority`, then name),
 * whatever the order of `formats`.
 *
 * No silent misdetection: a head line is *reply-bearing* when some log format parses it, with a
 * non-weak pattern, into a reply or exchange with a reply code of the RFC table
 * (`src/replies/reply-codes.json`), or when a log format's reply pattern leaves a labelled code
 * in the text ({@link hidesReplyCode}). A log format that recognises a reply-bearing line as a
 * plain line without a reply code (a pattern not declaring `repeats`) leaves that reply
 * unexplained and is not chosen; when every matching log format does, none is.
 * @returns `undefined` when no format matches any line, or none explains the reply-bearing ones.
 */
export function detectLogFormat(lines: readonly string[], formats: readonly CompiledLogFormat[]): Detection | undefined {
  const head = lines.filter((l) => l.trim().length > 0).slice(0, DETECT_LINES)
  const verdicts = formats.map((format) => head.map((line, i) => judge(format, line, i + 1)))
  const replyBearing = head.map((_, i) => verdicts.some((v) => v[i]!.reply))
  let best: Detection | undefined
  formats.forEach((format, f) => {
    const own = verdicts[f]!
    let matched = 0
    for (let i = 0; i < head.length; i++) {
      if (own[i]!.score === 2) matched++
      if (replyBearing[i] && own[i]!.mute) return
    }
    if (matched === 0) return
    if (!best || matched > best.matched || (matched === best.matched && compareDetectionPriority(format.definition, best.format.definition) < 0)) {
      best = { format, matched, examined: head.length }
    }
  })
  return best
}

function judge(format: CompiledLogFormat, line: string, lineNo: number): LineVerdict {
  const parsed = format.parse(line, lineNo)
  if (!parsed) return NO_MATCH
  const { record, pattern } = parsed
  // A command line counts only with an FTP command: `INFO [main] …` of an application log is not one.
  const foreignCommand = record.kind === 'command' && record.verb !== undefined && !isFtpCommand(record.verb)
  const score = pattern.kind !== 'not-ftp' && !pattern.weak && !foreignCommand ? 2 : 1
  if (record.code !== undefined) {
    return { score, reply: !pattern.weak && (record.kind === 'reply' || record.kind === 'exchange') && knownReplyCode(record.code), mute: false }
  }
  return { score, reply: hidesReplyCode(record), mute: PLAIN_KINDS.has(record.kind) && !pattern.repeats }
}

const NO_MATCH: LineVerdict = { score: 0, reply: false, mute: false }

/** Kinds whose records explain a line only by a reply code, when the line has one. */
const PLAIN_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>(['reply', 'command', 'message', 'meta', 'connect', 'disconnect'])

let knownCodes: ReadonlySet<number> | undefined
function knownReplyCode(code: number): boolean {
  knownCodes ??= new Set(knownReplyCodeList())
  return knownCodes.has(code)
}

/** A reply-coded label inside a text: `code = 421`, `code=421`, `status: 426`. */
const LABELLED_CODE = /\b(?:code|status|reply)\s?[=:]\s?[1-5]\d\d\b/i

/**
 * Whether a record read by a reply pattern yielded no reply code although its text holds one
 * behind a label (`Response: code = 421; text = '…'` read as a continuation line): such a line is
 * unexplained, in detection and when the log is read.
 */
export function hidesReplyCode(record: Pick<LogRecord, 'kind' | 'code' | 'text'>): boolean {
  return record.kind === 'reply' && record.code === undefined && record.text !== undefined && LABELLED_CODE.test(record.text)
}
