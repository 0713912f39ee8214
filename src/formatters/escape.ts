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

/**
 * Makes text safe inside a GitHub-flavoured Markdown table cell or paragraph: escapes the
 * characters that end a cell (`|`), open code spans (backtick), start HTML (`<`, written as
 * `&lt;`), links (`[`, `]`) and emphasis (`*`, `_`), and the backslash itself; line breaks become
 * spaces, and control characters are made visible as in {@link stripControlChars}.
 * Spec: https://github.github.com/gfm/#tables-extension- and #backslash-escapes.
 */
export function escapeMarkdownCell(text: string): string {
  return stripControlChars(text.replace(/\r\n|\r|\n/g, ' '))
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
}

/**
 * A fenced code block holding `text` verbatim: the fence is one backtick longer than the longest
 * backtick run inside, so the text cannot close it (CommonMark §4.5). Control characters other
 * than line breaks are made visible.
 */
export function markdownCodeBlock(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).map(stripControlChars)
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}text\n${lines.join('\n')}\n${fence}`
}
