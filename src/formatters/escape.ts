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
 * An output target an escaper makes log text safe for. The property test
 * (`test/formatters/escape.prop.test.ts`) holds one safety predicate per target and checks every
 * escaper of {@link ESCAPERS} against it on arbitrary strings.
 */
export type EscapeTarget = 'terminal' | 'markdown' | 'xml' | 'html' | 'workflow-data' | 'workflow-property' | 'csv'

/** Every escaper, with the target it is for. Add new escapers here so they are property-tested. */
export const ESCAPERS: readonly { readonly name: string; readonly target: EscapeTarget; readonly escape: (text: string) => string }[] = [
  { name: 'stripControlChars', target: 'terminal', escape: stripControlChars },
]
