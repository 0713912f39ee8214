import { csv, csvTransfers } from './csv.js'
import { github } from './github.js'
import { html } from './html.js'
import { json } from './json.js'
import { junit } from './junit.js'
import { markdown } from './markdown.js'
import { ndjson } from './ndjson.js'
import { offenders } from './offenders.js'
import { text } from './text.js'
import type { Formatter } from './types.js'

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
