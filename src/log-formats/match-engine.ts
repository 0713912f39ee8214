import type { TimestampParser } from '../time/timestamp-parser.js'
import type { FormatUnit } from './compile-unit.js'
import type { PatternEntry } from './pattern-entry.js'
import type { Captures, Groups } from './record-builder.js'

/**
 * Mutable line context of one log format within one input: what earlier lines decided about the
 * next ones. Starts as {@link freshLineContext}.
 */
export interface LineContext {
  /** Trace state (`start`, then what a pattern's `enterState` set). */
  state: string
  /** The date of the last `keepDate` line (a W3C `#Date:` header). */
  date: string | undefined
  /** The row entry compiled for the last `#Fields:` / `#fields` header. */
  row: PatternEntry | undefined
  /** Lines of a JSON object printed over several lines, while it is open. */
  json: string[] | undefined
  /** Characters in `json`. */
  jsonChars: number
}

/** The context of a log format before its first line. */
export function freshLineContext(): LineContext {
  return { state: 'start', date: undefined, row: undefined, json: undefined, jsonChars: 0 }
}

/**
 * The line just matched: which entry, its captures, the wrapper's or envelope's groups and time
 * parser, and the log format (unit) the entry belongs to. One object per compiled log format is
 * reused for every line (`parse` and `match` consume it before the next line), so matching
 * allocates nothing of its own; functions that match return it filled, or `undefined`.
 */
export interface LineMatch {
  entry: PatternEntry
  groups: Captures
  outer: Groups | undefined
  outerTime: TimestampParser | undefined
  unit: FormatUnit
}

/** Fills `out` and returns it. */
export function fillMatch(
  out: LineMatch,
  entry: PatternEntry,
  groups: Captures,
  outer: Groups | undefined,
  outerTime: TimestampParser | undefined,
  unit: FormatUnit,
): LineMatch {
  out.entry = entry
  out.groups = groups
  out.outer = outer
  out.outerTime = outerTime
  out.unit = unit
  return out
}

/**
 * The first entry of `list` that applies in `unit`'s current state, whose guard `text` contains
 * and whose regex matches `text` (lnav's "first pattern wins").
 * @param outer, outerTime the wrapper's or envelope's groups and time parser around `text`, if any.
 * @returns `out`, filled, or `undefined` (then `out` is unchanged).
 */
export function matchFirst(
  list: readonly PatternEntry[],
  text: string,
  unit: FormatUnit,
  outer: Groups | undefined,
  outerTime: TimestampParser | undefined,
  out: LineMatch,
): LineMatch | undefined {
  const state = unit.ctx.state
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!
    if (entry.inState !== undefined && !entry.inState.has(state)) continue
    if (entry.guard !== undefined && !text.includes(entry.guard)) continue
    const m = entry.fast!.exec(text)
    if (m) return fillMatch(out, entry, m, outer, outerTime, unit)
  }
  return undefined
}

/** Moves the matched unit's line context on: the pattern's `enterState`, a `keepDate` pattern's date. */
export function advanceContext(match: LineMatch): void {
  const p = match.entry.definition
  const ctx = match.unit.ctx
  if (p.enterState !== undefined) ctx.state = p.enterState
  if (p.keepDate) {
    const date = match.entry.read(match.groups, 'date')
    if (date !== undefined) ctx.date = date
  }
}
