import type { LogRecord } from '../model/log-record.js'
import type { TimeContext } from '../time/timestamp-parser.js'
import { bundledLogFormats } from './bundled-log-formats.js'
import { matchColumns } from './columns.js'
import { compileUnit, type FormatUnit } from './compile-unit.js'
import type { EnvelopesData } from './envelope-schema.js'
import { bundledEnvelopes } from './envelopes.js'
import { continueJsonRecord, matchJsonRecord } from './json-records.js'
import { advanceContext, fillMatch, freshLineContext, matchFirst, type LineMatch } from './match-engine.js'
import { NO_GROUPS, NOT_FTP_ENTRY } from './pattern-entry.js'
import type { LogFormatDefinition, PatternDefinition } from './schema.js'
import { compileEnvelopes, unwrapEnvelope, type EnvelopeRuntime } from './unwrap-envelope.js'

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
  /** The pattern that matched (synthetic for header rows, JSON records and other programs' lines). */
  readonly pattern: PatternDefinition
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

/**
 * Compiles a log format: expands `{{NAME}}` fragments, compiles every pattern, wrapper and
 * envelope (flag `u`) and checks that each uses only known named groups.
 *
 * A line is tried, in this order: the rest of a JSON object being read over several lines; a
 * `columns` header or row; the `bare` patterns; a one-line JSON record (or the `{` opening one);
 * the syslog / journal envelopes (for log formats with `syslog.programs` or `dispatch`); the
 * log format's own `wrappers`, then its `wrapped` patterns. The first that matches wins.
 * @throws InvalidDefinitionError naming the log format and pattern at fault.
 */
export function compileLogFormat(definition: LogFormatDefinition, time: TimeContext, options: CompileOptions = {}): CompiledLogFormat {
  const envelopes = options.envelopes ?? bundledEnvelopes()
  const top = compileUnit(definition, time, envelopes)
  const programs = programUnits(definition, top, time, envelopes, options.definitions)
  const enveloped: EnvelopeRuntime | undefined = programs.size > 0 ? compileEnvelopes(envelopes, definition.defines, definition.name, time) : undefined
  const units = new Set<FormatUnit>([top, ...programs.values()])
  const scratch: LineMatch = { entry: NOT_FTP_ENTRY, groups: NO_GROUPS, outer: undefined, outerTime: undefined, unit: top }

  const matchLine = (line: string): LineMatch | undefined => {
    const json = top.json
    if (json && top.ctx.json) return continueJsonRecord(json, line, top, scratch)
    if (top.columns) {
      const row = matchColumns(top.columns, line, top, scratch)
      if (row) return row
    }
    const direct = matchFirst(top.bare, line, top, undefined, undefined, scratch)
    if (direct) return direct
    if (json) {
      const record = matchJsonRecord(json, line, top, scratch)
      if (record) return record
    }
    if (enveloped) {
      const inner = unwrapEnvelope(line, enveloped, programs, top, scratch)
      if (inner) return inner
      if (inner === null) return undefined
    }
    for (const w of top.wrappers) {
      const outer = w.regex.exec(line)
      if (!outer) continue
      const inner = matchFirst(top.wrapped, line.slice(outer[0].length), top, outer.groups ?? {}, w.parser, scratch)
      if (inner) return inner
    }
    return undefined
  }

  return {
    definition,
    ...listPatterns(units, enveloped),
    parse(line, lineNo) {
      const m = matchLine(line)
      if (!m) return undefined
      advanceContext(m)
      const record = m.entry.build(m.groups, m.outer, m.outerTime, lineNo, m.unit.ctx.date)
      const rest = m.entry.readRest(m.groups)
      return { record, rest: rest !== undefined && rest.length > 0 ? rest : undefined, definition: m.unit.def, pattern: m.entry.definition }
    },
    match(line) {
      const m = matchLine(line)
      if (!m) return undefined
      advanceContext(m)
      return m.entry.definition
    },
    reset() {
      for (const unit of units) Object.assign(unit.ctx, freshLineContext())
      fillMatch(scratch, NOT_FTP_ENTRY, NO_GROUPS, undefined, undefined, top)
    },
  }
}

/**
 * Program name → the unit that parses its enveloped lines: for a container, every non-container
 * log format with `syslog.programs` (the first to claim a program keeps it); otherwise the log
 * format's own programs. Empty when the log format reads no envelopes.
 */
function programUnits(
  definition: LogFormatDefinition,
  top: FormatUnit,
  time: TimeContext,
  envelopes: EnvelopesData,
  definitions: readonly LogFormatDefinition[] | undefined,
): Map<string, FormatUnit> {
  const programs = new Map<string, FormatUnit>()
  if (definition.dispatch) {
    for (const d of definitions ?? bundledLogFormats()) {
      if (d.dispatch || !d.syslog) continue
      const unit = d === definition ? top : compileUnit(d, time, envelopes)
      for (const p of d.syslog.programs) if (!programs.has(p)) programs.set(p, unit)
    }
  } else if (definition.syslog) {
    for (const p of definition.syslog.programs) programs.set(p, top)
  }
  return programs
}

/** The compiled patterns and wrappers of every unit, then the envelopes', for tools and ReDoS checks. */
function listPatterns(units: ReadonlySet<FormatUnit>, enveloped: EnvelopeRuntime | undefined): { patterns: CompiledPattern[]; wrappers: RegExp[] } {
  const patterns: CompiledPattern[] = []
  const wrappers: RegExp[] = []
  for (const unit of units) {
    for (const e of [...unit.bare, ...unit.wrapped]) if (e.regex && !patterns.some((p) => p.regex === e.regex)) patterns.push({ definition: e.definition, regex: e.regex })
    for (const w of unit.wrappers) wrappers.push(w.regex)
    if (unit.columns) patterns.push({ definition: unit.columns.headerEntry.definition, regex: unit.columns.header })
  }
  if (enveloped) {
    for (const e of enveloped.text) wrappers.push(e.regex)
    wrappers.push(...enveloped.markers)
  }
  return { patterns, wrappers }
}
