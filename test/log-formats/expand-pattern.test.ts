import { describe, expect, it } from 'vitest'
import { InvalidDefinitionError } from '../../src/errors.js'
import { compilePattern, expandFragments, groupNames } from '../../src/log-formats/expand-pattern.js'

describe('expandFragments', () => {
  it('inserts fragments, including fragments inside fragments', () => {
    const defines = { D: '\\d+', PID: '\\[pid (?<session>{{D}})\\]' }
    expect(expandFragments('^{{PID}} {{D}}$', defines, 'x')).toBe('^\\[pid (?<session>\\d+)\\] \\d+$')
  })
  it('names the owner and the fragment when a fragment is unknown', () => {
    expect(() => expandFragments('{{NOPE}}', {}, 'log format f, pattern p')).toThrow(new InvalidDefinitionError('log format f, pattern p: unknown fragment {{NOPE}}'))
  })
  it('stops after three rounds on a cycle instead of looping', () => {
    expect(expandFragments('{{A}}', { A: '{{A}}' }, 'x')).toBe('{{A}}')
  })
})

describe('compilePattern', () => {
  it('compiles with flag u and keeps the named groups', () => {
    const re = compilePattern('^(?<code>\\d{3}) {{T}}$', { T: '(?<text>.*)' }, 'x')
    expect(re.flags).toBe('u')
    expect(re.exec('226 ok')?.groups).toEqual({ code: '226', text: 'ok' })
  })
  it('refuses group names that are not record fields', () => {
    expect(() => compilePattern('^(?<code>\\d)(?<colour>x)$', {}, 'log format f, pattern p')).toThrow('log format f, pattern p: unknown named group <colour>')
  })
  it('refuses a regex that does not compile', () => {
    expect(() => compilePattern('^(?<code>\\d$', {}, 'log format f, pattern p')).toThrow(/^log format f, pattern p: regex does not compile/)
  })
})

describe('groupNames', () => {
  it('lists each named group once, not lookbehinds or plain groups', () => {
    expect([...groupNames('(?<time>a)(?<=b)(c)(?<!d)(?<time>e)(?<host>f)')]).toEqual(['time', 'host'])
  })
})
