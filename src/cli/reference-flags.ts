import { UsageError } from '../errors.js'
import { HEADING_LANGS, isHeadingLang, type HeadingLang } from '../explain/heading-keys.js'
import { isReferenceFormatter, REFERENCE_FORMATTERS, type ReferenceFormatter } from '../explain/render-reference.js'
import { SERVER_FAMILIES, type ServerFamily } from '../model/server-family.js'

/** Flags shared by `explain`, `compare` and `codes`. */
export interface ReferenceFlags {
  formatter: string
  lang?: string
}

/** Checks `-f`. @throws UsageError naming the choices. */
export function parseReferenceFormatter(value: string): ReferenceFormatter {
  if (isReferenceFormatter(value)) return value
  throw new UsageError(`-f: unknown formatter ${JSON.stringify(value)} (choose ${REFERENCE_FORMATTERS.join(', ')})`)
}

/** Checks `--lang`. @throws UsageError naming the choices. */
export function parseLang(value: string | undefined): HeadingLang {
  if (value === undefined) return 'en'
  if (isHeadingLang(value)) return value
  throw new UsageError(`--lang: unknown language ${JSON.stringify(value)} (choose ${HEADING_LANGS.join(', ')})`)
}

/** Checks `--server`. @throws UsageError naming the server families. */
export function parseServer(value: string | undefined): ServerFamily | undefined {
  if (value === undefined) return undefined
  const v = value.toLowerCase()
  if ((SERVER_FAMILIES as readonly string[]).includes(v)) return v as ServerFamily
  throw new UsageError(`--server: unknown server family ${JSON.stringify(value)} (choose ${SERVER_FAMILIES.join(', ')})`)
}
