import { InvalidDefinitionError } from '../errors.js'
import { createTimestampParserChain, type TimeContext, type TimestampParser } from '../time/timestamp-parser.js'
import { compileColumns, type ColumnsRuntime } from './columns.js'
import type { EnvelopesData } from './envelope-schema.js'
import { compilePattern, expandFragments, groupNames } from './expand-pattern.js'
import { compileJsonRecords, type JsonRecordsRuntime } from './json-records.js'
import { freshLineContext, type LineContext } from './match-engine.js'
import { indexedEntry, NO_FIELDS, type PatternEntry } from './pattern-entry.js'
import type { LogFormatDefinition } from './schema.js'
import { ENVELOPE_OUTER_FIELDS } from './unwrap-envelope.js'

/**
 * One log format compiled for matching, with its own line context. A compiled log format holds
 * one unit, or for a container (`dispatch`) one per log format its programs belong to.
 */
export interface FormatUnit {
  readonly def: LogFormatDefinition
  /** Entries for lines as the program writes them, in definition order. */
  readonly bare: readonly PatternEntry[]
  /** Entries for the rest of a line after a wrapper or envelope, in definition order. */
  readonly wrapped: readonly PatternEntry[]
  readonly wrappers: readonly { readonly regex: RegExp; readonly parser: TimestampParser | undefined }[]
  readonly columns: ColumnsRuntime | undefined
  readonly json: JsonRecordsRuntime | undefined
  readonly ctx: LineContext
}

/**
 * Compiles a log format's patterns, wrappers, columns and JSON records (not the envelopes, which
 * the compiled log format shares between its units).
 * @param envelopes the envelopes whose groups may reach `wrapped` patterns.
 * @throws InvalidDefinitionError naming the log format and pattern at fault: a bad regex or
 *   fragment, an unknown named group, `<time>` without a timestamp layout, wrappers or syslog
 *   programs without a `wrapped` pattern.
 */
export function compileUnit(definition: LogFormatDefinition, time: TimeContext, envelopes: EnvelopesData): FormatUnit {
  const name = definition.name
  const parserFor = (t: LogFormatDefinition['timestamp']): TimestampParser | undefined =>
    t ? createTimestampParserChain([t.format, ...t.also], t.zone, time) : undefined
  const defaultParser = parserFor(definition.timestamp)
  const hasTimeGroup = (re: RegExp): boolean => re.source.includes('(?<time>')
  // Groups a wrapper or a syslog/journal envelope may hand to the patterns of wrapped lines.
  const outerFields = new Set<string>(ENVELOPE_OUTER_FIELDS)
  for (const w of definition.wrappers) for (const g of groupNames(expandFragments(w.regex, definition.defines, `log format ${name}, wrapper ${w.id}`))) outerFields.add(g)
  for (const e of envelopes.text) for (const g of groupNames(e.regex)) outerFields.add(g)

  const entries = definition.patterns.map((p) => {
    const regex = compilePattern(p.regex, definition.defines, `log format ${name}, pattern ${p.id}`)
    const parser = p.timestamp ? parserFor(p.timestamp) : defaultParser
    if (hasTimeGroup(regex) && !parser) {
      throw new InvalidDefinitionError(`log format ${name}, pattern ${p.id}: captures <time> but no timestamp layout is defined`)
    }
    return indexedEntry(p, regex, parser, undefined, p.applies.includes('wrapped') ? outerFields : NO_FIELDS)
  })
  const wrappers = definition.wrappers.map((w) => {
    const regex = compilePattern(w.regex, definition.defines, `log format ${name}, wrapper ${w.id}`)
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
  const c = definition.columns
  const columns = c ? compileColumns(c, definition.defines, name, c.timestamp ? parserFor(c.timestamp) : defaultParser) : undefined
  const j = definition.json
  const json = j ? compileJsonRecords(j, j.timestamp ? parserFor(j.timestamp) : defaultParser) : undefined
  return { def: definition, bare, wrapped, wrappers, columns, json, ctx: freshLineContext() }
}
