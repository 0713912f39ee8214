import { detach } from './detach-string.js'

/**
 * A bounded string → count table for per-client, per-user and per-file figures: it keeps about
 * the `maxKeys` most frequent keys exactly enough to rank them, and adds the counts of every other
 * key to `others`, so memory stays flat on any volume. Plain data (JSON-safe, structured-clone
 * safe, mergeable).
 *
 * `counts` is a null-prototype object, so keys such as `__proto__` are plain keys.
 */
export interface CounterData {
  readonly counts: Record<string, number>
  /** Events whose key is not in `counts` (keys dropped to stay within the bound). */
  readonly others: number
}

/** A counter being filled; {@link countInto} mutates it. */
export interface MutableCounter {
  counts: Record<string, number>
  others: number
}

/**
 * Keys kept per table after a cut, unless a caller passes another bound. A table is exact up to
 * twice this many distinct keys (10,000, the bound of the first-come table it replaced), and
 * keeps the leaders beyond. Reports list the top 20 or 100.
 */
export const DEFAULT_MAX_KEYS = 5000

/**
 * Adds `n` to `key` (mutates `data`). A table may grow to twice `maxKeys`; it is then cut back to
 * the `maxKeys` largest counts (ties by key), the rest going to `others`. Unlike keeping the first
 * keys seen, a key that becomes frequent late still makes the table, so the top of the table is
 * the true top whenever the leaders are well ahead of the tail (counts a key collected while out
 * of the table stay in `others`).
 */
export function countInto(data: MutableCounter, key: string, n = 1, maxKeys = DEFAULT_MAX_KEYS): void {
  const current = data.counts[key]
  if (current !== undefined) {
    data.counts[key] = current + n
    return
  }
  const size = (keyCounts.get(data.counts) ?? Object.keys(data.counts).length) + 1
  data.counts[detach(key)] = n
  keyCounts.set(data.counts, size)
  if (size > 2 * maxKeys) prune(data, maxKeys)
}

// Object.keys() on every insert would be O(n); sizes live beside the objects instead. A table
// that arrived from elsewhere (structured clone, JSON) is counted once, on its first insert.
const keyCounts = new WeakMap<object, number>()

function prune(data: MutableCounter, maxKeys: number): void {
  const sorted = Object.entries(data.counts).sort(byCountThenKey)
  const kept = Object.create(null) as Record<string, number>
  for (let i = 0; i < sorted.length; i++) {
    const [k, v] = sorted[i]!
    if (i < maxKeys) kept[k] = v
    else data.others += v
  }
  data.counts = kept
  keyCounts.set(kept, Math.min(sorted.length, maxKeys))
}

/** A new empty counter. */
export function emptyCounter(): MutableCounter {
  const counts = Object.create(null) as Record<string, number>
  keyCounts.set(counts, 0)
  return { counts, others: 0 }
}

/**
 * Sums two counters into a new one, keeping the `maxKeys` largest counts. Commutative; associative
 * while no merge has to drop keys.
 */
export function mergeCounters(a: CounterData, b: CounterData, maxKeys = DEFAULT_MAX_KEYS): MutableCounter {
  const all = new Map<string, number>()
  for (const [k, v] of Object.entries(a.counts)) all.set(k, v)
  for (const [k, v] of Object.entries(b.counts)) all.set(k, (all.get(k) ?? 0) + v)
  const sorted = [...all].sort(byCountThenKey)
  const out = emptyCounter()
  out.others = a.others + b.others
  for (let i = 0; i < sorted.length; i++) {
    const [k, v] = sorted[i]!
    if (i < maxKeys) out.counts[k] = v
    else out.others += v
  }
  keyCounts.set(out.counts, Math.min(sorted.length, maxKeys))
  return out
}

/** Keys by count descending, then key ascending. */
export function topKeys(data: CounterData, limit: number): string[] {
  return Object.entries(data.counts)
    .sort(byCountThenKey)
    .slice(0, limit)
    .map(([k]) => k)
}

function byCountThenKey(x: [string, number], y: [string, number]): number {
  return y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)
}
