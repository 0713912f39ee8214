import { InvalidDefinitionError } from '../errors.js'
import type { TimestampParser } from '../time/timestamp-parser.js'
import type { FormatUnit } from './compile-unit.js'
import { compilePattern } from './expand-pattern.js'
import { fillMatch, type LineMatch } from './match-engine.js'
import { indexedEntry, namedEntry, NO_FIELDS, NO_GROUPS, syntheticPattern, type PatternEntry } from './pattern-entry.js'
import type { ColumnsDefinition } from './schema.js'

/** A compiled header-driven row layout (W3C extended log `#Fields:`, Zeek `#fields`). */
export interface ColumnsRuntime {
  readonly def: ColumnsDefinition
  readonly header: RegExp
  /** Reported for header lines: `<id>-header`, kind `meta`. */
  readonly headerEntry: PatternEntry
  /** The row entry for a header's column list (compiled once per distinct list, cached). */
  rowFor(columns: readonly string[]): PatternEntry
}

/** Distinct column lists kept compiled per log format; the cache is emptied past this. */
const ROW_CACHE_SIZE = 16

/**
 * Compiles a log format's `columns` layout.
 * @param defines, formatName the log format's regex fragments and name (for fragments in column regexes and errors).
 * @param parseTime the rows' timestamp parser, if any.
 * @throws InvalidDefinitionError naming the log format when the header regex does not compile or
 *   lacks its `(?<columns>…)` group; later, from `rowFor`, when a column fragment is invalid.
 */
export function compileColumns(
  c: ColumnsDefinition,
  defines: Readonly<Record<string, string>>,
  formatName: string,
  parseTime: TimestampParser | undefined,
): ColumnsRuntime {
  let header: RegExp
  try {
    header = new RegExp(c.header, 'u')
  } catch (error) {
    throw new InvalidDefinitionError(`log format ${formatName}, columns header: regex does not compile: ${(error as Error).message}`)
  }
  if (!c.header.includes('(?<columns>')) throw new InvalidDefinitionError(`log format ${formatName}, columns header: needs a (?<columns>…) group`)
  const headerDef = syntheticPattern(`${c.id}-header`, 'meta', { weak: false })
  const rowDef = syntheticPattern(c.id, c.kind, { set: c.set, map: c.map })
  const nulls = new Set(c.nulls)
  const cache = new Map<string, PatternEntry>()
  return {
    def: c,
    header,
    headerEntry: namedEntry(headerDef, undefined, header),
    rowFor(list) {
      const key = list.join('\u0000')
      let entry = cache.get(key)
      if (!entry) {
        const regex = compilePattern(buildRowRegex(list, c), defines, `log format ${formatName}, columns ${c.id}`)
        entry = indexedEntry(rowDef, regex, parseTime, nulls, NO_FIELDS)
        if (cache.size > ROW_CACHE_SIZE) cache.clear()
        cache.set(key, entry)
      }
      return entry
    },
  }
}

/**
 * Matches a line against `unit`'s columns: a header line sets the row layout in the unit's line
 * context and matches as the header entry; a data row matches the current row layout.
 * @returns `out`, filled, or `undefined` when the line is neither (or no header came yet).
 */
export function matchColumns(columns: ColumnsRuntime, line: string, unit: FormatUnit, out: LineMatch): LineMatch | undefined {
  const h = columns.header.exec(line)
  if (h) {
    const list = (h.groups?.columns ?? '').trim().split(columns.def.separator === 'tab' ? '\t' : / +/)
    unit.ctx.row = columns.rowFor(list)
    return fillMatch(out, columns.headerEntry, NO_GROUPS, undefined, undefined, unit)
  }
  const row = unit.ctx.row
  if (row) {
    const m = row.fast!.exec(line)
    if (m) return fillMatch(out, row, m, undefined, undefined, unit)
  }
  return undefined
}

/**
 * The row regex for a header's columns: each mapped column becomes a named group (or its regex
 * fragment), the others a plain cell; columns after the last mapped one are optional, so rows cut
 * short still match. A field filled by two columns goes to a plain mapping over a fragment, then
 * to the leftmost column.
 * @returns regex source, anchored, with `{{NAME}}` fragments not yet expanded.
 */
export function buildRowRegex(list: readonly string[], c: Pick<ColumnsDefinition, 'separator' | 'fields'>): string {
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
