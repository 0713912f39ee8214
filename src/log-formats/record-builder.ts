import type { LogRecord, RecordKind, TransferDirection, TransferStatus } from '../model/log-record.js'
import type { TimestampParser } from '../time/timestamp-parser.js'
import type { FieldName, PatternDefinition } from './schema.js'
import { lazyBareRecordBuilder } from './bare-record-builder.js'
import { DASH, emptyToUndefined, normaliseClient, replyCodeOf, toNumber, upperCase } from './record-values.js'

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

/** The record fields a pattern can fill from its captures, in the order of {@link FieldPlans}. */
const PLANNED = [
  'verb',
  'arg',
  'command',
  'text',
  'reply',
  'code',
  'ok',
  'direction',
  'status',
  'session',
  'host',
  'client',
  'user',
  'message',
  'file',
  'bytes',
  'seconds',
  'action',
  'win32',
  'substatus',
] as const satisfies readonly FieldName[]

/** One {@link FieldPlan} per field of {@link PLANNED}, by name; one shape for every pattern. */
type FieldPlans = { readonly [K in (typeof PLANNED)[number]]: FieldPlan }

/**
 * Builds the record maker of one pattern. Each field gets a {@link FieldPlan} once, twice for
 * patterns a wrapper or envelope can surround: one set for bare lines (no outer groups), where
 * most fields are absent or "read capture i", and one for wrapped lines. Only fields with
 * constants (`set`), value maps (`map`), null markers or (on wrapped lines) outer groups take the
 * general path. No closure or intermediate object is created per line: the record is the only
 * allocation besides the strings it holds.
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
  const plan = (f: FieldName, wrapped: boolean): FieldPlan => {
    const inner = own(f)
    const inOuter = wrapped && (layout === undefined || layout.outer.has(f))
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
  const plans = (wrapped: boolean): FieldPlans => Object.fromEntries(PLANNED.map((f) => [f, plan(f, wrapped)])) as FieldPlans
  // A groups object may hold any field, so its lines are read as wrapped ones.
  const bare = layout === undefined ? plans(true) : plans(false)
  const wrapped = layout === undefined || layout.outer.size > 0 ? plans(true) : bare
  const gOwnTime = own('time')
  const gOwnDate = own('date')
  const generic: RecordBuilder = (g, outer, outerTime, lineNo, contextDate) => {
    const P = outer === undefined ? bare : wrapped
    let verb = readField(P.verb, g, outer)
    let arg = readField(P.arg, g, outer)
    if (verb === undefined) {
      const command = readField(P.command, g, outer)
      if (command !== undefined) {
        const space = command.indexOf(' ')
        verb = space === -1 ? command : command.slice(0, space)
        arg = space === -1 ? undefined : command.slice(space + 1)
      }
    }
    let code: number | undefined
    let sep: '-' | ' ' | undefined
    let text = readField(P.text, g, outer)
    const reply = readField(P.reply, g, outer)
    if (reply !== undefined) {
      // `NNN text`, `NNN-text` or a bare `NNN` (/^(\d{3})([ -]|$)/), read without a regex.
      const n = replyCodeOf(reply)
      if (n !== 0) {
        code = n
        sep = reply.length > 3 && reply.charCodeAt(3) === DASH ? '-' : ' '
        text = reply.slice(reply.length === 3 ? 3 : 4)
      } else {
        text = reply
      }
    } else {
      const c = readField(P.code, g, outer)
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
    const okText = readField(P.ok, g, outer)
    const direction = readField(P.direction, g, outer)
    const status = readField(P.status, g, outer)
    return {
      kind,
      line: lineNo,
      time: timeValue,
      session: emptyToUndefined(readField(P.session, g, outer)) ?? '',
      host: emptyToUndefined(readField(P.host, g, outer)),
      client: normaliseClient(readField(P.client, g, outer)),
      user: emptyToUndefined(readField(P.user, g, outer)),
      verb: verb === undefined ? undefined : upperCase(verb),
      arg,
      code,
      sep,
      text,
      message: readField(P.message, g, outer)?.trimEnd(),
      file: emptyToUndefined(readField(P.file, g, outer)),
      bytes: toNumber(readField(P.bytes, g, outer)),
      seconds: toNumber(readField(P.seconds, g, outer)),
      direction: direction === 'in' || direction === 'out' || direction === 'delete' ? (direction as TransferDirection) : undefined,
      status: status === 'complete' || status === 'incomplete' ? (status as TransferStatus) : undefined,
      ok: okText === 'yes' ? true : okText === 'no' ? false : undefined,
      action: readField(P.action, g, outer),
      clientSide,
      win32Status: toNumber(readField(P.win32, g, outer)),
      subStatus: toNumber(readField(P.substatus, g, outer)),
    }
  }
  // Indexed patterns get a builder of their own for bare lines; this one stays for wrapped lines.
  return layout === undefined ? generic : lazyBareRecordBuilder(p, parseTime, nulls, layout, generic)
}
