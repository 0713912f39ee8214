import { csv, csvTransfers } from './csv.js'
import { github } from './github.js'
import { html } from './html.js'
import { json, jsonChunks } from './json.js'
import { junit } from './junit.js'
import { markdown } from './markdown.js'
import { ndjson, ndjsonLines } from './ndjson.js'
import { offenders } from './offenders.js'
import { text } from './text.js'
import type { FormatContext, Formatter } from './types.js'
import type { Report } from '../report/report-schema.js'

/** The built-in formatters; the keys are the `-f` values. */
export const FORMATTERS = {
  text,
  json,
  markdown,
  junit,
  github,
  ndjson,
  csv,
  'csv-transfers': csvTransfers,
  html,
  offenders,
} as const satisfies Record<string, Formatter>

export type FormatterName = keyof typeof FORMATTERS

/**
 * The formatters whose output can be made piece by piece, for writing a large report without its
 * whole text in memory: joined, the pieces are exactly the formatter's text. The others are
 * written in one piece.
 */
export const FORMATTER_CHUNKS: Partial<Record<FormatterName, (report: Report, ctx: FormatContext) => Iterable<string>>> = {
  json: jsonChunks,
  ndjson: ndjsonLines,
}
