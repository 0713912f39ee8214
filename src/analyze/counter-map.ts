import { detach } from './detach-string.js'

/**
 * A string → count table with a bound on distinct keys, for per-client, per-user and per-file
 * figures. Once `maxKeys` keys exist, counts for new keys go to `others`, so memory stays flat
 * on any volume. Plain data (`entries`, `others`) so it survives JSON and merges.
 */
export interface CounterData {
  readonly counts: Record<string, number>
  readonly others: number
}

/** The bound used for report tables unless a caller passes another. */
export const DEFAULT_MAX_KEYS = 10_000

/** Adds `n` to `key` in `data` (mutates), respecting the key bound. */
export function countInto(data: { counts: Record<string, number>; others: number }, key: string, n = 1, maxKeys = DEFAULT_MAX_KEYS): void {
  const current = data.counts[key]
  if (current !== undefined) data.counts[key] = current + n
  else if (keyCount(data) < maxKeys) {
    data.counts[detach(key)] = n
    keyCounts.set(data.counts, (keyCounts.get(data.counts) ?? 0) + 1)
  } else data.others += n
}

// Object.keys() on every insert would be O(n); remember sizes beside the objects instead.
const keyCounts = new WeakMap<object, number>()
function keyCount(data: { counts: Record<string, number> }): number {
  let n = keyCounts.get(data.counts)
  if (n === undefined) {
    n = Object.keys(data.counts).length
    keyCounts.set(data.counts, n)
  }
  return n
}

/** A new empty counter. Uses a null-prototype object so keys like `__proto__` are plain keys. */
export function emptyCounter(): { counts: Record<string, number>; others: number } {
  return { counts: Object.create(null) as Record<string, number>, others: 0 }
}

/** Sums two counters into a new one (commutative and associative up to the key bound). */
export function mergeCounters(a: CounterData, b: CounterData, maxKeys = DEFAULT_MAX_KEYS): { counts: Record<string, number>; others: number } {
  const out = emptyCounter()
  out.others = a.others + b.others
  // Insert keys in a fixed order (count desc, then key) so the bound cuts the same keys either way.
  const all = new Map<string, number>()
  for (const [k, v] of Object.entries(a.counts)) all.set(k, v)
  for (const [k, v] of Object.entries(b.counts)) all.set(k, (all.get(k) ?? 0) + v)
  const sorted = [...all].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
  for (const [k, v] of sorted) countInto(out, k, v, maxKeys)
  return out
}

/** Keys by count descending, then key ascending. */
export function topKeys(data: CounterData, limit: number): string[] {
  return Object.entries(data.counts)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, limit)
    .map(([k]) => k)
}
