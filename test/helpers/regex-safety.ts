/**
 * Finds quantified groups that contain a quantifier themselves (`(a+)+`, `(\d+ )*`), the shape
 * that makes backtracking regexes super-linear. A conservative static check for catalog patterns:
 * it reports any such nesting, even ones that happen to be safe.
 */
export function nestedQuantifiers(source: string): string[] {
  const problems: string[] = []
  // For each open group: whether a quantifier occurred inside it.
  const stack: { start: number; quantified: boolean }[] = []
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      continue
    }
    if (c === '[') inClass = true
    else if (c === '(') stack.push({ start: i, quantified: false })
    else if (c === ')') {
      const group = stack.pop()
      if (!group) continue
      const next = source[i + 1]
      const isQuantified = next === '*' || next === '+' || (next === '{' && /^\{\d+,\d*\}/.test(source.slice(i + 1)))
      if (isQuantified && group.quantified) problems.push(source.slice(group.start, i + 2))
      if (group.quantified || isQuantified) if (stack.length > 0) stack[stack.length - 1]!.quantified = true
    } else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,?\d*\}/.test(source.slice(i)))) {
      if (stack.length > 0) stack[stack.length - 1]!.quantified = true
    }
  }
  return problems
}

/** Hostile inputs of about `bytes` characters built around a sample text. */
export function adversarialLines(sample: string, bytes = 1_000_000): string[] {
  const repeat = (s: string): string => (s.length === 0 ? '' : s.repeat(Math.ceil(bytes / s.length)).slice(0, bytes))
  const last = sample.at(-1) ?? 'a'
  return [
    repeat('a'),
    repeat(' '),
    repeat('0'),
    repeat('9 '),
    repeat(sample),
    sample + repeat(last),
    sample.slice(0, Math.max(1, sample.length - 1)) + repeat('(') + '!',
    repeat(sample.slice(0, 8)) + '\u0000',
  ]
}
