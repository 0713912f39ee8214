import { getHeapSpaceStatistics } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { tuneHeapForAnalysis } from '../../src/cli/analysis-heap.js'

const newSpace = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size

describe('tuneHeapForAnalysis', () => {
  it('keeps the new space from growing once it has reached the cap', () => {
    tuneHeapForAnalysis(0) // cap already reached: the new space stays at its present size
    const before = newSpace()
    // Short-lived garbage with survivors, what makes V8 grow the new space.
    let keep: { i: number; s: string }[] = []
    for (let i = 0; i < 2_000_000; i++) {
      keep.push({ i, s: `x${i}` })
      if (keep.length > 50_000) keep = []
    }
    expect(keep.length).toBeGreaterThan(0)
    expect(newSpace()).toBeLessThanOrEqual(before)
  })
})
