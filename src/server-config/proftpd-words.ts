/**
 * ProFTPD's configuration syntax below the directive level: logical lines and words, as its
 * parser reads them (src/fsio.c `pr_fsio_getline`, src/parser.c `pr_parser_read_line`,
 * src/str.c `pr_str_get_word`).
 */

/** One logical line: its words and the 1-based physical line it starts on. */
export interface ProftpdLine {
  readonly line: number
  readonly words: readonly string[]
}

/**
 * The logical lines of a proftpd.conf: a line ending in a backslash continues on the next one;
 * blank lines and lines whose first non-blank character is `#` are skipped.
 */
export function proftpdLines(text: string): ProftpdLine[] {
  const physical = text.split(/\r?\n/)
  const out: ProftpdLine[] = []
  for (let i = 0; i < physical.length; i++) {
    const start = i
    let joined = physical[i]!
    while (joined.endsWith('\\') && i + 1 < physical.length) {
      joined = joined.slice(0, -1) + physical[++i]!
    }
    const body = joined.replace(/^\s+/, '')
    if (body === '' || body.startsWith('#')) continue
    out.push({ line: start + 1, words: proftpdWords(body) })
  }
  return out
}

/**
 * The words of one line: blanks separate words; a word that starts with `"` runs to the next
 * unescaped `"` (a backslash inside quotes takes the next character as it is) and keeps its
 * blanks; a word that starts with `#` starts a comment that ends the line.
 */
export function proftpdWords(line: string): string[] {
  const words: string[] = []
  let i = 0
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++
    if (i >= line.length || line[i] === '#') break
    let word = ''
    if (line[i] === '"') {
      i++
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++
        word += line[i++]
      }
      i++ // the closing quote (or the end)
    } else {
      while (i < line.length && !/\s/.test(line[i]!)) word += line[i++]
    }
    words.push(word)
  }
  return words
}
