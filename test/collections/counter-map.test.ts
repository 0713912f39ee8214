import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countInto, emptyCounter, mergeCounters, topKeys, type CounterData, type MutableCounter } from '../../src/collections/counter-map.js'

/** Exact counts of a stream, to check a counter against. */
function exactCounts(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
  return m
}

function counted(keys: readonly string[], maxKeys: number): MutableCounter {
  const c = emptyCounter()
  for (const k of keys) countInto(c, k, 1, maxKeys)
  return c
}

/**
 * The counter's guarantee against the exact counts: a listed count at most `error` above the
 * true count and never below it, an unlisted key at most `error` events, `error` at most N / k,
 * at most k keys, exact with error 0 while the distinct keys fit.
 */
function expectGuarantee(c: CounterData, exact: Map<string, number>, maxKeys: number): void {
  const n = [...exact.values()].reduce((a, b) => a + b, 0)
  const listed = [...c.counts.keys()]
  expect(listed.length).toBeLessThanOrEqual(maxKeys)
  expect(c.error).toBeLessThanOrEqual(n / maxKeys)
  for (const [k, f] of exact) {
    const estimate = c.counts.get(k)
    if (estimate === undefined) expect(f).toBeLessThanOrEqual(c.error)
    else {
      expect(estimate).toBeGreaterThanOrEqual(f)
      expect(estimate - f).toBeLessThanOrEqual(c.error)
    }
  }
  for (const k of listed) expect(exact.has(k)).toBe(true)
  if (exact.size <= maxKeys) {
    expect(c.error).toBe(0)
    expect([...c.counts].sort()).toEqual([...exact].sort())
  }
}

/** Skewed keys, as clients of a log are: a few heavy hitters and a long tail. */
const streamArb = fc.array(
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom('h1', 'h2', 'h3') }, { weight: 5, arbitrary: fc.integer({ min: 0, max: 60 }).map((i) => `k${i}`) }),
  { maxLength: 400 },
)

describe('counter-map', () => {
  it('counts exactly under the bound', () => {
    const c = emptyCounter()
    for (const k of ['a', 'b', 'a', '__proto__', 'a', 'b']) countInto(c, k)
    expect([...c.counts]).toEqual([['a', 3], ['b', 2], ['__proto__', 1]])
    expect(c.error).toBe(0)
    expect(topKeys(c, 2)).toEqual(['a', 'b'])
  })

  it('stays exact up to exactly the bound, and says so once it is exceeded', () => {
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}`)
    const c = counted([...keys, ...keys, 'k0'], 10)
    expect(c.error).toBe(0)
    expect(c.counts.get('k0')).toBe(3)
    countInto(c, 'new', 1, 10)
    expect(c.counts.size).toBe(10)
    expect(c.error).toBe(2)
    expect(c.counts.get('new')).toBe(3)
  })

  it('stays bounded on any number of keys and keeps a key that becomes frequent late', () => {
    const c = emptyCounter()
    for (let i = 0; i < 50_000; i++) countInto(c, `noise-${i}`, 1, 100)
    for (let i = 0; i < 50; i++) countInto(c, 'late-heavy-hitter', 1, 100)
    expect(c.counts.size).toBe(100)
    expect(topKeys(c, 1)).toEqual(['late-heavy-hitter'])
    // Space-Saving: the counts sum to the events counted.
    expect([...c.counts.values()].reduce((a, b) => a + b, 0)).toBe(50_050)
    expect(c.error).toBeLessThanOrEqual(50_050 / 100)
  })

  it('keeps its guarantee against exact counts on any stream', () => {
    fc.assert(
      fc.property(streamArb, fc.integer({ min: 1, max: 40 }), (keys, maxKeys) => {
        expectGuarantee(counted(keys, maxKeys), exactCounts(keys), maxKeys)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps its guarantee through a structured clone (a counter from a worker counts on)', () => {
    fc.assert(
      fc.property(streamArb, streamArb, fc.integer({ min: 1, max: 30 }), (first, rest, maxKeys) => {
        const c = structuredClone(counted(first, maxKeys))
        for (const k of rest) countInto(c, k, 1, maxKeys)
        expectGuarantee(c, exactCounts([...first, ...rest]), maxKeys)
      }),
      { numRuns: 200 },
    )
  })

  it('merges into a summary with the same guarantee over the whole stream, in any order, and counts on', () => {
    fc.assert(
      fc.property(fc.array(streamArb, { minLength: 1, maxLength: 5 }), streamArb, fc.integer({ min: 1, max: 40 }), fc.array(fc.nat()), (parts, after, maxKeys, picks) => {
        // Merge the parts' counters in a random tree: pick two, merge, put the sum back.
        const pool = parts.map((p) => counted(p, maxKeys))
        let p = 0
        while (pool.length > 1) {
          const a = pool.splice((picks[p++] ?? 0) % pool.length, 1)[0]!
          const b = pool.splice((picks[p++] ?? 0) % pool.length, 1)[0]!
          pool.push(mergeCounters(a, b, maxKeys))
        }
        const merged = pool[0]!
        expectGuarantee(merged, exactCounts(parts.flat()), maxKeys)
        const c = { counts: new Map(merged.counts), error: merged.error }
        for (const k of after) countInto(c, k, 1, maxKeys)
        expectGuarantee(c, exactCounts([...parts.flat(), ...after]), maxKeys)
      }),
      { numRuns: 300 },
    )
  })

  it('merges order-free, and exactly while the keys fit the bound', () => {
    fc.assert(
      fc.property(streamArb, streamArb, fc.integer({ min: 1, max: 40 }), (x, y, maxKeys) => {
        const a = counted(x, maxKeys)
        const b = counted(y, maxKeys)
        expect(mergeCounters(a, b, maxKeys)).toEqual(mergeCounters(b, a, maxKeys))
        const union = exactCounts([...x, ...y])
        if (union.size <= maxKeys) {
          const ab = mergeCounters(a, b, maxKeys)
          expect(ab.error).toBe(0)
          expect([...ab.counts].sort()).toEqual([...union].sort())
        }
      }),
      { numRuns: 200 },
    )
  })
})
