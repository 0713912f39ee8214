import { bundledHeadings } from './bundled-headings.js'
import type { HeadingLang, Headings } from './heading-keys.js'

let parsed: ReturnType<typeof bundledHeadings> | undefined

/**
 * The headings of one language, loaded on first use. The body text of `explain` and
 * `compare` stays English; only these headings change.
 * @throws InvalidDefinitionError when the bundled headings fail their schema (a packaging bug).
 */
export function headingsFor(lang: HeadingLang): Headings {
  parsed ??= bundledHeadings()
  return parsed.headings[lang]
}
