import { describe, expect, it } from 'vitest'
import { patternDefaults } from '../../src/log-formats/pattern-defaults.js'
import { syntheticPattern } from '../../src/log-formats/pattern-entry.js'
import { patternSchema } from '../../src/log-formats/schema.js'

describe('patternDefaults', () => {
  it('is what the schema fills in, without id, regex and kind', () => {
    const parsed = patternSchema.parse({ id: 'x', regex: '^$', kind: 'exchange' })
    expect({ ...patternDefaults(), id: 'x', regex: '^$', kind: 'exchange' }).toEqual(parsed)
    expect(patternDefaults()).not.toHaveProperty('id')
  })

  it('returns a new object each time, so a caller may change its copy', () => {
    const a = patternDefaults()
    a.set.user = 'changed'
    expect(patternDefaults().set).toEqual({})
  })
})

describe('syntheticPattern', () => {
  it('equals the schema’s own result for the same fields', () => {
    const set = { ok: 'yes' } as const
    const map = { direction: { o: 'out' } }
    expect(syntheticPattern('row', 'transfer', { set, map })).toEqual(patternSchema.parse({ id: 'row', regex: '^$', kind: 'transfer', set, map }))
    expect(syntheticPattern('m', 'meta', { weak: true })).toEqual(patternSchema.parse({ id: 'm', regex: '^$', kind: 'meta', weak: true }))
  })

  it('leaves a default in place when an option is not given', () => {
    expect(syntheticPattern('m', 'meta', { set: undefined }).set).toEqual({})
  })
})
