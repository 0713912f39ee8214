import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyConcurrency, MAX_PEAK_KEYS, mergeConcurrency, offerPeak, topPeaks, type ConcurrencyState } from '../../src/analyze/concurrency-state.js'

const peakArb = fc.record({ peak: fc.integer({ min: 0, max: 5 }), at: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) })
const stateArb: fc.Arbitrary<ConcurrencyState> = fc
  .record({
    global: peakArb,
    clients: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), peakArb), { maxLength: 6 }),
    endsNotLogged: fc.nat(3),
    sessionlessInputs: fc.nat(2),
  })
  .map(({ global, clients, endsNotLogged, sessionlessInputs }) => {
    const s = emptyConcurrency()
    s.global = global
    for (const [k, p] of clients) offerPeak(s.byClient, k, p)
    return { ...s, endsNotLogged, sessionlessInputs }
  })

/** Plain objects, so that null-prototype records compare by content. */
const plain = (s: ConcurrencyState): unknown => JSON.parse(JSON.stringify(s))

describe('mergeConcurrency', () => {
  it('keeps the largest peaks (earliest on ties), never a sum: associative, commutative, emptyConcurrency its identity', () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a, b, c) => {
        expect(plain(mergeConcurrency(mergeConcurrency(a, b), c))).toEqual(plain(mergeConcurrency(a, mergeConcurrency(b, c))))
        expect(plain(mergeConcurrency(a, b))).toEqual(plain(mergeConcurrency(b, a)))
        expect(plain(mergeConcurrency(a, emptyConcurrency()))).toEqual(plain(a))
        const m = mergeConcurrency(a, b)
        expect(m.global.peak).toBe(Math.max(a.global.peak, b.global.peak))
      }),
    )
  })

  it('bounds the per-client table at the highest peaks', () => {
    const s = emptyConcurrency()
    for (let i = 0; i < 5 * MAX_PEAK_KEYS; i++) offerPeak(s.byClient, `10.0.${Math.floor(i / 250)}.${i % 250}`, { peak: i % 7, at: i })
    expect(Object.keys(s.byClient).length).toBeLessThanOrEqual(2 * MAX_PEAK_KEYS)
    expect(topPeaks(s.byClient, 3).map(([, p]) => p.peak)).toEqual([6, 6, 6])
  })
})
