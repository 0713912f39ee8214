import { describe, expect, it } from 'vitest'
import { countInto, emptyCounter, mergeCounters, topKeys } from '../../src/collections/counter-map.js'

describe('counter-map', () => {
  it('counts exactly under the bound', () => {
    const c = emptyCounter()
    for (const k of ['a', 'b', 'a', '__proto__', 'a', 'b']) countInto(c, k)
    expect(Object.entries(c.counts)).toEqual([['a', 3], ['b', 2], ['__proto__', 1]])
    expect(c.others).toBe(0)
    expect(topKeys(c, 2)).toEqual(['a', 'b'])
  })

  it('stays bounded on any number of keys and keeps a key that becomes frequent late', () => {
    const c = emptyCounter()
    for (let i = 0; i < 50_000; i++) countInto(c, `noise-${i}`, 1, 100)
    for (let i = 0; i < 50; i++) countInto(c, 'late-heavy-hitter', 1, 100)
    expect(Object.keys(c.counts).length).toBeLessThanOrEqual(200)
    expect(topKeys(c, 1)).toEqual(['late-heavy-hitter'])
    const total = Object.values(c.counts).reduce((a, b) => a + b, 0) + c.others
    expect(total).toBe(50_050)
  })

  it('merges order-free and keeps totals', () => {
    const a = emptyCounter()
    const b = emptyCounter()
    for (let i = 0; i < 300; i++) countInto(a, `k${i % 17}`, 1, 10)
    for (let i = 0; i < 200; i++) countInto(b, `k${i % 13}`, 2, 10)
    const ab = mergeCounters(a, b, 10)
    const ba = mergeCounters(b, a, 10)
    expect(ab).toEqual(ba)
    const sum = (c: { counts: Record<string, number>; others: number }): number => Object.values(c.counts).reduce((x, y) => x + y, 0) + c.others
    expect(sum(ab)).toBe(700)
  })
})
