import type { Report } from '../report/report-schema.js'

/** What a formatter may know besides the report. Decided by the caller, never by the formatter. */
export interface FormatContext {
  /** Use ANSI colours (the CLI decides from the terminal, NO_COLOR and --color). */
  readonly color: boolean
  /** Line width to wrap prose at. @default 80 */
  readonly width?: number | undefined
}

/** A formatter: a pure function from a finished report to the text to write. */
export type Formatter = (report: Report, ctx: FormatContext) => string
