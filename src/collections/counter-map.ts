import { detach } from './detach-string.js'

/**
 * A bounded string → count table for per-client, per-user and per-file figures, kept by the
 * Space-Saving algorithm (Metwally, Agrawal, El Abbadi 2005, "Efficient computation of frequent
 * and top-k elements in data streams"): at most `maxKeys` keys, exact while no more distinct keys
 * came, so memory stays flat on any volume. Plain data (structured-clone safe, mergeable, see
 * {@link mergeCounters}): a `Map`, as V8 looks up and deletes many string keys in a Map several
 * times faster than in an object.
 *
 * Guarantee, with N the events counted and k the bound: a listed count overstates its key's true
 * count by at most `error` (true count between count − error and count), a key not listed had at
 * most `error` events, and `error` ≤ N / k, through any number of merges. `error` is 0, and every
 * count exact, while the table never met more than k distinct keys.
 */
export interface CounterData {
  readonly counts: ReadonlyMap<string, number>
  /** The most any count may be off by, in events (0: every count is exact). */
  readonly error: number
}

/** A counter being filled; {@link countInto} mutates it. */
export interface MutableCounter {
  counts: Map<string, number>
  error: number
}

/**
 * Keys kept per table unless a caller passes another bound: a table is exact up to this many
 * distinct keys. Reports list the top 20 or 100.
 */
export const DEFAULT_MAX_KEYS = 10_000

/**
 * Adds `n` (≥ 1) to `key` (mutates `data`). A key already listed is counted exactly; a new key
 * starts at `error` + n (it may have had `error` events while unlisted; n while exact). A new key
 * when the table is full replaces a key with the smallest count m and
 * starts at m + n: Space-Saving's step, so `error` becomes m (≤ N / k). A key that becomes
 * frequent late still makes the table. O(1) for a listed key, O(log k) amortised for a new one.
 */
export function countInto(data: MutableCounter, key: string, n = 1, maxKeys = DEFAULT_MAX_KEYS): void {
  const counts = data.counts
  const current = counts.get(key)
  if (current !== undefined) {
    counts.set(key, current + n)
    return
  }
  if (counts.size < maxKeys) {
    counts.set(detach(key), data.error + n)
    return
  }
  let heap = heaps.get(counts)
  if (heap === undefined) {
    heap = new MinHeap(counts)
    heaps.set(counts, heap)
  }
  const [evicted, min] = heap.popMin(counts)
  counts.delete(evicted)
  const kept = detach(key)
  counts.set(kept, min + n)
  heap.replaceTop(kept, min + n)
  if (min > data.error) data.error = min
}

// The heaps of full tables live beside them; a table that arrived from elsewhere (structured
// clone, a merge) gets its heap built on its first eviction.
const heaps = new WeakMap<object, MinHeap>()

/**
 * The keys of a full table by count at push, smallest first (ties in no particular but a
 * deterministic order: the same stream always gives the same table). Counts only grow,
 * so an entry may hold a stale (lower) count: {@link popMin} refreshes such entries until the top
 * is current, which makes it the true minimum. One entry per key of the table.
 */
class MinHeap {
  private readonly keys: string[]
  private readonly values: number[]

  constructor(counts: ReadonlyMap<string, number>) {
    this.keys = [...counts.keys()]
    this.values = [...counts.values()]
    for (let i = (this.keys.length >> 1) - 1; i >= 0; i--) this.siftDown(i)
  }

  /** The key with the smallest current count, and that count; stays on top for {@link replaceTop}. */
  popMin(counts: ReadonlyMap<string, number>): [string, number] {
    for (;;) {
      const key = this.keys[0]!
      const actual = counts.get(key)!
      if (actual === this.values[0]) return [key, actual]
      this.values[0] = actual
      this.siftDown(0)
    }
  }

  /** Replaces the top entry (the key just evicted) with `key` at `value`. */
  replaceTop(key: string, value: number): void {
    this.keys[0] = key
    this.values[0] = value
    this.siftDown(0)
  }

  private siftDown(i: number): void {
    const n = this.keys.length
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) return
      const r = l + 1
      const c = r < n && this.values[r]! < this.values[l]! ? r : l
      if (!(this.values[c]! < this.values[i]!)) return
      const k = this.keys[i]!
      const v = this.values[i]!
      this.keys[i] = this.keys[c]!
      this.values[i] = this.values[c]!
      this.keys[c] = k
      this.values[c] = v
      i = c
    }
  }
}

/** A new empty counter. */
export function emptyCounter(): MutableCounter {
  return { counts: new Map(), error: 0 }
}

/**
 * Sums two counters into a new one, by the Misra–Gries merge of Agarwal et al. 2012 ("Mergeable
 * summaries", §2; Space-Saving with k counters is Misra–Gries with k − 1): each count less its
 * table's `error` is a lower bound; the lower bounds of a key add up, and so do the errors. When
 * more than `maxKeys` keys result, the (maxKeys + 1)-th largest lower bound v is taken off every
 * key, keys left at 0 or less are dropped and `error` grows by v. The counts kept are again the
 * lower bounds plus `error`, and `error` stays ≤ N / k. Exact (`error` 0) while both inputs are
 * exact and their keys together fit the bound. Commutative; associative while no merge has to
 * drop keys.
 */
export function mergeCounters(a: CounterData, b: CounterData, maxKeys = DEFAULT_MAX_KEYS): MutableCounter {
  const lower = new Map<string, number>()
  for (const [k, v] of a.counts) lower.set(k, v - a.error)
  for (const [k, v] of b.counts) lower.set(k, (lower.get(k) ?? 0) + v - b.error)
  let error = a.error + b.error
  const over = lower.size > maxKeys
  const cut = over ? [...lower.values()].sort((x, y) => y - x)[maxKeys]! : 0
  error += cut
  const counts = new Map<string, number>()
  for (const [k, v] of lower) if (!over || v > cut) counts.set(k, v - cut + error)
  return { counts, error }
}

/** Keys by count descending, then key ascending. */
export function topKeys(data: CounterData, limit: number): string[] {
  return [...data.counts]
    .sort(byCountThenKey)
    .slice(0, limit)
    .map(([k]) => k)
}

function byCountThenKey(x: [string, number], y: [string, number]): number {
  return y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)
}
