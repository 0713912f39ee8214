import type { Catalog } from '../catalog/catalog.js'
import type { ServerFamily } from '../model/server-family.js'
import type { ReplyRegistry } from '../replies/reply-registry.js'
import type { ReplyStatus } from '../replies/schema.js'
import { serverMessageFacts, type ServerMessageFacts } from './code-facts.js'

/** One row of `ftplog codes`. */
export interface CodeRow {
  readonly code: string
  readonly classDigit: number
  readonly classLabel: string
  readonly shortName: string
  /** RFCs cited by the entry or its variants, ascending. */
  readonly rfcs: readonly number[]
  readonly status: ReplyStatus
}

/** Filters of {@link listCodes}; each one given narrows the list. */
export interface CodeFilter {
  /** First digit, 1–6. */
  readonly classDigit?: number | undefined
  /** Only codes citing this RFC (in the entry or a variant). */
  readonly rfc?: number | undefined
}

/** The registry as table rows, ordered by code. */
export function listCodes(registry: ReplyRegistry, filter: CodeFilter = {}): CodeRow[] {
  const rows: CodeRow[] = []
  for (const e of registry.entries) {
    const d = registry.describe(e.code)!
    const rfcs = [...new Set([...e.sources, ...e.variants.flatMap((v) => v.sources)].flatMap((s) => (s.rfc !== undefined ? [s.rfc] : [])))].sort((x, y) => x - y)
    if (filter.classDigit !== undefined && d.classDigit !== filter.classDigit) continue
    if (filter.rfc !== undefined && !rfcs.includes(filter.rfc)) continue
    rows.push({ code: e.code, classDigit: d.classDigit, classLabel: d.classLabel, shortName: e.shortName, rfcs, status: e.status })
  }
  return rows
}

/**
 * A server family's catalog entries (replies first by code, then log messages), optionally only
 * those whose code is in one class.
 */
export function listServerMessages(catalog: Catalog, server: ServerFamily, filter: Pick<CodeFilter, 'classDigit'> = {}): ServerMessageFacts[] {
  const entries = catalog.entries.filter((m) => m.server === server)
  const byCode = (x: number | null) => (x === null ? 1000 : x)
  return entries
    .filter((m) => filter.classDigit === undefined || (m.code !== null && Math.floor(m.code / 100) === filter.classDigit))
    .map((m, i) => ({ m, i }))
    .sort((x, y) => byCode(x.m.code) - byCode(y.m.code) || x.i - y.i)
    .map(({ m }) => serverMessageFacts(catalog, m))
}
