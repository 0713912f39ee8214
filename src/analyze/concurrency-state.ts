/** A largest value and when it was first reached (epoch ms, `undefined` when the log has no times). */
export interface PeakAt {
  readonly peak: number
  readonly at: number | undefined
}

/**
 * Concurrent sessions and session silences of one or several inputs (plain, mergeable data; see
 * docs/report-schema.md `sessions.peakConcurrent`). Each input is measured on its own: merged
 * inputs keep the largest figure, never a sum, because two inputs are usually one server's logs of
 * different times (rotations) or different servers. The figure is exact per input as far as the
 * log shows when sessions end; two inputs that log sessions of one server at the same time (two
 * log files of one daemon, load-balanced servers writing one figure) are under-counted.
 */
export interface ConcurrencyState {
  /** Most sessions open at once in one input, and when. */
  global: PeakAt
  /** Client address → its most sessions open at once; the {@link MAX_PEAK_KEYS} highest. */
  byClient: Record<string, PeakAt>
  /** Sessions whose end the log does not show (counted open until their last line was 5 min old or the input ended). */
  endsNotLogged: number
  /** Inputs read with a log format that has no sessions (xferlog and other transfer logs). */
  sessionlessInputs: number
  /**
   * Server (syslog host, else family) → the longest silence between two lines of one of its
   * sessions that no timeout cut, in ms, and when that silence ended; at most {@link MAX_PEAK_KEYS}.
   */
  longestUncutGap: Record<string, PeakAt>
}

/** Keys kept per table of peaks (reports list 20). */
export const MAX_PEAK_KEYS = 100

/** The identity of {@link mergeConcurrency}. */
export function emptyConcurrency(): ConcurrencyState {
  return { global: { peak: 0, at: undefined }, byClient: nullRecord(), endsNotLogged: 0, sessionlessInputs: 0, longestUncutGap: nullRecord() }
}

/**
 * Whether `a` beats `b`: a larger peak, else an earlier time (a time before none). A total order
 * with the key as last tie-break, so merges keep the same entries whatever their order.
 */
export function beats(a: PeakAt, b: PeakAt): boolean {
  if (a.peak !== b.peak) return a.peak > b.peak
  if (a.at === b.at) return false
  if (a.at === undefined) return false
  return b.at === undefined || a.at < b.at
}

/** Keeps `candidate` for `key` in `table` when it beats what is there (mutates); prunes past twice the bound. */
export function offerPeak(table: Record<string, PeakAt>, key: string, candidate: PeakAt): void {
  const current = table[key]
  if (current !== undefined && !beats(candidate, current)) return
  table[key] = candidate
  if (current !== undefined) return
  const size = (sizes.get(table) ?? Object.keys(table).length - 1) + 1
  sizes.set(table, size)
  if (size > 2 * MAX_PEAK_KEYS) prune(table)
}

/** Merges two concurrency figures into a new one: largest peaks, summed counts. Associative and commutative. */
export function mergeConcurrency(a: ConcurrencyState, b: ConcurrencyState): ConcurrencyState {
  return {
    global: beats(b.global, a.global) ? { ...b.global } : { ...a.global },
    byClient: mergeTables(a.byClient, b.byClient),
    endsNotLogged: a.endsNotLogged + b.endsNotLogged,
    sessionlessInputs: a.sessionlessInputs + b.sessionlessInputs,
    longestUncutGap: mergeTables(a.longestUncutGap, b.longestUncutGap),
  }
}

/** Entries of a table, best first (peak descending, then time, then key). */
export function topPeaks(table: Record<string, PeakAt>, limit: number): [string, PeakAt][] {
  return Object.entries(table)
    .sort(([ka, a], [kb, b]) => (beats(a, b) ? -1 : beats(b, a) ? 1 : ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, limit)
}

function mergeTables(a: Record<string, PeakAt>, b: Record<string, PeakAt>): Record<string, PeakAt> {
  const out = nullRecord()
  for (const [k, v] of Object.entries(a)) out[k] = { ...v }
  for (const [k, v] of Object.entries(b)) if (out[k] === undefined || beats(v, out[k])) out[k] = { ...v }
  return Object.keys(out).length > MAX_PEAK_KEYS ? Object.assign(nullRecord(), Object.fromEntries(topPeaks(out, MAX_PEAK_KEYS))) : out
}

// Sizes of tables being filled, beside them (Object.keys on every insert would be O(n)); a table
// that arrived from elsewhere (structured clone, JSON) is counted once, on its first insert.
const sizes = new WeakMap<object, number>()

function prune(table: Record<string, PeakAt>): void {
  const kept = topPeaks(table, MAX_PEAK_KEYS)
  for (const k of Object.keys(table)) delete table[k]
  for (const [k, v] of kept) table[k] = v
  sizes.set(table, kept.length)
}

function nullRecord(): Record<string, PeakAt> {
  return Object.create(null) as Record<string, PeakAt>
}
