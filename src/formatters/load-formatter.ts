import type { Report } from '../report/report-schema.js'
import type { FormatContext, Formatter } from './types.js'

/**
 * A formatter loaded for use: `whole` makes its text in one string; `pieces`, when the formatter
 * has it (json, ndjson), makes the same text piece by piece, so a large report is written without
 * its whole text in memory (joined, the pieces are exactly `whole`'s text).
 */
export interface LoadedFormatter {
  readonly whole: Formatter
  readonly pieces?: ((report: Report, ctx: FormatContext) => Iterable<string>) | undefined
}

/**
 * Each built-in formatter's module, loaded with `import()` when a run writes it: a JSON report
 * does not load the text formatter's terminal-width code (string-width, `Intl.Segmenter`) or the
 * HTML one. The keys are the `-f` values, in the order help and errors list them; `FORMATTERS`
 * (registry.ts) holds the same formatters for library callers.
 */
const LOADERS = {
  text: async () => ({ whole: (await import('./text.js')).text }),
  json: async () => {
    const m = await import('./json.js')
    return { whole: m.json, pieces: m.jsonChunks }
  },
  markdown: async () => ({ whole: (await import('./markdown.js')).markdown }),
  junit: async () => ({ whole: (await import('./junit.js')).junit }),
  github: async () => ({ whole: (await import('./github.js')).github }),
  ndjson: async () => {
    const m = await import('./ndjson.js')
    return { whole: m.ndjson, pieces: m.ndjsonLines }
  },
  csv: async () => ({ whole: (await import('./csv.js')).csv }),
  'csv-transfers': async () => ({ whole: (await import('./csv.js')).csvTransfers }),
  html: async () => ({ whole: (await import('./html.js')).html }),
  offenders: async () => ({ whole: (await import('./offenders.js')).offenders }),
} as const satisfies Record<string, () => Promise<LoadedFormatter>>

/** A built-in formatter's name: a `-f` value. */
export type FormatterName = keyof typeof LOADERS

/** Every built-in formatter's name, in the order help and errors list them. */
export const FORMATTER_NAMES = Object.keys(LOADERS) as readonly FormatterName[]

/** Whether `name` is a built-in formatter's name. */
export function isFormatterName(name: string): name is FormatterName {
  return Object.hasOwn(LOADERS, name)
}

/** Loads the formatter called `name` (its module, on first use). */
export function loadFormatter(name: FormatterName): Promise<LoadedFormatter> {
  return LOADERS[name]()
}
