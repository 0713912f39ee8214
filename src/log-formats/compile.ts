import { InvalidDefinitionError } from '../errors.js'
import type { LogRecord, RecordKind, TransferDirection, TransferStatus } from '../model/log-record.js'
import { createTimestampParser, type TimeContext, type TimestampParser } from '../time/timestamp-parser.js'
import { indexNamedGroups } from './capture-groups.js'
import { FIELD_NAMES, type FieldName, type LogFormatDefinition, type PatternDefinition } from './schema.js'

/** A parsed line: the record plus, for glued lines, the text of the next record to parse. */
export interface ParsedLine {
  readonly record: LogRecord
  /** Text of a second record written on the same physical line (vsftpd error lines), if any. */
  readonly rest: string | undefined
}

/** A compiled pattern, for tests and the ReDoS checks. */
export interface CompiledPattern {
  readonly definition: PatternDefinition
  readonly regex: RegExp
}

/** A log format ready to parse lines. Build with {@link compileLogFormat}. */
export interface CompiledLogFormat {
  readonly definition: LogFormatDefinition
  /** Patterns in the order they are tried, with their compiled regexes. */
  readonly patterns: readonly CompiledPattern[]
  /** Wrapper prefixes, compiled. */
  readonly wrappers: readonly RegExp[]
  /**
   * Parses one line. Pure and synchronous; never throws on any input.
   * @param line the line without its terminator. @param lineNo 1-based.
   * @returns `undefined` when no pattern matches (the line is unrecognised).
   */
  parse(line: string, lineNo: number): ParsedLine | undefined
  /** The first pattern matching `line` (directly or after a wrapper), for detection and sample checks. */
  match(line: string): PatternDefinition | undefined
}


interface Entry {
  readonly definition: PatternDefinition
  /** The pattern with its named groups turned into plain ones (see capture-groups.ts). */
  readonly regex: RegExp
  /** The pattern as written, for tests and tools. */
  readonly named: RegExp
  readonly guard: string | undefined
  /** Record plans: `[0]` for a bare line, `[w + 1]` behind wrapper `w`. */
  readonly plans: readonly (RecordPlan | undefined)[]
}

/**
 * Expands `{{NAME}}` fragments, compiles every pattern and wrapper (flag `u`) and checks that each
 * uses only known named groups.
 * @throws InvalidDefinitionError naming the log format and pattern at fault.
 */
export function compileLogFormat(definition: LogFormatDefinition, time: TimeContext): CompiledLogFormat {
  const name = definition.name
  const defaultParser = definition.timestamp
    ? createTimestampParser(definition.timestamp.format, definition.timestamp.zone, time)
    : undefined
  const compileRegex = (regex: string, owner: string): { named: RegExp; fast: RegExp; indexOf: ReadonlyMap<string, number> } => {
    const source = expand(regex, definition.defines, `log format ${name}, ${owner}`)
    let named: RegExp
    let fast: RegExp
    let indexOf: ReadonlyMap<string, number>
    try {
      named = new RegExp(source, 'u')
      const indexed = indexNamedGroups(source)
      fast = new RegExp(indexed.source, 'u')
      indexOf = indexed.indexOf
    } catch (error) {
      throw new InvalidDefinitionError(`log format ${name}, ${owner}: regex does not compile: ${(error as Error).message}`)
    }
    for (const g of indexOf.keys()) {
      if (!(FIELD_NAMES as readonly string[]).includes(g)) {
        throw new InvalidDefinitionError(`log format ${name}, ${owner}: unknown named group <${g}>`)
      }
    }
    return { named, fast, indexOf }
  }
  const hasTimeGroup = (c: { indexOf: ReadonlyMap<string, number> }): boolean => c.indexOf.has('time')

  const wrappers = definition.wrappers.map((w) => {
    const compiled = compileRegex(w.regex, `wrapper ${w.id}`)
    const parser = w.timestamp ? createTimestampParser(w.timestamp.format, w.timestamp.zone, time) : defaultParser
    if (hasTimeGroup(compiled) && !parser) {
      throw new InvalidDefinitionError(`log format ${name}, wrapper ${w.id}: captures <time> but no timestamp layout is defined`)
    }
    return { regex: compiled.fast, named: compiled.named, indexOf: compiled.indexOf, parser }
  })
  const entries: Entry[] = definition.patterns.map((p) => {
    const compiled = compileRegex(p.regex, `pattern ${p.id}`)
    const parser = p.timestamp ? createTimestampParser(p.timestamp.format, p.timestamp.zone, time) : defaultParser
    if (hasTimeGroup(compiled) && !parser) {
      throw new InvalidDefinitionError(`log format ${name}, pattern ${p.id}: captures <time> but no timestamp layout is defined`)
    }
    const plans: (RecordPlan | undefined)[] = [makePlan(p, parser, compiled.indexOf, undefined)]
    wrappers.forEach((w) => plans.push(p.applies.includes('wrapped') ? makePlan(p, parser, compiled.indexOf, w) : undefined))
    return { definition: p, regex: compiled.fast, named: compiled.named, guard: p.guard, plans }
  })
  const bare = entries.filter((e) => e.definition.applies.includes('bare'))
  const wrapped = entries.filter((e) => e.definition.applies.includes('wrapped'))
  if (wrappers.length > 0 && wrapped.length === 0) {
    throw new InvalidDefinitionError(`log format ${name}: has wrappers but no pattern applies to wrapped lines`)
  }

  const find = (list: readonly Entry[], text: string): { entry: Entry; m: RegExpExecArray } | undefined => {
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!
      if (entry.guard !== undefined && !text.includes(entry.guard)) continue
      const m = entry.regex.exec(text)
      if (m) return { entry, m }
    }
    return undefined
  }

  const parse = (line: string, lineNo: number): ParsedLine | undefined => {
    for (let i = 0; i < bare.length; i++) {
      const entry = bare[i]!
      if (entry.guard !== undefined && !line.includes(entry.guard)) continue
      const m = entry.regex.exec(line)
      if (m) return buildRecord(entry.plans[0]!, m, undefined, lineNo)
    }
    for (let w = 0; w < wrappers.length; w++) {
      const outer = wrappers[w]!.regex.exec(line)
      if (!outer) continue
      const inner = find(wrapped, line.slice(outer[0].length))
      if (inner) return buildRecord(inner.entry.plans[w + 1]!, inner.m, outer, lineNo)
    }
    return undefined
  }

  return {
    definition,
    patterns: entries.map(({ definition: d, named }) => ({ definition: d, regex: named })),
    wrappers: wrappers.map((w) => w.named),
    parse,
    match(line) {
      const direct = find(bare, line)
      if (direct) return direct.entry.definition
      for (const w of wrappers) {
        const outer = w.regex.exec(line)
        if (!outer) continue
        const inner = find(wrapped, line.slice(outer[0].length))
        if (inner) return inner.entry.definition
      }
      return undefined
    },
  }
}

function expand(regex: string, defines: Record<string, string>, owner: string): string {
  let out = regex
  // Fragments may use other fragments; three rounds are plenty and stop accidental cycles.
  for (let round = 0; round < 3 && out.includes('{{'); round++) {
    out = out.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, fragment: string) => {
      const text = defines[fragment]
      if (text === undefined) throw new InvalidDefinitionError(`${owner}: unknown fragment {{${fragment}}}`)
      return text
    })
  }
  return out
}

/**
 * How one pattern (bare, or behind one wrapper) fills a record: the capture index of each field
 * (0 = not captured) and, for the few fields that need more than "read capture i", a fix-up.
 * Every plan has the same shape and {@link buildRecord} is one function for all of them, so the
 * per-line code stays monomorphic (closures per field made every call site megamorphic: 230 ms
 * of 1.9 s on the benchmark's vsftpd log).
 */
interface RecordPlan {
  readonly kind: RecordKind
  readonly clientSide: boolean
  readonly session: number
  readonly host: number
  readonly client: number
  readonly user: number
  readonly command: number
  readonly verb: number
  readonly arg: number
  readonly reply: number
  readonly code: number
  readonly text: number
  readonly message: number
  readonly file: number
  readonly bytes: number
  readonly seconds: number
  readonly direction: number
  readonly status: number
  readonly ok: number
  readonly action: number
  readonly rest: number
  readonly time: number
  readonly parseTime: TimestampParser | undefined
  readonly outerTime: number
  readonly parseOuterTime: TimestampParser | undefined
  /** Fields taken from a wrapper capture, a constant or a value table; `undefined` when none is. */
  readonly fixes: Readonly<Record<RecordField, FieldFix | undefined>> | undefined
}

type RecordField = Exclude<FieldName, 'time' | 'rest'>
const RECORD_FIELDS = FIELD_NAMES.filter((f): f is RecordField => f !== 'time' && f !== 'rest')

/** A field that is not just "read capture i": a wrapper capture, a constant, a value table. */
interface FieldFix {
  /** Capture index in the wrapper's match (0 = none). */
  readonly outer: number
  readonly constant: string | undefined
  readonly table: Readonly<Record<string, string>> | undefined
}

function makePlan(
  p: PatternDefinition,
  parseTime: TimestampParser | undefined,
  indexOf: ReadonlyMap<string, number>,
  wrapper: { readonly indexOf: ReadonlyMap<string, number>; readonly parser: TimestampParser | undefined } | undefined,
): RecordPlan {
  const set = p.set as Partial<Record<FieldName, string>>
  const map = p.map as Partial<Record<FieldName, Record<string, string>>>
  const at = (f: FieldName): number => indexOf.get(f) ?? 0
  let fixes: Record<RecordField, FieldFix | undefined> | undefined
  for (const field of RECORD_FIELDS) {
    const outer = wrapper?.indexOf.get(field) ?? 0
    const constant = set[field]
    const table = map[field]
    if (outer === 0 && constant === undefined && table === undefined) continue
    fixes ??= Object.fromEntries(RECORD_FIELDS.map((f) => [f, undefined])) as Record<RecordField, FieldFix | undefined>
    fixes[field] = { outer, constant, table }
  }
  return {
    kind: p.kind,
    clientSide: p.clientSide,
    session: at('session'),
    host: at('host'),
    client: at('client'),
    user: at('user'),
    command: at('command'),
    verb: at('verb'),
    arg: at('arg'),
    reply: at('reply'),
    code: at('code'),
    text: at('text'),
    message: at('message'),
    file: at('file'),
    bytes: at('bytes'),
    seconds: at('seconds'),
    direction: at('direction'),
    status: at('status'),
    ok: at('ok'),
    action: at('action'),
    rest: at('rest'),
    time: at('time'),
    parseTime,
    outerTime: wrapper?.indexOf.get('time') ?? 0,
    parseOuterTime: wrapper?.parser,
    fixes,
  }
}

/** Capture `i` of `m`, or `undefined` for 0 (not captured). */
function capture(m: RegExpExecArray, i: number): string | undefined {
  return i > 0 ? m[i] : undefined
}

/** Applies a {@link FieldFix}: the pattern's capture, else the wrapper's, else the constant; then the table. */
function fixField(fix: FieldFix | undefined, value: string | undefined, outer: RegExpExecArray | undefined): string | undefined {
  if (fix === undefined) return value
  let v = value
  if (v === undefined && fix.outer > 0 && outer !== undefined) v = outer[fix.outer]
  if (v === undefined) v = fix.constant
  if (v !== undefined && fix.table !== undefined) v = fix.table[v] ?? v
  return v
}

/** Turns one match into a record following its plan. Pure; never throws. */
function buildRecord(p: RecordPlan, g: RegExpExecArray, outer: RegExpExecArray | undefined, lineNo: number): ParsedLine {
  let session = capture(g, p.session)
  let host = capture(g, p.host)
  let client = capture(g, p.client)
  let user = capture(g, p.user)
  let command = capture(g, p.command)
  let verb = capture(g, p.verb)
  let arg = capture(g, p.arg)
  let reply = capture(g, p.reply)
  let codeText = capture(g, p.code)
  let text = capture(g, p.text)
  let message = capture(g, p.message)
  let file = capture(g, p.file)
  let bytes = capture(g, p.bytes)
  let seconds = capture(g, p.seconds)
  let direction = capture(g, p.direction)
  let status = capture(g, p.status)
  let okText = capture(g, p.ok)
  let action = capture(g, p.action)
  const f = p.fixes
  if (f !== undefined) {
    session = fixField(f.session, session, outer)
    host = fixField(f.host, host, outer)
    client = fixField(f.client, client, outer)
    user = fixField(f.user, user, outer)
    command = fixField(f.command, command, outer)
    verb = fixField(f.verb, verb, outer)
    arg = fixField(f.arg, arg, outer)
    reply = fixField(f.reply, reply, outer)
    codeText = fixField(f.code, codeText, outer)
    text = fixField(f.text, text, outer)
    message = fixField(f.message, message, outer)
    file = fixField(f.file, file, outer)
    bytes = fixField(f.bytes, bytes, outer)
    seconds = fixField(f.seconds, seconds, outer)
    direction = fixField(f.direction, direction, outer)
    status = fixField(f.status, status, outer)
    okText = fixField(f.ok, okText, outer)
    action = fixField(f.action, action, outer)
  }
  if (verb === undefined && command !== undefined) {
    const space = command.indexOf(' ')
    verb = space === -1 ? command : command.slice(0, space)
    arg = space === -1 ? undefined : command.slice(space + 1)
  }
  let code: number | undefined
  let sep: '-' | ' ' | undefined
  if (reply !== undefined) {
    // RFC 959 §4.2: three digits, then a space (last line), a hyphen (first line of a
    // multi-line reply) or nothing; anything else is a continuation line.
    const c = replyCode(reply)
    if (c === 0) text = reply
    else {
      code = c
      const s = reply.charCodeAt(3)
      sep = s === 45 ? '-' : ' '
      text = reply.length === 3 ? '' : reply.slice(4)
    }
  } else if (codeText !== undefined && codeText.length === 3) {
    const c = replyCode(codeText)
    if (c >= 100 && c <= 699) {
      code = c
      sep = ' '
    }
  }
  let time: number | undefined
  const innerTime = capture(g, p.time)
  if (innerTime !== undefined && p.parseTime !== undefined) time = p.parseTime(innerTime)
  else if (p.outerTime > 0 && outer !== undefined && p.parseOuterTime !== undefined) {
    const wrapperTime = outer[p.outerTime]
    if (wrapperTime !== undefined) time = p.parseOuterTime(wrapperTime)
  }
  const record: LogRecord = {
    kind: p.kind,
    line: lineNo,
    time,
    session: session ?? '',
    host,
    client: normaliseClient(client),
    user: emptyToUndefined(user),
    verb: verb?.toUpperCase(),
    arg,
    code,
    sep,
    text,
    message: message?.trimEnd(),
    file,
    bytes: toNumber(bytes),
    seconds: toNumber(seconds),
    direction: direction === 'in' || direction === 'out' || direction === 'delete' ? (direction as TransferDirection) : undefined,
    status: status === 'complete' || status === 'incomplete' ? (status as TransferStatus) : undefined,
    ok: okText === 'yes' ? true : okText === 'no' ? false : undefined,
    action,
    clientSide: p.clientSide,
  }
  const rest = capture(g, p.rest)
  return { record, rest: rest !== undefined && rest.length > 0 ? rest : undefined }
}

/**
 * The reply code at the start of `s` when it starts with three digits followed by a space, a
 * hyphen or the end; else 0.
 */
function replyCode(s: string): number {
  if (s.length < 3) return 0
  const a = s.charCodeAt(0) - 48
  const b = s.charCodeAt(1) - 48
  const c = s.charCodeAt(2) - 48
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return 0
  if (s.length > 3) {
    const sep = s.charCodeAt(3)
    if (sep !== 32 && sep !== 45) return 0
  }
  return a * 100 + b * 10 + c
}

function normaliseClient(client: string | undefined): string | undefined {
  if (client === undefined || client === '' || client === '-') return undefined
  return client.startsWith('::ffff:') && client.includes('.') ? client.slice(7) : client
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v === '' || v === '-' ? undefined : v
}

function toNumber(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || v === '-') return undefined
  // Byte counts and durations are plain digits; summing them here avoids a slow string-to-number
  // conversion (80 ms per million xferlog lines). Up to 15 digits stays exact.
  if (v.length <= 15) {
    let n = 0
    for (let i = 0; i < v.length; i++) {
      const d = v.charCodeAt(i) - 48
      if (d < 0 || d > 9) return slowNumber(v)
      n = n * 10 + d
    }
    return n
  }
  return slowNumber(v)
}

function slowNumber(v: string): number | undefined {
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}
