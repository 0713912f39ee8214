import type { TimestampParser } from '../time/timestamp-parser.js'
import type { CaptureLayout, Captures, RecordBuilder } from './record-builder.js'
import { DASH, emptyToUndefined, normaliseClient, replyCodeOf, toNumber, upperCase } from './record-values.js'
import type { FieldName, PatternDefinition } from './schema.js'

/** Reads one field of a bare line whose value needs more than its capture: a constant, a value map or null markers. */
type BareGetter = (g: RegExpExecArray) => string | undefined

/**
 * The record maker of one indexed pattern for bare lines (no wrapper or envelope groups), written
 * as a function of its own: each field is read from its fixed capture index or is a literal
 * `undefined`, and the steps for fields the pattern does not have (reply text, command split, date)
 * are left out. The generic builder read every field through a plan at run time; on the
 * benchmark's xferlog that indirection was ~17 % of the run.
 *
 * The source holds only capture indexes (integers) and fixed names; the definition's strings
 * (kind, constants, value maps) reach the function as arguments, never as code. It returns the
 * same record as the generic builder, field for field and in the same property order (one shape
 * for every record), which test/log-formats/bare-record-builder.test.ts checks pattern by pattern.
 * @param wrapped the generic builder, for lines with outer groups.
 */
function compileBareRecordBuilder(
  p: PatternDefinition,
  parseTime: TimestampParser | undefined,
  nulls: ReadonlySet<string> | undefined,
  layout: CaptureLayout,
  wrapped: RecordBuilder,
): RecordBuilder {
  const set = p.set as Partial<Record<FieldName, string>>
  const map = p.map as Partial<Record<FieldName, Record<string, string>>>
  const getters: BareGetter[] = []
  /** The expression reading field `f`: `g[i]`, a getter's call, or `undefined`. */
  const read = (f: FieldName): string => {
    const index = layout.indexOf.get(f) ?? -1
    const constant = set[f]
    const table = map[f]
    if (constant === undefined && table === undefined && nulls === undefined) return index < 0 ? 'undefined' : `g[${index}]`
    if (index < 0 && constant === undefined) return 'undefined'
    getters.push((g) => {
      let raw = index < 0 ? undefined : g[index]
      if (raw !== undefined && nulls?.has(raw)) raw = undefined
      raw ??= constant
      if (raw === undefined || table === undefined) return raw
      return table[raw] ?? raw
    })
    return `G[${getters.length - 1}](g)`
  }
  const has = (e: string): boolean => e !== 'undefined'
  const call = (fn: string, e: string): string => (has(e) ? `${fn}(${e})` : 'undefined')

  const lines: string[] = ['if (outer !== undefined) return wrapped(g, outer, outerTime, lineNo, contextDate)']
  lines.push(`let verb = ${read('verb')}`, `let arg = ${read('arg')}`)
  const command = read('command')
  if (has(command)) {
    lines.push(
      `if (verb === undefined) { const command = ${command}; if (command !== undefined) {`,
      `  const space = command.indexOf(' ')`,
      `  verb = space === -1 ? command : command.slice(0, space)`,
      `  arg = space === -1 ? undefined : command.slice(space + 1) } }`,
    )
  }
  lines.push('let code', 'let sep', `let text = ${read('text')}`)
  const reply = read('reply')
  const code = read('code')
  const codeFromField = has(code)
    ? [`const c = ${code}`, `if (c !== undefined && c.length === 3 && c >= '100' && c <= '699') { code = Number(c); sep = ' ' }`]
    : []
  if (has(reply)) {
    lines.push(
      `const reply = ${reply}`,
      'if (reply !== undefined) {',
      '  const n = replyCodeOf(reply)',
      "  if (n !== 0) { code = n; sep = reply.length > 3 && reply.charCodeAt(3) === DASH ? '-' : ' '; text = reply.slice(reply.length === 3 ? 3 : 4) }",
      '  else text = reply',
      '} else {',
      ...codeFromField,
      '}',
    )
  } else lines.push(...codeFromField)
  lines.push('let timeValue')
  const timeAt = layout.indexOf.get('time') ?? -1
  if (timeAt >= 0 && parseTime !== undefined) {
    const dateAt = layout.indexOf.get('date') ?? -1
    lines.push(
      `const timeText = g[${timeAt}]`,
      `const ownTime = timeText !== undefined && !(nulls !== undefined && nulls.has(timeText)) ? timeText : undefined`,
      'if (ownTime !== undefined) {',
      dateAt >= 0 ? `  const dateText = g[${dateAt}]` : '  const dateText = undefined',
      '  const date = dateText !== undefined && !(nulls !== undefined && nulls.has(dateText)) ? dateText : undefined',
      '  timeValue = parseTime(date !== undefined ? `${date} ${ownTime}` : ownTime)',
      '  if (timeValue === undefined && date === undefined && contextDate !== undefined) timeValue = parseTime(`${contextDate} ${ownTime}`)',
      '}',
    )
  }
  const session = read('session')
  const message = read('message')
  const ok = read('ok')
  const direction = read('direction')
  const status = read('status')
  lines.push(
    `const okText = ${ok}`,
    `const direction = ${direction}`,
    `const status = ${status}`,
    'return {',
    '  kind,',
    '  line: lineNo,',
    '  time: timeValue,',
    `  session: ${has(session) ? `emptyToUndefined(${session}) ?? ''` : "''"},`,
    `  host: ${call('emptyToUndefined', read('host'))},`,
    `  client: ${call('normaliseClient', read('client'))},`,
    `  user: ${call('emptyToUndefined', read('user'))},`,
    '  verb: verb === undefined ? undefined : upperCase(verb),',
    '  arg,',
    '  code,',
    '  sep,',
    '  text,',
    `  message: ${has(message) ? `${message}?.trimEnd()` : 'undefined'},`,
    `  file: ${call('emptyToUndefined', read('file'))},`,
    `  bytes: ${call('toNumber', read('bytes'))},`,
    `  seconds: ${call('toNumber', read('seconds'))},`,
    "  direction: direction === 'in' || direction === 'out' || direction === 'delete' ? direction : undefined,",
    "  status: status === 'complete' || status === 'incomplete' ? status : undefined,",
    "  ok: okText === 'yes' ? true : okText === 'no' ? false : undefined,",
    `  action: ${read('action')},`,
    '  clientSide,',
    `  win32Status: ${call('toNumber', read('win32'))},`,
    `  subStatus: ${call('toNumber', read('substatus'))},`,
    '}',
  )
  const body = `return function build(g, outer, outerTime, lineNo, contextDate) {\n${lines.join('\n')}\n}`
  // The source holds capture indexes and fixed names only (see above).
  const make = new Function('G', 'wrapped', 'parseTime', 'nulls', 'kind', 'clientSide', 'DASH', 'replyCodeOf', 'upperCase', 'normaliseClient', 'emptyToUndefined', 'toNumber', body) as (
    ...args: unknown[]
  ) => (g: Captures, outer: unknown, outerTime: unknown, lineNo: number, contextDate: string | undefined) => ReturnType<RecordBuilder>
  return make(getters, wrapped, parseTime, nulls, p.kind, p.clientSide, DASH, replyCodeOf, upperCase, normaliseClient, emptyToUndefined, toNumber) as RecordBuilder
}

/**
 * {@link compileBareRecordBuilder}, compiled when the first record is built: detection compiles
 * every log format but builds records with one only (writing the functions of all took ~13 ms of
 * each run's start).
 */
export function lazyBareRecordBuilder(...args: Parameters<typeof compileBareRecordBuilder>): RecordBuilder {
  let built: RecordBuilder | undefined
  return (g, outer, outerTime, lineNo, contextDate) => (built ??= compileBareRecordBuilder(...args))(g, outer, outerTime, lineNo, contextDate)
}
