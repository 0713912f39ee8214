/**
 * Escapers for log-derived text. Log content is hostile: user names, file names and reply texts
 * come from clients. Every formatter passes such strings through the escaper of its target.
 */

// C0 controls except TAB, DEL, C1 controls (U+0080–U+009F; ESC and CSI start ANSI sequences),
// and the Unicode bidi embeddings, overrides and isolates, which reorder what a terminal shows.
// eslint-disable-next-line no-control-regex
const UNSAFE_TERMINAL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * Makes a string safe to print on a terminal: control characters (ESC, CR and LF among them) and
 * bidi controls become visible escapes (`\x1b`, `\u202e`), so nothing can move the cursor, change
 * colours or hide text. Tabs become a space.
 */
export function stripControlChars(text: string): string {
  return text.replace(/\t/g, ' ').replace(UNSAFE_TERMINAL, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

// ---- XML (junit) ------------------------------------------------------------------------------

// XML 1.0 §2.2 (https://www.w3.org/TR/xml/#charsets): Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF]. Everything else (other C0 controls such as ESC, lone
// surrogates, U+FFFE/U+FFFF) makes a document ill-formed, however it is escaped. Vitest's JUnit
// reporter drops them the same way (removeInvalidXMLCharacters).
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Removes the characters XML 1.0 does not allow anywhere in a document. */
export function removeInvalidXmlChars(text: string): string {
  return text.replace(XML_INVALID, '')
}

/**
 * Escapes text for XML element content or attribute values: removes XML 1.0-invalid characters
 * and escapes `&`, `<`, `>`, `"` and `'` (XML 1.0 §2.4). Tabs and line breaks are written as
 * character references so attribute-value normalisation (§3.3.3) cannot turn them into spaces.
 */
export function escapeXml(text: string): string {
  return removeInvalidXmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]!)
}

/** Like {@link escapeXml} but keeps tabs and line breaks as they are, for element content. */
export function escapeXmlText(text: string): string {
  return removeInvalidXmlChars(text).replace(/[&<>]/g, (c) => XML_ENTITIES[c]!)
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
}

// ---- GitHub workflow commands (github) ----------------------------------------------------------

/**
 * Escapes the message of a workflow command (`::error …::MESSAGE`): `%` → `%25`, CR → `%0D`,
 * LF → `%0A`, so log content cannot end the command and start another. Rules from
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands and
 * `escapeData` in actions/toolkit `packages/core/src/command.ts`.
 */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/**
 * Escapes a workflow command property value (`file=`, `title=`): as {@link escapeWorkflowData},
 * plus `:` → `%3A` and `,` → `%2C`, which would otherwise end the value (`escapeProperty` in
 * actions/toolkit `packages/core/src/command.ts`).
 */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

// ---- Markdown (markdown) ------------------------------------------------------------------------

// ASCII punctuation that starts Markdown or GFM syntax inline: emphasis, code, links and images
// (with `[` and `]` escaped, `(`, `)` and `!` cannot form one), raw HTML, tables, strikethrough,
// entities; `@` for GitHub mentions. CommonMark §2.4 allows a backslash before any ASCII
// punctuation (https://spec.commonmark.org/0.31.2/#backslash-escapes).
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&@]/g

/**
 * Makes log text inert inside Markdown prose or a table cell (GFM tables,
 * https://github.github.com/gfm/#tables-extension-): control characters become visible escapes
 * ({@link stripControlChars}), line breaks become spaces (a cell is one line), and Markdown
 * punctuation, `|` included, is backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return stripControlChars(text.replace(/\r\n|\r|\n/g, ' ')).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
}

/**
 * Log text as a fenced code block whose fence is longer than any backtick run in the text
 * (CommonMark §4.5: the closing fence must be at least as long as the opening one), so nothing
 * in the text can close it. Control characters become visible escapes.
 */
export function fencedBlock(text: string, info = 'text'): string {
  const body = text.split(/\r\n|\n/).map(stripControlChars).join('\n')
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}${info}\n${body}\n${fence}`
}

/**
 * Inline code span safe for any text (CommonMark §6.1): delimited by one more backtick than the
 * longest run inside, padded with spaces when the text starts or ends with a backtick.
 */
export function inlineCode(text: string): string {
  const body = stripControlChars(text.replace(/\r\n|\r|\n/g, ' '))
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length))
  const ticks = '`'.repeat(longest + 1)
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${body}${pad}${ticks}`
}

// ---- CSV (csv, csv-transfers) -------------------------------------------------------------------

/**
 * One CSV field per RFC 4180 §2 (https://www.rfc-editor.org/rfc/rfc4180#section-2): control and
 * bidi characters first become visible escapes as on a terminal ({@link stripControlChars}: C0
 * and C1 controls, DEL, CR and LF, the bidi embeddings, overrides and isolates; TAB a space), so
 * no ESC, BEL or line break from a log field reaches a spreadsheet or a pager. A field with `"`
 * or `,` is then quoted and its quotes doubled. Text that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-` or `@`) gets a leading `'`, as OWASP's "CSV Injection" guidance
 * recommends (https://owasp.org/www-community/attacks/CSV_Injection). Numbers are written as they are.
 */
export function escapeCsvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const visible = stripControlChars(value)
  const guarded = /^[=+\-@]/.test(visible) ? `'${visible}` : visible
  return /[",]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

// ---- JSON lines (ndjson, --events) ---------------------------------------------------------------

/**
 * One value as a JSON text on one line. `JSON.stringify` escapes every C0 control but leaves
 * U+0085 (NEL), U+2028 and U+2029 raw, which line-splitting readers (Python's `str.splitlines`,
 * JavaScript before ES2019, many log shippers) take as line ends; they become `\u0085`, `\u2028`
 * and `\u2029`. The result parses back to the same value.
 */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value).replace(JSON_LINE_BREAKERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

const JSON_LINE_BREAKERS = /[\u0085\u2028\u2029]/g

// ---- HTML (html) --------------------------------------------------------------------------------

/**
 * Escapes text for HTML element content and quoted attribute values (HTML Living Standard
 * §13.1.2.6 and §13.1.2.3): `&`, `<`, `>`, `"`, `'` become character references; control and
 * bidi characters become visible escapes ({@link stripControlChars}), line breaks stay.
 */
export function escapeHtml(text: string): string {
  return text
    .split(/\r\n|\n/)
    .map(stripControlChars)
    .join('\n')
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!)
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * An output target an escaper makes log text safe for. The property test
 * (`test/formatters/escape.prop.test.ts`) holds one safety predicate per target and checks every
 * escaper of {@link ESCAPERS} against it on arbitrary strings.
 */
export type EscapeTarget = 'terminal' | 'markdown' | 'xml' | 'xml-text' | 'html' | 'workflow-data' | 'workflow-property' | 'csv'

/** Every escaper, with the target it is for. Add new escapers here so they are property-tested. */
export const ESCAPERS: readonly { readonly name: string; readonly target: EscapeTarget; readonly escape: (text: string) => string }[] = [
  { name: 'stripControlChars', target: 'terminal', escape: stripControlChars },
  { name: 'escapeMarkdown', target: 'markdown', escape: escapeMarkdown },
  { name: 'escapeXml', target: 'xml', escape: escapeXml },
  { name: 'escapeXmlText', target: 'xml-text', escape: escapeXmlText },
  { name: 'escapeHtml', target: 'html', escape: escapeHtml },
  { name: 'escapeWorkflowData', target: 'workflow-data', escape: escapeWorkflowData },
  { name: 'escapeWorkflowProperty', target: 'workflow-property', escape: escapeWorkflowProperty },
  { name: 'escapeCsvField', target: 'csv', escape: escapeCsvField },
]
