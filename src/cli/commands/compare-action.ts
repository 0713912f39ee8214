import { bundledCatalog } from '../../catalog/compile-catalog.js'
import { UsageError } from '../../errors.js'
import { compareCodes } from '../../explain/compare-codes.js'
import { comparisonDocument } from '../../explain/comparison-document.js'
import { headingsFor } from '../../explain/headings.js'
import { renderReference } from '../../explain/render-reference.js'
import { bundledReplyRegistry } from '../../replies/reply-lookup.js'
import { parseLang, parseReferenceFormatter, type ReferenceFlags } from '../reference-flags.js'

/** `ftplog compare A B`: the two codes side by side, rendered for a terminal `columns` wide. @throws UsageError */
export function compareCommand(codes: string[], flags: ReferenceFlags, columns: number | undefined): string {
  const formatter = parseReferenceFormatter(flags.formatter)
  const headings = headingsFor(parseLang(flags.lang))
  if (codes.length !== 2) {
    throw new UsageError(`compare needs exactly two reply codes, got ${codes.length} (for example: ftplog compare 200 426)`)
  }
  const c = compareCodes(codes[0]!, codes[1]!, bundledReplyRegistry(), bundledCatalog())
  return renderReference(formatter, c, comparisonDocument(c, headings), columns)
}
