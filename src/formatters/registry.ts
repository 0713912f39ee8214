import { csv, csvTransfers } from './csv.js'
import { github } from './github.js'
import { html } from './html.js'
import { json } from './json.js'
import { junit } from './junit.js'
import { markdown } from './markdown.js'
import { ndjson } from './ndjson.js'
import { offenders } from './offenders.js'
import { text } from './text.js'
import type { FormatterName } from './load-formatter.js'
import type { Formatter } from './types.js'

/**
 * The built-in formatters, for library callers; the keys are the `-f` values. The CLI loads only
 * the ones a run writes (`loadFormatter`, load-formatter.ts); the type keeps both lists the same.
 */
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
} as const satisfies Record<FormatterName, Formatter>

export type { FormatterName }
