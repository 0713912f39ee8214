import { describe, expect, it } from 'vitest'
import { detach, detachOptional } from '../../src/collections/detach-string.js'

describe('detach', () => {
  it('returns the same text for every length, either side of the shortest view V8 makes (13)', () => {
    const parent = `${'x'.repeat(70_000)} ${'abcdefghijklmnopqrstuvwxyzé€𝄞'.repeat(2)}`
    for (let length = 0; length <= 40; length++) {
      const view = parent.slice(70_001, 70_001 + length)
      expect(detach(view)).toBe(view)
    }
  })

  it('keeps undefined', () => {
    expect(detachOptional(undefined)).toBeUndefined()
    expect(detachOptional('RETR')).toBe('RETR')
  })
})
