import stringWidth from 'string-width'

/**
 * Laying text out in terminal columns. Widths are display widths from `string-width`: East Asian
 * wide characters and emoji take two columns, combining marks and ANSI colour codes none.
 */

/** Columns `text` takes in a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text)
}

/** `text` padded with spaces on the right to `width` columns (unchanged when already as wide). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

/**
 * Word-wraps `text` at single spaces to `width` columns: the first line starts with `indent`, the
 * others with `hangingIndent`. A word wider than a line is left whole.
 */
export function wrap(text: string, width: number, indent = '', hangingIndent = indent): string[] {
  const words = text.split(' ')
  const lines: string[] = []
  let line = indent
  let len = displayWidth(indent)
  let first = true
  for (const word of words) {
    const w = displayWidth(word)
    if (!first && len + 1 + w > width && len > displayWidth(lines.length === 0 ? indent : hangingIndent)) {
      lines.push(line)
      line = hangingIndent + word
      len = displayWidth(hangingIndent) + w
    } else {
      line += (first ? '' : ' ') + word
      len += (first ? 0 : 1) + w
    }
    first = false
  }
  lines.push(line)
  return lines
}

/** Cuts `text` to at most `width` columns, ending in `…` when cut. ANSI colour codes are kept whole. */
export function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  return `${takeColumns(units(text), width - 1).join('')}…`
}

/**
 * Shortens `text` to `width` columns by cutting its middle (`head…tail`): log lines keep their head
 * (the time) and their tail (the reply). The head is at most 26 columns or a third of the width.
 */
export function clipMiddle(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  const head = takeColumns(units(text), Math.min(26, Math.floor(width / 3)))
  const headWidth = displayWidth(head.join(''))
  const tail = takeColumns(units(text).reverse(), width - headWidth - 1).reverse()
  return `${head.join('')}…${tail.join('')}`
}

// eslint-disable-next-line no-control-regex
const ANSI = /(\u001b\[[0-9;]*m)/
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** `text` as ANSI colour codes and grapheme clusters, so a cut never splits either. */
function units(text: string): string[] {
  return text.split(ANSI).flatMap((part, i) => (i % 2 === 1 ? [part] : [...graphemes.segment(part)].map((s) => s.segment)))
}

/** The leading units that fit in `width` columns. */
function takeColumns(list: readonly string[], width: number): string[] {
  const out: string[] = []
  let used = 0
  for (const u of list) {
    const w = displayWidth(u)
    if (used + w > width) break
    out.push(u)
    used += w
  }
  return out
}
