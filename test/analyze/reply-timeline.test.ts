import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addToTimeline,
  coarsenToSpan,
  emptyTimeline,
  mergeTimelines,
  STATE_TIMELINE_BUCKETS,
  TIMELINE_LADDER_MS,
  type ReplyTimeline,
} from '../../src/analyze/reply-timeline.js'

const T0 = Date.UTC(2024, 0, 15, 10, 0, 0)

function total(tl: ReplyTimeline): number[] {
  const sum = [0, 0, 0, 0, 0]
  for (const row of Object.values(tl.counts)) row.forEach((n, i) => (sum[i]! += n))
  return sum
}

function build(points: readonly [number, number][]): ReplyTimeline {
  const tl = emptyTimeline()
  for (const [t, code] of points) addToTimeline(tl, t, code)
  return tl
}

const point = fc.tuple(fc.integer({ min: T0, max: T0 + 30 * 86_400_000 }), fc.constantFrom(150, 226, 331, 421, 530))

describe('reply timeline', () => {
  it('counts replies by class in epoch-aligned buckets and ignores untimed ones', () => {
    const tl = build([
      [T0 + 100, 220],
      [T0 + 900, 421],
      [T0 + 1500, 426],
    ])
    addToTimeline(tl, undefined, 421)
    expect(tl.bucketMs).toBe(1000)
    expect(tl.counts[String(T0)]).toEqual([0, 1, 0, 1, 0])
    expect(tl.counts[String(T0 + 1000)]).toEqual([0, 0, 0, 1, 0])
  })

  it('every ladder step divides the next', () => {
    for (let i = 1; i < TIMELINE_LADDER_MS.length; i++) expect(TIMELINE_LADDER_MS[i]! % TIMELINE_LADDER_MS[i - 1]!).toBe(0)
  })

  it('stays bounded on any volume and keeps every count', () => {
    const tl = emptyTimeline()
    for (let i = 0; i < 50_000; i++) addToTimeline(tl, T0 + i * 7_000, 226)
    expect(Object.keys(tl.counts).length).toBeLessThanOrEqual(STATE_TIMELINE_BUCKETS)
    expect(total(tl)).toEqual([0, 50_000, 0, 0, 0])
  })

  it('merging is associative and loses no count', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), fc.array(point, { maxLength: 300 }), fc.array(point, { maxLength: 300 }), (a, b, c) => {
        const [x, y, z] = [build(a), build(b), build(c)]
        const left = mergeTimelines(mergeTimelines(x, y), z)
        const right = mergeTimelines(x, mergeTimelines(y, z))
        expect(left).toEqual(right)
        expect(total(left)).toEqual(total(build([...a, ...b, ...c])))
      }),
      { numRuns: 50 },
    )
  })

  it('coarsenToSpan spans at most the asked number of buckets', () => {
    const tl = build([
      [T0, 220],
      [T0 + 3 * 86_400_000, 226],
    ])
    const c = coarsenToSpan(tl, 120)
    expect((T0 + 3 * 86_400_000) / c.bucketMs - T0 / c.bucketMs).toBeLessThanOrEqual(120)
    expect(c.bucketMs).toBe(3_600_000)
    expect(total(c)).toEqual([0, 2, 0, 0, 0])
  })
})
