/**
 * Adversarial inputs for a regular expression, built from the expression itself: long runs of
 * each character a repeated element accepts (after a prefix that walks the pattern's own literals
 * up to that element), runs of its literals, alternations of neighbouring repeated characters, and
 * real sample lines with a run spliced in at every field boundary. These are the shapes that make
 * a backtracking engine go quadratic or worse (`(\s+\S+)+`, `.*x.*y` on a line of x's, …).
 */

/** One element of a pattern that consumes a character, with what follows it. */
interface Atom {
  /** Regex source of the element (`a`, `\d`, `[^"]`, `.`). */
  readonly source: string
  /** Whether a quantifier that repeats it follows (`*`, `+`, `{n,}`, `{n,m}`), or it sits in a repeated group. */
  readonly repeated: boolean
}

const CANDIDATES = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  '\t',
  '\u00e9',
  '\u00a0',
]

/** Splits a regex source into character-consuming atoms (groups, anchors and lookarounds dropped). */
export function atomsOf(source: string): Atom[] {
  const atoms: Atom[] = []
  // Indexes into `atoms` where each open group starts, to mark a repeated group's atoms.
  const groupStarts: number[] = []
  let i = 0
  const quantifierAt = (j: number): { repeats: boolean; length: number } => {
    const ch = source[j]
    if (ch === '*' || ch === '+') return { repeats: true, length: source[j + 1] === '?' || source[j + 1] === '+' ? 2 : 1 }
    if (ch === '?') return { repeats: false, length: source[j + 1] === '?' ? 2 : 1 }
    if (ch === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}\??/.exec(source.slice(j))
      if (m) return { repeats: m[2] === ',' ? m[3] === '' || Number(m[3]) > 1 : Number(m[1]) > 1, length: m[0].length }
    }
    return { repeats: false, length: 0 }
  }
  while (i < source.length) {
    const ch = source[i]!
    let atom: string | undefined
    if (ch === '\\') {
      const rest = source.slice(i)
      const m = /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|k<[^>]+>|.)/s.exec(rest)!
      atom = m[0]
      i += atom.length
      if (atom === '\\b' || atom === '\\B' || atom.startsWith('\\k')) continue
    } else if (ch === '[') {
      let j = i + 1
      if (source[j] === '^') j++
      if (source[j] === ']') j++
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1
      atom = source.slice(i, j + 1)
      i = j + 1
    } else if (ch === '(') {
      const m = /^\((?:\?(?:<?[=!]|:|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i))!
      groupStarts.push(m[0].includes('=') || m[0].includes('!') ? -1 : atoms.length)
      i += m[0].length
      continue
    } else if (ch === ')') {
      const start = groupStarts.pop() ?? -1
      const q = quantifierAt(i + 1)
      if (q.repeats && start >= 0) for (let k = start; k < atoms.length; k++) atoms[k] = { ...atoms[k]!, repeated: true }
      i += 1 + q.length
      continue
    } else if (ch === '^' || ch === '$' || ch === '|') {
      i++
      continue
    } else {
      atom = ch
      i++
    }
    const q = quantifierAt(i)
    i += q.length
    atoms.push({ source: atom, repeated: q.repeats })
  }
  return atoms
}

/** Characters from a small alphabet that `atom` matches (at most `max`). */
function matchingChars(atom: string, flags: string, max: number): string[] {
  let re: RegExp
  try {
    re = new RegExp(`^(?:${atom})$`, flags.replace(/[gy]/g, ''))
  } catch {
    return []
  }
  const out: string[] = []
  for (const c of CANDIDATES) {
    if (re.test(c)) out.push(c)
    if (out.length >= max) break
  }
  return out
}

/**
 * Adversarial lines of about `size` characters for the regex `source` (compiled with `flags`),
 * plus the given real `samples` with runs spliced in. At most `limit` distinct lines.
 */
export function adversarialLines(source: string, flags: string, samples: readonly string[] = [], size = 1 << 20): string[] {
  const atoms = atomsOf(source)
  const reps = atoms.map((a) => matchingChars(a.source, flags, 3))
  /** `head`, then `unit` repeated to fill the line, then `tail` (kept whole: it is what fails). */
  const fill = (head: string, unit: string, tail = ''): string => {
    const room = Math.max(unit.length, size - head.length - tail.length)
    return head + unit.repeat(Math.max(1, Math.floor(room / unit.length))) + tail
  }
  // A prefix that follows the pattern's own elements up to atom k (one character each).
  const prefix = (k: number): string => reps.slice(0, k).map((r) => r[0] ?? '').join('')

  const runs: string[] = []
  const literals: string[] = []
  for (let k = 0; k < atoms.length; k++) {
    const atom = atoms[k]!
    const c = reps[k]![0]
    if (atom.repeated && c !== undefined) {
      // A run the element accepts, then an end that fails the rest of the pattern.
      runs.push(fill(prefix(k), c, '\u0000'), fill(prefix(k), c, '!'))
      // Two neighbouring repeated elements fed alternately (\s+\S+, (a|ab)*, …).
      const next = atoms.findIndex((a, j) => j > k && a.repeated)
      const b = next > 0 ? reps[next]!.find((x) => x !== c) : undefined
      if (b) runs.push(fill(prefix(k), c + b, '\u0000'))
    }
    // Runs of a literal, those right after a repeated element first (`.*a.*b` stalls on a's).
    const literal = atom.source.length === 1 ? atom.source : /^\\[^dDwWsSbBuxck]$/.test(atom.source) ? atom.source[1]! : undefined
    if (literal !== undefined) {
      const line = fill('', literal, '\u0000')
      if (k > 0 && atoms[k - 1]!.repeated) literals.unshift(line)
      else literals.push(line)
    }
  }
  // Runs of the pattern's literal words (`timeout.*idle`, unanchored, stalls on timeouttimeout…).
  const words: string[] = []
  let word = ''
  for (const atom of atoms) {
    const literal = atom.source.length === 1 && /[\w ,:;'"=-]/.test(atom.source) ? atom.source : undefined
    if (literal !== undefined && !atom.repeated) word += literal
    else {
      if (word.length >= 2) words.push(word)
      word = ''
    }
  }
  if (word.length >= 2) words.push(word)
  const wordRuns = words.sort((a, b) => b.length - a.length).slice(0, 4).map((w) => fill('', w, '\u0000'))
  // Real lines with a run of their own character spliced in at field boundaries (spread evenly).
  const spliced: string[] = []
  for (const sample of samples) {
    const cuts: number[] = []
    for (let k = 0; k < sample.length; k++) if (k === 0 || ' "[:,='.includes(sample[k]!)) cuts.push(k)
    const step = Math.max(1, Math.ceil(cuts.length / 6))
    for (let j = 0; j < cuts.length; j += step) {
      const k = cuts[j]!
      spliced.push(sample.slice(0, k) + sample[k]!.repeat(Math.max(1, size - sample.length)) + sample.slice(k))
    }
  }
  return [...new Set([...runs.slice(0, 24), ...literals.slice(0, 8), ...wordRuns, ...spliced.slice(0, 12)])]
}
