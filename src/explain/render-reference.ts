import type { Doc } from './document.js'
import { renderMarkdownDocument } from './render-markdown-document.js'
import { renderTextDocument } from './render-text-document.js'

/** The formatters of `explain`, `compare` and `codes`; the keys are the `-f` values. */
export const REFERENCE_FORMATTERS = ['text', 'json', 'markdown'] as const
export type ReferenceFormatter = (typeof REFERENCE_FORMATTERS)[number]

/**
 * Renders reference output: `json` prints the structured data (the stable contract), `text` and
 * `markdown` render the document laid out from it.
 */
export function renderReference(formatter: ReferenceFormatter, data: unknown, doc: Doc, width?: number): string {
  switch (formatter) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`
    case 'markdown':
      return renderMarkdownDocument(doc)
    case 'text':
      return renderTextDocument(doc, { width })
  }
}

/** Whether a string is one of {@link REFERENCE_FORMATTERS}. */
export function isReferenceFormatter(value: string): value is ReferenceFormatter {
  return (REFERENCE_FORMATTERS as readonly string[]).includes(value)
}
