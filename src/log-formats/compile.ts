import { InvalidDefinitionError } from '../errors.js'
import type { LogRecord, RecordKind, TransferDirection, TransferStatus } from '../model/log-record.js'
import { createTimestampParserChain, type TimeContext, type TimestampParser } from '../time/timestamp-parser.js'
import type { EnvelopesData } from './envelope-schema.js'
import { bundledEnvelopes } from './envelopes.js'
import { indexNamedGroups } from './capture-groups.js'
import { createLogFormatRegistry } from './registry.js'
import {
  FIELD_NAMES,
  patternSchema,
  type ColumnsDefinition,
  type FieldName,
  type JsonRecordsDefinition,
  type LogFormatDefinition,
  type PatternDefinition,
} from './schema.js'

/** A parsed line: the record plus, for glued lines, the text of the next record to parse. */
export interface ParsedLine {
  readonly record: LogRecord
  /** Text of a second record written on the same physical line (vsftpd error lines), if any. */
  readonly rest: string | undefined
  /**
   * The log format whose pattern parsed the line: the compiled one, or for a container
   * (`dispatch`) the log format its program belongs to. Sessions are rebuilt per log format.
   */
  readonly definition: LogFormatDefinition
}

/** A compiled pattern, for tests and the ReDoS checks. */
export interface CompiledPattern {
  readonly definition: PatternDefinition
  readonly regex: RegExp
}

/** Options of {@link compileLogFormat}. */
export interface CompileOptions {
  /**
   * The log formats a container (`dispatch`) hands enveloped lines to; default: the bundled ones.
   * Ignored for other log formats.
   */
  readonly definitions?: readonly LogFormatDefinition[] | undefined
  /** Syslog / journal envelopes; default: the bundled `envelopes.json`. */
  readonly envelopes?: EnvelopesData | undefined
}

/**
 * A log format ready to parse lines. Build with {@link compileLogFormat}; build one per input, as
 * it keeps line context (trace states, a W3C `#Fields:` header, a `#Date:`, a JSON object being
 * read over several lines).
 */
export interface CompiledLogFormat {
  readonly definition: LogFormatDefinition
  /** Patterns in the order they are tried, with their compiled regexes (envelopes and wrappers included). */
  readonly patterns: readonly CompiledPattern[]
  /** Wrapper prefixes and envelope headers, compiled. */
  readonly wrappers: readonly RegExp[]
  /**
   * Parses one line. Synchronous; never throws on any input. Advances the line context.
   * @param line the line without its terminator. @param lineNo 1-based.
   * @returns `undefined` when no pattern matches (the line is unrecognised).
   */
  parse(line: string, lineNo: number): ParsedLine | undefined
  /**
   * The pattern matching `line` (directly, after a wrapper or envelope, or a synthetic one for
   * header rows, JSON records, markers and other programs' lines, kind `not-ftp`), for detection
   * and sample checks. Advances the line context like {@link parse}.
   */
  match(line: string): PatternDefinition | undefined
  /** Forgets the line context (back to state `start`, no header, no date). */
  reset(): void
}

type Groups = Record<string, string | undefined>
/**
 * What a matched line hands to a record builder: the plain-group match of an entry's indexed
 * regex (read by capture index), or a groups object (JSON records, synthetic entries).
 */
type Captures = RegExpExecArray | Groups

/** Mutable line context of one log format within one input. */
interface LineContext {
  state: string
  date: string | undefined
  row: Entry | undefined
  json: string[] | undefined
  jsonChars: number
}

type Builder = (g: Captures, outer: Groups | undefined, outerTime: TimestampParser | undefined, lineNo: number, ctx: LineContext) => LogRecord

interface Entry {
  readonly definition: PatternDefinition
  /** The pattern as written, with named groups (for tools and sample checks). */
  readonly regex: RegExp | undefined
  /**
   * The same pattern with its named groups made plain (see capture-groups.ts): matching reads
   * `m[i]` instead of V8 building a `groups` object per line, a measurable share of the per-line cost.
   */
  readonly fast: RegExp | undefined
  readonly guard: string | undefined
  readonly inState: ReadonlySet<string> | undefined
  readonly build: Builder
  /** Reads a named group from this entry's captures. */
  readonly read: (g: Captures, name: FieldName) => string | undefined
}

interface Unit {
  readonly def: LogFormatDefinition
  readonly bare: readonly Entry[]
  readonly wrapped: readonly Entry[]
  readonly wrappers: readonly { regex: RegExp; parser: TimestampParser | undefined }[]
  readonly columns: ColumnsRuntime | undefined
  readonly json: JsonRuntime | undefined
  readonly ctx: LineContext
}

interface ColumnsRuntime {
  readonly def: ColumnsDefinition
  readonly header: RegExp
  readonly headerEntry: Entry
  /** Compiles the row entry for a header's column list. */
  rowFor(columns: readonly string[]): Entry
}

interface JsonRuntime {
  readonly def: JsonRecordsDefinition
  readonly entry: Entry
  readonly partEntry: Entry
}

/**
 * The line just matched. One object per compiled log format is reused for every line (`parse` and
 * `match` consume it before the next line), so matching allocates nothing of its own.
 */
interface Hit {
  entry: Entry
  groups: Captures
  outer: Groups | undefined
  outerTime: TimestampParser | undefined
  unit: Unit
}

const NO_GROUPS: Groups = Object.freeze({})

/** A JSON object spread over more lines than this (or characters) is dropped, so memory stays bounded. */
const MAX_JSON_LINES = 2000
const MAX_JSON_CHARS = 256 * 1024

const synthetic = (id: string, kind: RecordKind, weak: boolean): PatternDefinition =>
  patternSchema.parse({ id, regex: '^$', kind, weak })
const NOT_FTP = synthetic('other-program', 'not-ftp', true)
const MARKER = synthetic('envelope-marker', 'meta', true)

/**
 * Compiles a log format: expands `{{NAME}}` fragments, compiles every pattern, wrapper and
 * envelope (flag `u`) and checks that each uses only known named groups.
 * @throws InvalidDefinitionError naming the log format and pattern at fault.
 */
export function compileLogFormat(definition: LogFormatDefinition, time: TimeContext, options: CompileOptions = {}): CompiledLogFormat {
  const envelopes = options.envelopes ?? bundledEnvelopes()
  const top = compileUnit(definition, time)
  const programs = new Map<string, Unit>()
  if (definition.dispatch) {
    const defs = options.definitions ?? createLogFormatRegistry().list()
    for (const d of defs) {
      if (d.dispatch || !d.syslog) continue
      const unit = d === definition ? top : compileUnit(d, time)
      for (const p of d.syslog.programs) if (!programs.has(p)) programs.set(p, unit)
    }
  } else if (definition.syslog) {
    for (const p of definition.syslog.programs) programs.set(p, top)
  }
  const useEnvelopes = programs.size > 0
  const owner = `log format ${definition.name}`
  const textEnvelopes = useEnvelopes
    ? envelopes.text.map((e) => ({
        regex: compileRegex(e.regex, definition.defines, `${owner}, envelope ${e.id}`),
        parser: e.timestamp ? createTimestampParserChain([e.timestamp.format, ...e.timestamp.also], e.timestamp.zone, time) : undefined,
        knownOnly: e.knownProgramsOnly,
      }))
    : []
  const jsonEnvelopes = useEnvelopes
    ? envelopes.json.map((e) => ({ def: e, parser: createTimestampParserChain([e.timestamp.format, ...e.timestamp.also], e.timestamp.zone, time) }))
    : []
  const markers = useEnvelopes ? envelopes.markers.map((m) => new RegExp(m.regex, 'u')) : []

  const units = new Set<Unit>([top, ...programs.values()])
  const hit: Hit = { entry: notFtpEntry, groups: NO_GROUPS, outer: undefined, outerTime: undefined, unit: top }
  const at = (entry: Entry, groups: Captures, outer: Groups | undefined, outerTime: TimestampParser | undefined, unit: Unit): Hit => {
    hit.entry = entry
    hit.groups = groups
    hit.outer = outer
    hit.outerTime = outerTime
    hit.unit = unit
    return hit
  }
  const found: Found = { entry: notFtpEntry, m: undefined }

  const viaEnvelope = (line: string): Hit | null | undefined => {
    for (const m of markers) if (m.test(line)) return at(markerEntry, NO_GROUPS, undefined, undefined, top)
    for (const env of textEnvelopes) {
      const m = env.regex.exec(line)
      if (!m) continue
      const outer = m.groups ?? {}
      const unit = programs.get(outer.program ?? '')
      if (!unit) {
        if (env.knownOnly) continue
        return at(notFtpEntry, NO_GROUPS, outer, env.parser, top)
      }
      const body = line.slice(m[0].length)
      const inner = find(unit.wrapped, body, unit.ctx, found)
      // Our program, but no pattern knows the message: unrecognised (null stops the search).
      return inner ? at(inner.entry, inner.m, outer, env.parser, unit) : null
    }
    if (jsonEnvelopes.length > 0 && line.charCodeAt(0) === 123 /* { */) {
      const obj = parseJsonObject(line)
      if (obj) {
        for (const { def, parser } of jsonEnvelopes) {
          const message = obj[def.message]
          if (typeof message !== 'string') continue
          let program: string | undefined
          for (const k of def.program) {
            const v = obj[k]
            if (typeof v === 'string') {
              program = v
              break
            }
          }
          const outer: Groups = { program, session: scalar(obj[def.session]), host: scalar(obj[def.host]), time: scalar(obj[def.time]) }
          const unit = programs.get(program ?? '')
          if (!unit) return at(notFtpEntry, NO_GROUPS, outer, parser, top)
          const inner = find(unit.wrapped, message, unit.ctx, found)
          return inner ? at(inner.entry, inner.m, outer, parser, unit) : null
        }
      }
    }
    return undefined
  }

  const exec = (line: string): Hit | undefined => {
    const ctx = top.ctx
    // A JSON object printed over several lines: collect it until its closing brace.
    if (top.json && ctx.json) {
      ctx.json.push(line)
      ctx.jsonChars += line.length
      if (line.charCodeAt(0) === 125 /* } */ && line.trimEnd() === '}') {
        const obj = parseJsonObject(ctx.json.join('\n'))
        ctx.json = undefined
        const groups = obj ? jsonGroups(obj, top.json.def) : undefined
        return groups ? at(top.json.entry, groups, undefined, undefined, top) : undefined
      }
      if (ctx.json.length > MAX_JSON_LINES || ctx.jsonChars > MAX_JSON_CHARS) ctx.json = undefined
      return at(top.json.partEntry, NO_GROUPS, undefined, undefined, top)
    }
    const columns = top.columns
    if (columns) {
      const h = columns.header.exec(line)
      if (h) {
        const list = (h.groups?.columns ?? '').trim().split(columns.def.separator === 'tab' ? '\t' : / +/)
        ctx.row = columns.rowFor(list)
        return at(columns.headerEntry, NO_GROUPS, undefined, undefined, top)
      }
      const row = ctx.row
      if (row) {
        const m = row.fast!.exec(line)
        if (m) return at(row, m, undefined, undefined, top)
      }
    }
    const direct = find(top.bare, line, ctx, found)
    if (direct) return at(direct.entry, direct.m, undefined, undefined, top)
    if (top.json && line.charCodeAt(0) === 123 /* { */) {
      if (top.json.def.multiline && line.trimEnd() === '{') {
        ctx.json = [line]
        ctx.jsonChars = line.length
        return at(top.json.partEntry, NO_GROUPS, undefined, undefined, top)
      }
      const obj = parseJsonObject(line)
      const groups = obj ? jsonGroups(obj, top.json.def) : undefined
      if (groups) return at(top.json.entry, groups, undefined, undefined, top)
    }
    if (useEnvelopes) {
      const hit = viaEnvelope(line)
      if (hit) return hit
      if (hit === null) return undefined
    }
    for (const w of top.wrappers) {
      const outer = w.regex.exec(line)
      if (!outer) continue
      const inner = find(top.wrapped, line.slice(outer[0].length), ctx, found)
      if (inner) return at(inner.entry, inner.m, outer.groups ?? {}, w.parser, top)
    }
    return undefined
  }

  const advance = (hit: Hit): void => {
    const p = hit.entry.definition
    if (p.enterState !== undefined) hit.unit.ctx.state = p.enterState
    if (p.keepDate) {
      const date = hit.entry.read(hit.groups, 'date')
      if (date !== undefined) hit.unit.ctx.date = date
    }
  }

  const patterns: CompiledPattern[] = []
  const wrappers: RegExp[] = []
  for (const unit of units) {
    for (const e of [...unit.bare, ...unit.wrapped]) if (e.regex && !patterns.some((p) => p.regex === e.regex)) patterns.push({ definition: e.definition, regex: e.regex })
    for (const w of unit.wrappers) wrappers.push(w.regex)
    if (unit.columns) patterns.push({ definition: unit.columns.headerEntry.definition, regex: unit.columns.header })
  }
  for (const e of textEnvelopes) wrappers.push(e.regex)
  wrappers.push(...markers)

  return {
    definition,
    patterns,
    wrappers,
    parse(line, lineNo) {
      const hit = exec(line)
      if (!hit) return undefined
      advance(hit)
      const record = hit.entry.build(hit.groups, hit.outer, hit.outerTime, lineNo, hit.unit.ctx)
      const rest = hit.entry.read(hit.groups, 'rest')
      return { record, rest: rest !== undefined && rest.length > 0 ? rest : undefined, definition: hit.unit.def }
    },
    match(line) {
      const hit = exec(line)
      if (!hit) return undefined
      advance(hit)
      return hit.entry.definition
    },
    reset() {
      for (const unit of units) Object.assign(unit.ctx, freshContext())
    },
  }
}

const readNamed = (g: Captures, name: FieldName): string | undefined => (g as Groups)[name]

/** An entry whose captures are a groups object (JSON records, synthetic entries, header rows). */
function namedEntry(definition: PatternDefinition, parseTime?: TimestampParser, regex?: RegExp): Entry {
  return { definition, regex, fast: undefined, guard: undefined, inState: undefined, build: makeBuilder(definition, parseTime, undefined), read: readNamed }
}

/**
 * An entry matched through its indexed regex.
 * @throws InvalidDefinitionError when the pattern uses a named backreference (`\k<name>`).
 * @param outer the groups a wrapper or envelope may add around the pattern (none for bare-only patterns).
 */
function indexedEntry(
  definition: PatternDefinition,
  regex: RegExp,
  parseTime: TimestampParser | undefined,
  nulls: ReadonlySet<string> | undefined,
  outer: ReadonlySet<string>,
): Entry {
  let indexed: ReturnType<typeof indexNamedGroups>
  try {
    indexed = indexNamedGroups(regex.source)
  } catch (error) {
    throw new InvalidDefinitionError(`pattern ${definition.id}: ${(error as Error).message}`)
  }
  const indexOf = indexed.indexOf
  return {
    definition,
    regex,
    fast: new RegExp(indexed.source, 'u'),
    guard: definition.guard,
    inState: definition.inState ? new Set(definition.inState) : undefined,
    build: makeBuilder(definition, parseTime, nulls, { indexOf, outer }),
    read: (g, name) => {
      const i = indexOf.get(name)
      return i === undefined ? undefined : (g as RegExpExecArray)[i]
    },
  }
}

const notFtpEntry = namedEntry(NOT_FTP)
const markerEntry = namedEntry(MARKER)

function freshContext(): LineContext {
  return { state: 'start', date: undefined, row: undefined, json: undefined, jsonChars: 0 }
}

function compileUnit(definition: LogFormatDefinition, time: TimeContext): Unit {
  const name = definition.name
  const parserFor = (t: LogFormatDefinition['timestamp']): TimestampParser | undefined =>
    t ? createTimestampParserChain([t.format, ...t.also], t.zone, time) : undefined
  const defaultParser = parserFor(definition.timestamp)
  const hasTimeGroup = (re: RegExp): boolean => re.source.includes('(?<time>')
  // Groups a wrapper or a syslog/journal envelope may hand to the patterns of wrapped lines.
  const outerFields = new Set<string>(ENVELOPE_OUTER_FIELDS)
  for (const w of definition.wrappers) for (const g of groupNames(expand(w.regex, definition.defines, name))) outerFields.add(g)
  for (const e of bundledEnvelopes().text) for (const g of groupNames(e.regex)) outerFields.add(g)

  const entries: Entry[] = definition.patterns.map((p) => {
    const regex = compileRegex(p.regex, definition.defines, `log format ${name}, pattern ${p.id}`)
    const parser = p.timestamp ? parserFor(p.timestamp) : defaultParser
    if (hasTimeGroup(regex) && !parser) {
      throw new InvalidDefinitionError(`log format ${name}, pattern ${p.id}: captures <time> but no timestamp layout is defined`)
    }
    return indexedEntry(p, regex, parser, undefined, p.applies.includes('wrapped') ? outerFields : NO_FIELDS)
  })
  const wrappers = definition.wrappers.map((w) => {
    const regex = compileRegex(w.regex, definition.defines, `log format ${name}, wrapper ${w.id}`)
    const parser = w.timestamp ? parserFor(w.timestamp) : defaultParser
    if (hasTimeGroup(regex) && !parser) {
      throw new InvalidDefinitionError(`log format ${name}, wrapper ${w.id}: captures <time> but no timestamp layout is defined`)
    }
    return { regex, parser }
  })
  const bare = entries.filter((e) => e.definition.applies.includes('bare'))
  const wrapped = entries.filter((e) => e.definition.applies.includes('wrapped'))
  if ((wrappers.length > 0 || definition.syslog) && wrapped.length === 0) {
    throw new InvalidDefinitionError(`log format ${name}: has wrappers or syslog programs but no pattern applies to wrapped lines`)
  }

  let columns: ColumnsRuntime | undefined
  if (definition.columns) {
    const c = definition.columns
    const parser = c.timestamp ? parserFor(c.timestamp) : defaultParser
    let header: RegExp
    try {
      header = new RegExp(c.header, 'u')
    } catch (error) {
      throw new InvalidDefinitionError(`log format ${name}, columns header: regex does not compile: ${(error as Error).message}`)
    }
    if (!c.header.includes('(?<columns>')) throw new InvalidDefinitionError(`log format ${name}, columns header: needs a (?<columns>…) group`)
    const headerDef = synthetic(`${c.id}-header`, 'meta', false)
    const rowDef = patternSchema.parse({ id: c.id, regex: '^$', kind: c.kind, set: c.set, map: c.map })
    const nulls = new Set(c.nulls)
    const cache = new Map<string, Entry>()
    columns = {
      def: c,
      header,
      headerEntry: namedEntry(headerDef, undefined, header),
      rowFor(list) {
        const key = list.join('\u0000')
        let entry = cache.get(key)
        if (!entry) {
          const regex = compileRegex(buildRowRegex(list, c), definition.defines, `log format ${name}, columns ${c.id}`)
          entry = indexedEntry(rowDef, regex, parser, nulls, NO_FIELDS)
          if (cache.size > 16) cache.clear()
          cache.set(key, entry)
        }
        return entry
      },
    }
  }

  let json: JsonRuntime | undefined
  if (definition.json) {
    const j = definition.json
    const parser = j.timestamp ? parserFor(j.timestamp) : defaultParser
    const def = patternSchema.parse({ id: j.id, regex: '^$', kind: j.kind, set: j.set, map: j.map })
    const part = synthetic(`${j.id}-part`, 'meta', true)
    json = {
      def: j,
      entry: namedEntry(def, parser),
      partEntry: namedEntry(part),
    }
  }

  return { def: definition, bare, wrapped, wrappers, columns, json, ctx: freshContext() }
}

/**
 * The row regex for a header's columns: each mapped column becomes a named group (or its regex
 * fragment), the others a plain cell; columns after the last mapped one are optional, so rows cut
 * short still match.
 */
function buildRowRegex(list: readonly string[], c: ColumnsDefinition): string {
  const sep = c.separator === 'tab' ? '\\t' : ' '
  const cell = c.separator === 'tab' ? '[^\\t]*' : '[^ ]*'
  const reserved = new Set<string>()
  for (const col of list) {
    const f = c.fields[col]
    if (typeof f === 'string') reserved.add(f)
  }
  let last = -1
  list.forEach((col, i) => {
    if (c.fields[col] !== undefined) last = i
  })
  const used = new Set<string>()
  const parts: string[] = []
  for (let i = 0; i <= last; i++) {
    const f = c.fields[list[i]!]
    if (f === undefined) parts.push(cell)
    else if (typeof f === 'string') {
      if (used.has(f)) parts.push(cell)
      else {
        used.add(f)
        parts.push(`(?<${f}>${cell})`)
      }
    } else {
      const fragment = f.regex.replace(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g, (all, g: string) => {
        if (used.has(g) || reserved.has(g)) return '(?:'
        used.add(g)
        return all
      })
      parts.push(`(?:${fragment})`)
    }
  }
  const tail = last < list.length - 1 ? `(?:${sep}.*)?` : ''
  return `^${parts.join(sep)}${tail}${c.separator === 'space' ? ' *' : ''}$`
}

const NO_FIELDS: ReadonlySet<string> = new Set()

/** The groups a journal JSON envelope fills for the wrapped message (see `viaEnvelope`). */
const ENVELOPE_OUTER_FIELDS = ['program', 'session', 'host', 'time'] as const

function groupNames(source: string): Set<string> {
  return new Set([...source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!))
}

function compileRegex(regex: string, defines: Record<string, string>, owner: string): RegExp {
  const source = expand(regex, defines, owner)
  let compiled: RegExp
  try {
    compiled = new RegExp(source, 'u')
  } catch (error) {
    throw new InvalidDefinitionError(`${owner}: regex does not compile: ${(error as Error).message}`)
  }
  for (const g of source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)) {
    if (!(FIELD_NAMES as readonly string[]).includes(g[1]!)) {
      throw new InvalidDefinitionError(`${owner}: unknown named group <${g[1]}>`)
    }
  }
  return compiled
}

/** Scratch for {@link find}'s result, one per compiled log format. */
interface Found {
  entry: Entry
  m: RegExpExecArray | undefined
}

/** The first entry of `list` (allowed in the current state, guard present) whose regex matches `text`; fills and returns `out`. */
function find(list: readonly Entry[], text: string, ctx: LineContext, out: Found): { readonly entry: Entry; readonly m: RegExpExecArray } | undefined {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!
    if (entry.inState !== undefined && !entry.inState.has(ctx.state)) continue
    if (entry.guard !== undefined && !text.includes(entry.guard)) continue
    const m = entry.fast!.exec(text)
    if (m) {
      out.entry = entry
      out.m = m
      return out as { entry: Entry; m: RegExpExecArray }
    }
  }
  return undefined
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

function jsonGroups(obj: Record<string, unknown>, def: JsonRecordsDefinition): Groups | undefined {
  for (const key of def.require) if (!(key in obj)) return undefined
  const groups: Groups = {}
  for (const [key, field] of Object.entries(def.fields)) {
    const v = scalar(obj[key])
    if (v !== undefined && groups[field] === undefined) groups[field] = v
  }
  return groups
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

type Getter = (g: Captures, outer: Groups | undefined) => string | undefined

/**
 * How one record field is read for one pattern: straight from capture `index` of the indexed
 * match (-1: the pattern has no such group), or through `slow` when constants, value maps, null
 * markers, outer groups or a groups object are involved. Every plan has this one shape, so
 * {@link read} stays monomorphic and V8 inlines it; calling a different closure per field and
 * pattern made each call site megamorphic.
 */
interface FieldPlan {
  readonly index: number
  readonly slow: Getter | undefined
}

function read(fp: FieldPlan, g: Captures, outer: Groups | undefined): string | undefined {
  if (fp.slow !== undefined) return fp.slow(g, outer)
  return fp.index < 0 ? undefined : (g as RegExpExecArray)[fp.index]
}

/**
 * Builds the record maker of one pattern. Each field gets a {@link FieldPlan} once: most fields
 * are absent or "read capture i"; only fields with constants, maps, null markers or outer groups
 * take the general path. No closure is created per line.
 * @param fields where the pattern's groups sit in its indexed match, and the group names an
 *   outer wrapper or envelope can add; `undefined` when captures are a groups object in which any
 *   field may be present (JSON records, synthetic entries).
 */
function makeBuilder(
  p: PatternDefinition,
  parseTime: TimestampParser | undefined,
  nulls: ReadonlySet<string> | undefined,
  fields?: { readonly indexOf: ReadonlyMap<string, number>; readonly outer: ReadonlySet<string> },
): Builder {
  const kind: RecordKind = p.kind
  const set = p.set as Partial<Record<FieldName, string>>
  const map = p.map as Partial<Record<FieldName, Record<string, string>>>
  const clientSide = p.clientSide
  // Field f of the line's own captures, with no constants, maps or outer groups.
  const own = (f: FieldName): FieldPlan => {
    if (fields === undefined) return { index: -1, slow: (g) => (g as Groups)[f] }
    return { index: fields.indexOf.get(f) ?? -1, slow: undefined }
  }
  const plan = (f: FieldName): FieldPlan => {
    const inner = own(f)
    const inOuter = fields === undefined || fields.outer.has(f)
    const constant = set[f]
    const table = map[f]
    if (!inOuter && constant === undefined && table === undefined && nulls === undefined) return inner
    return {
      index: -1,
      slow: (g, outer) => {
        let raw = read(inner, g, outer)
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
  return (g, outer, outerTime, lineNo, ctx) => {
    let verb = read(gVerb, g, outer)
    let arg = read(gArg, g, outer)
    if (verb === undefined) {
      const command = read(gCommand, g, outer)
      if (command !== undefined) {
        const space = command.indexOf(' ')
        verb = space === -1 ? command : command.slice(0, space)
        arg = space === -1 ? undefined : command.slice(space + 1)
      }
    }
    let code: number | undefined
    let sep: '-' | ' ' | undefined
    let text = read(gText, g, outer)
    const reply = read(gReply, g, outer)
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
      const c = read(gCode, g, outer)
      if (c !== undefined && c.length === 3 && c >= '100' && c <= '699') {
        code = Number(c)
        sep = ' '
      }
    }
    let timeValue: number | undefined
    const timeText = read(gOwnTime, g, undefined)
    const ownTime = timeText !== undefined && !nulls?.has(timeText) ? timeText : undefined
    if (ownTime !== undefined && parseTime) {
      const dateText = read(gOwnDate, g, undefined)
      const date = dateText !== undefined && !nulls?.has(dateText) ? dateText : undefined
      timeValue = parseTime(date !== undefined ? `${date} ${ownTime}` : ownTime)
      // A time-only row after a `#Date:` header: date it by the header.
      if (timeValue === undefined && date === undefined && ctx.date !== undefined) timeValue = parseTime(`${ctx.date} ${ownTime}`)
    } else if (outer?.time !== undefined && outerTime) timeValue = outerTime(outer.time)
    const okText = read(gOk, g, outer)
    const direction = read(gDirection, g, outer)
    const status = read(gStatus, g, outer)
    return {
      kind,
      line: lineNo,
      time: timeValue,
      session: emptyToUndefined(read(gSession, g, outer)) ?? '',
      host: emptyToUndefined(read(gHost, g, outer)),
      client: normaliseClient(read(gClient, g, outer)),
      user: emptyToUndefined(read(gUser, g, outer)),
      verb: verb?.toUpperCase(),
      arg,
      code,
      sep,
      text,
      message: read(gMessage, g, outer)?.trimEnd(),
      file: emptyToUndefined(read(gFile, g, outer)),
      bytes: toNumber(read(gBytes, g, outer)),
      seconds: toNumber(read(gSeconds, g, outer)),
      direction: direction === 'in' || direction === 'out' || direction === 'delete' ? (direction as TransferDirection) : undefined,
      status: status === 'complete' || status === 'incomplete' ? (status as TransferStatus) : undefined,
      ok: okText === 'yes' ? true : okText === 'no' ? false : undefined,
      action: read(gAction, g, outer),
      clientSide,
      win32Status: toNumber(read(gWin32, g, outer)),
      subStatus: toNumber(read(gSubstatus, g, outer)),
    }
  }
}

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
