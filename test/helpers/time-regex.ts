/** Longest a pattern may take on one adversarial line of about 1 MB. */
export const REDOS_BUDGET_MS = 50

/**
 * Line lengths tried in turn. A pattern that is exponential (or quadratic) blows the budget on a
 * short line already, so the test fails in a second instead of hanging on 1 MB.
 */
const SIZES = [16, 20, 22, 24, 26, 28, 30, 32, 40, 48, 64, 128, 256, 1024, 4096, 16_384, 65_536, 262_144, 1 << 20]

/**
 * Runs `regex.exec` on the adversarial lines of each size in turn and returns the slowest run,
 * stopping at the first size over budget. A run over budget is timed again and keeps its faster
 * time, so a GC pause or a busy machine does not fail a linear pattern.
 * @param linesOfSize adversarial lines of about `size` characters.
 */
export function slowestMatch(regex: RegExp, linesOfSize: (size: number) => readonly string[]): { ms: number; size: number; describe: string } {
  const re = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''))
  let worst = { ms: 0, size: 0, describe: 'no lines' }
  for (const size of SIZES) {
    for (const line of linesOfSize(size)) {
      let ms = time(re, line)
      // Within 4× of the budget it may be noise: time it again. Far beyond is not.
      if (ms >= REDOS_BUDGET_MS && ms < 4 * REDOS_BUDGET_MS) ms = Math.min(ms, time(re, line))
      if (ms > worst.ms) worst = { ms, size, describe: describeLine(line) }
      if (worst.ms >= REDOS_BUDGET_MS) return worst
    }
  }
  return worst
}

function time(re: RegExp, line: string): number {
  const t = performance.now()
  re.exec(line)
  return performance.now() - t
}

/** A short description of a long line: its start, its bulk, its end. */
function describeLine(line: string): string {
  const counts = new Map<string, number>()
  for (let i = 0; i < line.length; i += 97) counts.set(line[i]!, (counts.get(line[i]!) ?? 0) + 1)
  const bulk = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
  return `${line.length} chars: ${JSON.stringify(line.slice(0, 60))}… mostly ${JSON.stringify(bulk)} …${JSON.stringify(line.slice(-30))}`
}
