import { describe, expect, it } from 'vitest'
import { nestedQuantifiers } from './regex-safety.js'

describe('nestedQuantifiers', () => {
  it('finds nested quantifiers', () => {
    expect(nestedQuantifiers('^(a+)+$')).toEqual(['(a+)+'])
    expect(nestedQuantifiers('(\\d+ )*x')).toEqual(['(\\d+ )*'])
    expect(nestedQuantifiers('((ab)*c)+')).toHaveLength(1)
  })
  it('accepts flat or escaped ones', () => {
    expect(nestedQuantifiers('^Timeout \\(\\d+ seconds?\\)')).toEqual([])
    expect(nestedQuantifiers('^(?:\\d+ )?19$')).toEqual([])
    expect(nestedQuantifiers('[(+]+')).toEqual([])
  })
})
