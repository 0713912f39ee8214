import { json } from './json.js'
import { text } from './text.js'
import type { Formatter } from './types.js'

/** The built-in formatters; the keys are the `-f` values. */
export const FORMATTERS = {
  text,
  json,
} as const satisfies Record<string, Formatter>

export type FormatterName = keyof typeof FORMATTERS

/** One line per formatter for `--help` and the README. */
export const FORMATTER_DESCRIPTIONS: Record<FormatterName, string> = {
  text: 'human report for a terminal: verdict, incidents with advice, figures (default)',
  json: 'the versioned JSON report (see `ftplog schema`)',
}
