/**
 * Replies by class over time: a bounded, mergeable histogram. Buckets are aligned to the Unix
 * epoch and their size comes from a fixed ladder in which every size divides the next, so two
 * histograms always re-bucket exactly onto the coarser size and merging is associative.
 */
export interface ReplyTimeline {
  /** Bucket size in ms (a {@link TIMELINE_LADDER_MS} step). */
  bucketMs: number
  /** Bucket start (epoch ms, as a decimal string) → replies of class 1xx…5xx (index 0…4). */
  counts: Record<string, number[]>
}

const S = 1000
const M = 60 * S
const H = 60 * M
const D = 24 * H
/** Bucket sizes in ms, finest first; each divides the next (28 d and up multiply by 4). */
export const TIMELINE_LADDER_MS: readonly number[] = [
  S, 5 * S, 10 * S, 30 * S, M, 5 * M, 10 * M, 30 * M, H, 3 * H, 6 * H, 12 * H, D, 7 * D, 28 * D, 112 * D, 448 * D, 1792 * D, 7168 * D,
]

/** Non-empty buckets a state keeps at most. */
export const STATE_TIMELINE_BUCKETS = 400
/** Buckets (empty ones included) that the report's time range spans at most. */
export const REPORT_TIMELINE_BUCKETS = 120

/** A new, empty timeline at the finest bucket size. */
export function emptyTimeline(): ReplyTimeline {
  return { bucketMs: TIMELINE_LADDER_MS[0]!, counts: Object.create(null) as Record<string, number[]> }
}

// The bucket of the last reply, and its timeline: consecutive replies mostly share one. One slot
// for the timeline last counted into (a per-timeline WeakMap cost a hash lookup per reply).
let lastTimeline: ReplyTimeline | undefined
let lastStart = 0
let lastBucketMs = 0
let lastRow: number[] = []

/**
 * Counts one reply (mutates `tl`). Replies without a time, or with a code outside 100–599, are
 * not placed. Coarsens the buckets when more than {@link STATE_TIMELINE_BUCKETS} exist.
 */
export function addToTimeline(tl: ReplyTimeline, time: number | undefined, code: number): void {
  if (time === undefined || !Number.isFinite(time)) return
  const cls = Math.floor(code / 100) - 1
  if (cls < 0 || cls > 4) return
  if (lastTimeline === tl && lastBucketMs === tl.bucketMs && time >= lastStart && time < lastStart + lastBucketMs) {
    lastRow[cls]!++
    return
  }
  const start = Math.floor(time / tl.bucketMs) * tl.bucketMs
  const key = String(start)
  let row = tl.counts[key]
  let created = false
  if (!row) {
    row = [0, 0, 0, 0, 0]
    tl.counts[key] = row
    created = true
  }
  row[cls]!++
  lastTimeline = tl
  lastStart = start
  lastBucketMs = tl.bucketMs
  lastRow = row
  // Only a new bucket can push the count over the bound.
  if (created && Object.keys(tl.counts).length > STATE_TIMELINE_BUCKETS) coarsenInPlace(tl, STATE_TIMELINE_BUCKETS)
}

function rebucket(counts: Record<string, number[]>, bucketMs: number, into: Record<string, number[]>): void {
  for (const [key, row] of Object.entries(counts)) {
    const start = String(Math.floor(Number(key) / bucketMs) * bucketMs)
    const target = into[start]
    if (target) for (let i = 0; i < 5; i++) target[i]! += row[i] ?? 0
    else into[start] = [...row]
  }
}

function coarsenInPlace(tl: ReplyTimeline, maxBuckets: number): void {
  const done = coarsen(tl, maxBuckets)
  tl.bucketMs = done.bucketMs
  tl.counts = done.counts
  if (lastTimeline === tl) lastTimeline = undefined
}

/**
 * The same counts on the finest ladder size (at least `tl.bucketMs`) that needs at most
 * `maxBuckets` buckets. Returns a new timeline.
 */
export function coarsen(tl: ReplyTimeline, maxBuckets: number): ReplyTimeline {
  let bucketMs = tl.bucketMs
  let counts = Object.create(null) as Record<string, number[]>
  rebucket(tl.counts, bucketMs, counts)
  for (const step of TIMELINE_LADDER_MS) {
    if (step <= bucketMs) continue
    if (Object.keys(counts).length <= maxBuckets) break
    const next = Object.create(null) as Record<string, number[]>
    rebucket(counts, step, next)
    counts = next
    bucketMs = step
  }
  return { bucketMs, counts }
}

/** Sums two timelines on the coarser of their bucket sizes (coarsened to the state bound). */
export function mergeTimelines(a: ReplyTimeline, b: ReplyTimeline): ReplyTimeline {
  const bucketMs = Math.max(a.bucketMs, b.bucketMs)
  const counts = Object.create(null) as Record<string, number[]>
  rebucket(a.counts, bucketMs, counts)
  rebucket(b.counts, bucketMs, counts)
  return coarsen({ bucketMs, counts }, STATE_TIMELINE_BUCKETS)
}

/**
 * The same counts on the finest ladder size (at least `tl.bucketMs`) at which the buckets from
 * the first to the last span at most `maxBuckets`, empty ones included: what a chart needs.
 */
export function coarsenToSpan(tl: ReplyTimeline, maxBuckets: number): ReplyTimeline {
  const starts = Object.keys(tl.counts).map(Number)
  if (starts.length === 0) return { bucketMs: tl.bucketMs, counts: Object.create(null) as Record<string, number[]> }
  const first = Math.min(...starts)
  const last = Math.max(...starts) + tl.bucketMs - 1
  let bucketMs = tl.bucketMs
  for (const step of TIMELINE_LADDER_MS) {
    if (step < bucketMs) continue
    bucketMs = step
    if (Math.floor(last / step) - Math.floor(first / step) + 1 <= maxBuckets) break
  }
  const counts = Object.create(null) as Record<string, number[]>
  rebucket(tl.counts, bucketMs, counts)
  return { bucketMs, counts }
}
