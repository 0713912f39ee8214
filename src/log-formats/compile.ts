import { InvalidDefinitionError } from '../errors.js'
import type { LogRecord, RecordKind, TransferDirection, TransferStatus } from '../model/log-record.js'
import { createTimestampParser, type TimeContext, type TimestampParser } from '../time/timestamp-parser.js'
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

type Groups = Record<string, string | undefined>
type Builder = (g: Groups, outer: Groups | undefined, outerTime: TimestampParser | undefined, lineNo: number) => ParsedLine

interface Entry {
  readonly definition: PatternDefinition
  readonly regex: RegExp
  readonly guard: string | undefined
  readonly build: Builder
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
  const compileRegex = (regex: string, owner: string): RegExp => {
    const source = expand(regex, definition.defines, `log format ${name}, ${owner}`)
    let compiled: RegExp
    try {
      compiled = new RegExp(source, 'u')
    } catch (error) {
      throw new InvalidDefinitionError(`log format ${name}, ${owner}: regex does not compile: ${(error as Error).message}`)
    }
    for (const g of source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)) {
      if (!(FIELD_NAMES as readonly string[]).includes(g[1]!)) {
        throw new InvalidDefinitionError(`log format ${name}, ${owner}: unknown named group <${g[1]}>`)
      }
    }
    return compiled
  }
  const hasTimeGroup = (re: RegExp): boolean => re.source.includes('(?<time>')

  const entries: Entry[] = definition.patterns.map((p) => {
    const regex = compileRegex(p.regex, `pattern ${p.id}`)
    const parser = p.timestamp ? createTimestampParser(p.timestamp.format, p.timestamp.zone, time) : defaultParser
    if (hasTimeGroup(regex) && !parser) {
      throw new InvalidDefinitionError(`log format ${name}, pattern ${p.id}: captures <time> but no timestamp layout is defined`)
    }
    return { definition: p, regex, guard: p.guard, build: makeBuilder(p, parser) }
  })
  const wrappers = definition.wrappers.map((w) => {
    const regex = compileRegex(w.regex, `wrapper ${w.id}`)
    const parser = w.timestamp ? createTimestampParser(w.timestamp.format, w.timestamp.zone, time) : defaultParser
    if (hasTimeGroup(regex) && !parser) {
      throw new InvalidDefinitionError(`log format ${name}, wrapper ${w.id}: captures <time> but no timestamp layout is defined`)
    }
    return { regex, parser }
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
    if (direct) return direct.entry.build(direct.m.groups ?? {}, undefined, undefined, lineNo)
    for (const w of wrappers) {
      const outer = w.regex.exec(line)
      if (!outer) continue
      const inner = find(wrapped, line.slice(outer[0].length))
      if (inner) return inner.entry.build(inner.m.groups ?? {}, outer.groups ?? {}, w.parser, lineNo)
    }
    return undefined
  }

  return {
    definition,
    patterns: entries.map(({ definition: d, regex }) => ({ definition: d, regex })),
    wrappers: wrappers.map((w) => w.regex),
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

function makeBuilder(p: PatternDefinition, parseTime: TimestampParser | undefined): Builder {
  const kind: RecordKind = p.kind
  const set = p.set as Partial<Record<FieldName, string>>
  const map = p.map as Partial<Record<FieldName, Record<string, string>>>
  const clientSide = p.clientSide
  return (g, outer, outerTime, lineNo) => {
    const value = (field: FieldName): string | undefined => {
      const raw = g[field] ?? outer?.[field] ?? set[field]
      if (raw === undefined) return undefined
      const table = map[field]
      return table ? (table[raw] ?? raw) : raw
    }
    let verb = value('verb')
    let arg = value('arg')
    const command = value('command')
    if (command !== undefined && verb === undefined) {
      const space = command.indexOf(' ')
      verb = space === -1 ? command : command.slice(0, space)
      arg = space === -1 ? undefined : command.slice(space + 1)
    }
    let code: number | undefined
    let sep: '-' | ' ' | undefined
    let text = value('text')
    const reply = value('reply')
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
      const c = value('code')
      if (c !== undefined && c.length === 3 && c >= '100' && c <= '699') {
        code = Number(c)
        sep = ' '
      }
    }
    let timeValue: number | undefined
    if (g.time !== undefined && parseTime) timeValue = parseTime(g.time)
    else if (outer?.time !== undefined && outerTime) timeValue = outerTime(outer.time)
    const okText = value('ok')
    const direction = value('direction')
    const status = value('status')
    const record: LogRecord = {
      kind,
      line: lineNo,
      time: timeValue,
      session: value('session') ?? '',
      host: value('host'),
      client: normaliseClient(value('client')),
      user: emptyToUndefined(value('user')),
      verb: verb?.toUpperCase(),
      arg,
      code,
      sep,
      text,
      message: value('message')?.trimEnd(),
      file: value('file'),
      bytes: toNumber(value('bytes')),
      seconds: toNumber(value('seconds')),
      direction: direction === 'in' || direction === 'out' || direction === 'delete' ? (direction as TransferDirection) : undefined,
      status: status === 'complete' || status === 'incomplete' ? (status as TransferStatus) : undefined,
      ok: okText === 'yes' ? true : okText === 'no' ? false : undefined,
      action: value('action'),
      clientSide,
    }
    const rest = g.rest
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
