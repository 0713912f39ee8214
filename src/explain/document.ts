/**
 * A small, output-neutral document: what `explain`, `compare` and `codes` say, before it becomes
 * terminal text or Markdown. Strings are plain text; renderers do all escaping.
 */
export type DocBlock =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  /** Label/value pairs shown as an aligned block (text) or a two-column table (Markdown). */
  | { readonly kind: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }
  /** Verbatim text such as a server's reply, shown as is (text) or fenced (Markdown). */
  | { readonly kind: 'quote'; readonly text: string }
  /** A link list: label and optional URL per line. */
  | { readonly kind: 'links'; readonly links: readonly { readonly label: string; readonly url: string | undefined }[] }

/** A document: blocks in reading order. */
export type Doc = readonly DocBlock[]
