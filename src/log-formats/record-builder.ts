import type { LogRecord, RecordKind, TransferDirection, TransferStatus } from '../model/log-record.js'
import type { TimestampParser } from '../time/timestamp-parser.js'
import type { FieldName, PatternDefinition } from './schema.js'

/** Named values of a match: a wrapper's or envelope's groups, a JSON record's fields. */
export type Groups = Record<string, string | undefined>

/**
 * What a matched line hands to a record builder: the plain-group match of an entry's indexed
 * regex (read by capture index), or a groups object (JSON records, synthetic entries).
 */
export type Captures = RegExpExecArray | Groups

/**
 * Makes the {@link LogRecord} of one matched line.
 * @param g the line's captures. @param outer groups of the wrapper or envelope around the line, if any.
 * @param outerTime parses `outer.time` when the line has no time of its own.
 * @param lineNo 1-based line number. @param contextDate the date of an earlier `#Date:` header,
 *   for rows that carry only a time.
 * @returns a fresh record (the only allocation per parsed line besides the regex match).
 */
export type RecordBuilder = (
  g: Captures,
  outer: Groups | undefined,
  outerTime: TimestampParser | undefined,
  lineNo: number,
  contextDate: string | undefined,
) => LogRecord

/** Where a pattern's named groups sit in its indexed match, and the group names an outer wrapper or envelope can add. */
export interface CaptureLayout {
  readonly indexOf: ReadonlyMap<string, number>
  readonly outer: ReadonlySet<string>
}

const REPLY_LINE = /^(\d{3})([ -]|$)/

type Getter = (g: Captures, outer: Groups | undefined) => string | undefined

/**
 * How one record field is read for one pattern: straight from capture `index` of the indexed
 * match (-1: the pattern has no such group), or through `slow` when constants, value maps, null
 * markers, outer groups or a groups object are involved. Every plan has this one shape, so
 * {@link readField} stays monomorphic and V8 inlines it; calling a different closure per field and
 * pattern made each call site megamorphic.
 */
interface FieldPlan {
  readonly index: number
  readonly slow: Getter | undefined
}

function readField(fp: FieldPlan, g: Captures, outer: Groups | undefined): string | undefined {
  if (fp.slow !== undefined) return fp.slow(g, outer)
  return fp.index < 0 ? undefined : (g as RegExpExecArray)[fp.index]
}

/**
 * Builds the record maker of one pattern. Each field gets a {@link FieldPlan} once: most fields
 * are absent or "read capture i"; only fields with constants (`set`), value maps (`map`), null
 * markers or outer groups take the general path. No closure is created per line.
 * @param parseTime the pattern's timestamp parser (`undefined`: the record has no time of its own).
 * @param nulls cell values meaning "no value" (W3C / Zeek `-`, `(empty)`), or `undefined`.
 * @param layout where the pattern's groups sit in its indexed match; `undefined` when captures are
 *   a groups object in which any field may be present (JSON records, synthetic entries).
 */
export function createRecordBuilder(
  p: PatternDefinition,
  parseTime: TimestampParser | undefined,
  nulls: ReadonlySet<string> | undefined,
  layout?: CaptureLayout,
): RecordBuilder {
  const kind: RecordKind = p.kind
  const set = p.set as Partial<Record<FieldName, string>>
  const map = p.map as Partial<Record<FieldName, Record<string, string>>>
  const clientSide = p.clientSide
  // Field f of the line's own captures, with no constants, maps or outer groups.
  const own = (f: FieldName): FieldPlan => {
    if (layout === undefined) return { index: -1, slow: (g) => (g as Groups)[f] }
    return { index: layout.indexOf.get(f) ?? -1, slow: undefined }
  }
  const plan = (f: FieldName): FieldPlan => {
    const inner = own(f)
    const inOuter = layout === undefined || layout.outer.has(f)
    const constant = set[f]
    const table = map[f]
    if (!inOuter && constant === undefined && table === undefined && nulls === undefined) return inner
    return {
      index: -1,
      slow: (g, outer) => {
        let raw = readField(inner, g, outer)
        if (raw !== undefined && nulls?.has(raw)) raw = undefined
        raw ??= outer?.[f] ?? constant
        if (raw === undefined || table === undefined) return raw
        return table[raw] ?? raw
      },
    }
  }
  const gVerb = plan('verb')
  const gArg = plan('arg')
  const gCommand = plan('command')
  const gText = plan('text')
  const gReply = plan('reply')
  const gCode = plan('code')
  const gOk = plan('ok')
  const gDirection = plan('direction')
  const gStatus = plan('status')
  const gSession = plan('session')
  const gHost = plan('host')
  const gClient = plan('client')
  const gUser = plan('user')
  const gMessage = plan('message')
  const gFile = plan('file')
  const gBytes = plan('bytes')
  const gSeconds = plan('seconds')
  const gAction = plan('action')
  const gWin32 = plan('win32')
  const gSubstatus = plan('substatus')
  const gOwnTime = own('time')
  const gOwnDate = own('date')
  return (g, outer, outerTime, lineNo, contextDate) => {
    let verb = readField(gVerb, g, outer)
    let arg = readField(gArg, g, outer)
    if (verb === undefined) {
      const command = readField(gCommand, g, outer)
      if (command !== undefined) {
        const space = command.indexOf(' ')
        verb = space === -1 ? command : command.slice(0, space)
        arg = space === -1 ? undefined : command.slice(space + 1)
      }
    }
    let code: number | undefined
    let sep: '-' | ' ' | undefined
    let text = readField(gText, g, outer)
    const reply = readField(gReply, g, outer)
    if (reply !== undefined) {
      const r = REPLY_LINE.exec(reply)
      if (r) {
        code = Number(r[1])
        sep = r[2] === '-' ? '-' : ' '
        text = reply.slice(r[2] === '' ? 3 : 4)
      } else {
        text = reply
      }
    } else {
      const c = readField(gCode, g, outer)
      if (c !== undefined && c.length === 3 && c >= '100' && c <= '699') {
        code = Number(c)
        sep = ' '
      }
    }
    let timeValue: number | undefined
    const timeText = readField(gOwnTime, g, undefined)
    const ownTime = timeText !== undefined && !nulls?.has(timeText) ? timeText : undefined
    if (ownTime !== undefined && parseTime) {
      const dateText = readField(gOwnDate, g, undefined)
      const date = dateText !== undefined && !nulls?.has(dateText) ? dateText : undefined
      timeValue = parseTime(date !== undefined ? `${date} ${ownTime}` : ownTime)
      // A time-only row after a `#Date:` header: date it by the header.
      if (timeValue === undefined && date === undefined && contextDate !== undefined) timeValue = parseTime(`${contextDate} ${ownTime}`)
    } else if (outer?.time !== undefined && outerTime) timeValue = outerTime(outer.time)
    const okText = readField(gOk, g, outer)
    const direction = readField(gDirection, g, outer)
    const status = readField(gStatus, g, outer)
    return {
      kind,
      line: lineNo,
      time: timeValue,
      session: emptyToUndefined(readField(gSession, g, outer)) ?? '',
      host: emptyToUndefined(readField(gHost, g, outer)),
      client: normaliseClient(readField(gClient, g, outer)),
      user: emptyToUndefined(readField(gUser, g, outer)),
      verb: verb?.toUpperCase(),
      arg,
      code,
      sep,
      text,
      message: readField(gMessage, g, outer)?.trimEnd(),
      file: emptyToUndefined(readField(gFile, g, outer)),
      bytes: toNumber(readField(gBytes, g, outer)),
      seconds: toNumber(readField(gSeconds, g, outer)),
      direction: direction === 'in' || direction === 'out' || direction === 'delete' ? (direction as TransferDirection) : undefined,
      status: status === 'complete' || status === 'incomplete' ? (status as TransferStatus) : undefined,
      ok: okText === 'yes' ? true : okText === 'no' ? false : undefined,
      action: readField(gAction, g, outer),
      clientSide,
      win32Status: toNumber(readField(gWin32, g, outer)),
      subStatus: toNumber(readField(gSubstatus, g, outer)),
    }
  }
}

/** A client address as sessions key it: `-`, `?` and empty are none; `::ffff:a.b.c.d` is `a.b.c.d`. */
function normaliseClient(client: string | undefined): string | undefined {
  if (client === undefined || client === '' || client === '-' || client === '?') return undefined
  return client.startsWith('::ffff:') && client.includes('.') ? client.slice(7) : client
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v === '' || v === '-' ? undefined : v
}

function toNumber(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || v === '-') return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}
