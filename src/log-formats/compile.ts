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

type Builder = (m: RegExpExecArray, outer: RegExpExecArray | undefined, lineNo: number) => ParsedLine
type Getter = (m: RegExpExecArray, outer: RegExpExecArray | undefined) => string | undefined
const absent: Getter = () => undefined

interface Entry {
  readonly definition: PatternDefinition
  /** The pattern with its named groups turned into plain ones (see capture-groups.ts). */
  readonly regex: RegExp
  /** The pattern as written, for tests and tools. */
  readonly named: RegExp
  readonly guard: string | undefined
  /** Record makers by wrapper index (-1: a bare line). */
  readonly builders: ReadonlyMap<number, Builder>
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
    const builders = new Map<number, Builder>()
    builders.set(-1, makeBuilder(p, parser, compiled.indexOf, undefined))
    if (p.applies.includes('wrapped')) wrappers.forEach((w, i) => builders.set(i, makeBuilder(p, parser, compiled.indexOf, w)))
    return { definition: p, regex: compiled.fast, named: compiled.named, guard: p.guard, builders }
  })
  const bare = entries.filter((e) => e.definition.applies.includes('bare'))
  const wrapped = entries.filter((e) => e.definition.applies.includes('wrapped'))
  if (wrappers.length > 0 && wrapped.length === 0) {
    throw new InvalidDefinitionError(`log format ${name}: has wrappers but no pattern applies to wrapped lines`)
  }

  const find = (list: readonly Entry[], text: string): { entry: Entry; m: RegExpExecArray } | undefined => {
    for (const entry of list) {
      if (entry.guard !== undefined && !text.includes(entry.guard)) continue
      const m = entry.regex.exec(text)
      if (m) return { entry, m }
    }
    return undefined
  }

  const parse = (line: string, lineNo: number): ParsedLine | undefined => {
    const direct = find(bare, line)
    if (direct) return direct.entry.builders.get(-1)!(direct.m, undefined, lineNo)
    for (let w = 0; w < wrappers.length; w++) {
      const outer = wrappers[w]!.regex.exec(line)
      if (!outer) continue
      const inner = find(wrapped, line.slice(outer[0].length))
      if (inner) return inner.entry.builders.get(w)!(inner.m, outer, lineNo)
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

const REPLY_LINE = /^(\d{3})([ -]|$)/

/**
 * Builds the record maker of one pattern. Which fields can be present is known when compiling
 * (the pattern's groups, its `set` constants, and any group a wrapper may capture), so the
 * per-line work reads only those; no closure or lookup table is created per line.
 */
function makeBuilder(
  p: PatternDefinition,
  parseTime: TimestampParser | undefined,
  indexOf: ReadonlyMap<string, number>,
  wrapper: { readonly indexOf: ReadonlyMap<string, number>; readonly parser: TimestampParser | undefined } | undefined,
): Builder {
  const kind: RecordKind = p.kind
  const set = p.set as Partial<Record<FieldName, string>>
  const map = p.map as Partial<Record<FieldName, Record<string, string>>>
  const clientSide = p.clientSide
  // Each field gets a getter specialised once, at compile time: most are "absent" or "read
  // capture i", which V8 inlines; only fields with constants, wrappers or maps take the general path.
  const inner = (f: string): number => indexOf.get(f) ?? 0
  const outerIdx = (f: string): number => wrapper?.indexOf.get(f) ?? 0
  const getter = (field: FieldName): Getter => {
    const i = inner(field)
    const o = outerIdx(field)
    const constant = set[field]
    const table = map[field]
    if (i === 0 && o === 0 && constant === undefined) return absent
    if (o === 0 && constant === undefined && table === undefined) return (m) => m[i]
    return (m, outer) => {
      const raw = (i > 0 ? m[i] : undefined) ?? (o > 0 && outer !== undefined ? outer[o] : undefined) ?? constant
      if (raw === undefined || table === undefined) return raw
      return table[raw] ?? raw
    }
  }
  const gSession = getter('session')
  const gHost = getter('host')
  const gClient = getter('client')
  const gUser = getter('user')
  const gCommand = getter('command')
  const gVerb = getter('verb')
  const gArg = getter('arg')
  const gReply = getter('reply')
  const gCode = getter('code')
  const gText = getter('text')
  const gMessage = getter('message')
  const gFile = getter('file')
  const gBytes = getter('bytes')
  const gSeconds = getter('seconds')
  const gDirection = getter('direction')
  const gStatus = getter('status')
  const gOk = getter('ok')
  const gAction = getter('action')
  const timeInner = inner('time')
  const timeOuter = outerIdx('time')
  const restIdx = inner('rest')
  const outerTime = wrapper?.parser
  return (g, outer, lineNo) => {
    let verb = gVerb(g, outer)
    let arg = gArg(g, outer)
    if (verb === undefined) {
      const command = gCommand(g, outer)
      if (command !== undefined) {
        const space = command.indexOf(' ')
        verb = space === -1 ? command : command.slice(0, space)
        arg = space === -1 ? undefined : command.slice(space + 1)
      }
    }
    let code: number | undefined
    let sep: '-' | ' ' | undefined
    let text = gText(g, outer)
    const reply = gReply(g, outer)
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
      const c = gCode(g, outer)
      if (c !== undefined && c.length === 3 && c >= '100' && c <= '699') {
        code = Number(c)
        sep = ' '
      }
    }
    let time: number | undefined
    const innerTime = timeInner > 0 ? g[timeInner] : undefined
    const wrapperTime = timeOuter > 0 && outer !== undefined ? outer[timeOuter] : undefined
    if (innerTime !== undefined && parseTime) time = parseTime(innerTime)
    else if (wrapperTime !== undefined && outerTime) time = outerTime(wrapperTime)
    const okText = gOk(g, outer)
    const direction = gDirection(g, outer)
    const status = gStatus(g, outer)
    const record: LogRecord = {
      kind,
      line: lineNo,
      time,
      session: gSession(g, outer) ?? '',
      host: gHost(g, outer),
      client: normaliseClient(gClient(g, outer)),
      user: emptyToUndefined(gUser(g, outer)),
      verb: verb?.toUpperCase(),
      arg,
      code,
      sep,
      text,
      message: gMessage(g, outer)?.trimEnd(),
      file: gFile(g, outer),
      bytes: toNumber(gBytes(g, outer)),
      seconds: toNumber(gSeconds(g, outer)),
      direction: direction === 'in' || direction === 'out' || direction === 'delete' ? (direction as TransferDirection) : undefined,
      status: status === 'complete' || status === 'incomplete' ? (status as TransferStatus) : undefined,
      ok: okText === 'yes' ? true : okText === 'no' ? false : undefined,
      action: gAction(g, outer),
      clientSide,
    }
    const rest = restIdx > 0 ? g[restIdx] : undefined
    return { record, rest: rest !== undefined && rest.length > 0 ? rest : undefined }
  }
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
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}
