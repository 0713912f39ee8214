import type { TimestampParser } from '../time/timestamp-parser.js'
import type { FormatUnit } from './compile-unit.js'
import { fillMatch, type LineMatch } from './match-engine.js'
import { namedEntry, NO_GROUPS, syntheticPattern, type PatternEntry } from './pattern-entry.js'
import type { Groups } from './record-builder.js'
import type { JsonRecordsDefinition } from './schema.js'

/** A compiled JSON-records layout (Zeek JSON logs). */
export interface JsonRecordsRuntime {
  readonly def: JsonRecordsDefinition
  /** Reported for a complete record. */
  readonly entry: PatternEntry
  /** Reported for the lines of an object printed over several lines: `<id>-part`, kind `meta`, weak. */
  readonly partEntry: PatternEntry
}

/** A JSON object spread over more lines than this (or characters) is dropped, so memory stays bounded. */
export const MAX_JSON_LINES = 2000
export const MAX_JSON_CHARS = 256 * 1024

/** Compiles a log format's `json` layout. @param parseTime the records' timestamp parser, if any. */
export function compileJsonRecords(j: JsonRecordsDefinition, parseTime: TimestampParser | undefined): JsonRecordsRuntime {
  const def = syntheticPattern(j.id, j.kind, { set: j.set, map: j.map })
  return { def: j, entry: namedEntry(def, parseTime), partEntry: namedEntry(syntheticPattern(`${j.id}-part`, 'meta', { weak: true })) }
}

/**
 * Matches a line that starts with `{` as a JSON record: a one-line object with the required keys,
 * or (when `multiline`) a lone `{` opening an object that {@link continueJsonRecord} collects.
 * @returns `out`, filled, or `undefined` when the line is not a record of this layout.
 */
export function matchJsonRecord(json: JsonRecordsRuntime, line: string, unit: FormatUnit, out: LineMatch): LineMatch | undefined {
  if (line.charCodeAt(0) !== 123 /* { */) return undefined
  if (json.def.multiline && line.trimEnd() === '{') {
    unit.ctx.json = [line]
    unit.ctx.jsonChars = line.length
    return fillMatch(out, json.partEntry, NO_GROUPS, undefined, undefined, unit)
  }
  const obj = parseJsonObject(line)
  const groups = obj ? jsonGroups(obj, json.def) : undefined
  return groups ? fillMatch(out, json.entry, groups, undefined, undefined, unit) : undefined
}

/**
 * Adds a line to the JSON object open in `unit`'s line context (`ctx.json` must be set). A lone
 * `}` closes it: the object is a record if it parses and has the required keys. An object past
 * {@link MAX_JSON_LINES} or {@link MAX_JSON_CHARS} is dropped.
 * @returns `out` filled with the record or a part line, or `undefined` when the closed object is no record.
 */
export function continueJsonRecord(json: JsonRecordsRuntime, line: string, unit: FormatUnit, out: LineMatch): LineMatch | undefined {
  const ctx = unit.ctx
  const lines = ctx.json!
  lines.push(line)
  ctx.jsonChars += line.length
  if (line.charCodeAt(0) === 125 /* } */ && line.trimEnd() === '}') {
    const obj = parseJsonObject(lines.join('\n'))
    ctx.json = undefined
    const groups = obj ? jsonGroups(obj, json.def) : undefined
    return groups ? fillMatch(out, json.entry, groups, undefined, undefined, unit) : undefined
  }
  if (lines.length > MAX_JSON_LINES || ctx.jsonChars > MAX_JSON_CHARS) ctx.json = undefined
  return fillMatch(out, json.partEntry, NO_GROUPS, undefined, undefined, unit)
}

/** `text` parsed as a JSON object; `undefined` for invalid JSON, arrays and other values. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** A JSON value as field text: strings as they are, numbers and booleans printed, others `undefined`. */
export function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

/**
 * The fields of a JSON record: each key of `def.fields` present with a scalar value fills its
 * field (the first key listed wins when two fill one field).
 * @returns `undefined` when a required key is missing.
 */
export function jsonGroups(obj: Record<string, unknown>, def: Pick<JsonRecordsDefinition, 'require' | 'fields'>): Groups | undefined {
  for (const key of def.require) if (!(key in obj)) return undefined
  const groups: Groups = {}
  for (const [key, field] of Object.entries(def.fields)) {
    const v = scalar(obj[key])
    if (v !== undefined && groups[field] === undefined) groups[field] = v
  }
  return groups
}
