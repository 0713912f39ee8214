import { describe, expect, it } from 'vitest'
import { InvalidDefinitionError } from '../../src/errors.js'
import { compileUnit } from '../../src/log-formats/compile-unit.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import { definition } from '../helpers/log-format-definition.js'

const time = { timeZone: 'UTC', year: 2024 }
const compile = (extra: Record<string, unknown>) => compileUnit(definition(extra), time, bundledEnvelopes())

describe('compileUnit', () => {
  it('splits entries into bare and wrapped, in definition order, and starts in state start', () => {
    const unit = compile({
      patterns: [
        { id: 'a', regex: '^a (?<time>.+)$', kind: 'meta' },
        { id: 'b', regex: '^b$', kind: 'meta', applies: ['wrapped'] },
        { id: 'c', regex: '^c$', kind: 'meta', applies: ['bare', 'wrapped'] },
      ],
      wrappers: [{ id: 'w', regex: '^\\[(?<session>\\d+)\\] ' }],
    })
    expect(unit.bare.map((e) => e.definition.id)).toEqual(['a', 'c'])
    expect(unit.wrapped.map((e) => e.definition.id)).toEqual(['b', 'c'])
    expect(unit.wrappers).toHaveLength(1)
    expect(unit.ctx.state).toBe('start')
    expect(unit.columns).toBeUndefined()
  })

  it('refuses a <time> group without a timestamp layout, naming the pattern or wrapper', () => {
    expect(() => compile({ timestamp: undefined, patterns: [{ id: 'p', regex: '^(?<time>\\d+)$', kind: 'meta' }] })).toThrow(
      new InvalidDefinitionError('log format custom, pattern p: captures <time> but no timestamp layout is defined'),
    )
    expect(() => compile({ timestamp: undefined, patterns: [{ id: 'p', regex: '^x$', kind: 'meta', applies: ['wrapped'] }], wrappers: [{ id: 'w', regex: '^(?<time>\\d+) ' }] })).toThrow(/wrapper w: captures <time>/)
  })

  it('refuses wrappers or syslog programs without a pattern for wrapped lines', () => {
    expect(() => compile({ syslog: { programs: ['mine'] } })).toThrow('log format custom: has wrappers or syslog programs but no pattern applies to wrapped lines')
  })

  it('wrapped patterns may read the groups of envelopes and wrappers; bare-only patterns do not look for them', () => {
    const unit = compile({
      timestamp: undefined,
      patterns: [
        { id: 'bare', regex: '^(?<text>x)$', kind: 'meta' },
        { id: 'wrapped', regex: '^(?<text>x)$', kind: 'meta', applies: ['wrapped'] },
      ],
      wrappers: [{ id: 'w', regex: '^(?<user>\\w+): ' }],
    })
    const [bare] = unit.bare
    const [wrapped] = unit.wrapped
    const m = bare!.fast!.exec('x')!
    expect(bare!.build(m, { user: 'bob', host: 'h' }, undefined, 1, undefined)).toMatchObject({ user: undefined, host: undefined })
    expect(wrapped!.build(m, { user: 'bob', host: 'h' }, undefined, 1, undefined)).toMatchObject({ user: 'bob', host: 'h' })
  })
})
