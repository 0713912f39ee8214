import { describe, expect, it } from 'vitest'
import { InvalidDefinitionError } from '../../src/errors.js'
import { compileUnit } from '../../src/log-formats/compile-unit.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import { advanceContext, freshLineContext, matchFirst, type LineMatch } from '../../src/log-formats/match-engine.js'
import { indexedEntry, NO_FIELDS, NO_GROUPS, NOT_FTP_ENTRY, syntheticPattern } from '../../src/log-formats/pattern-entry.js'
import { patternSchema } from '../../src/log-formats/schema.js'
import { definition } from '../helpers/log-format-definition.js'

const time = { timeZone: 'UTC', year: 2024 }
const entry = (id: string, regex: string, extra: Record<string, unknown> = {}) =>
  indexedEntry(patternSchema.parse({ id, regex, kind: 'meta', ...extra }), new RegExp(regex, 'u'), undefined, undefined, NO_FIELDS)

describe('pattern entries', () => {
  it('match by capture index and read named groups from the indexed match', () => {
    const e = entry('a', '^(x)?(?<session>\\d+) (?<user>\\w+)$')
    expect(e.fast!.source).not.toContain('?<')
    const m = e.fast!.exec('12 bob')!
    expect(e.read(m, 'user')).toBe('bob')
    expect(e.read(m, 'session')).toBe('12')
    expect(e.read(m, 'host')).toBeUndefined()
  })
  it('refuse named backreferences, naming the pattern', () => {
    expect(() => entry('twice', '^(?<user>\\w+) \\k<user>$')).toThrow(InvalidDefinitionError)
    expect(() => entry('twice', '^(?<user>\\w+) \\k<user>$')).toThrow(/pattern twice/)
  })
  it('synthetic patterns never match by regex and carry their kind and weakness', () => {
    expect(syntheticPattern('x', 'not-ftp', { weak: true })).toMatchObject({ id: 'x', kind: 'not-ftp', weak: true, regex: '^$' })
    expect(NOT_FTP_ENTRY.fast).toBeUndefined()
  })
})

describe('matchFirst and advanceContext', () => {
  const unit = compileUnit(
    definition({
      patterns: [
        { id: 'enter', regex: '^<= Recv header', kind: 'meta', enterState: 'header' },
        { id: 'guarded', regex: '^(?<text>.*)$', kind: 'meta', guard: 'needle', inState: ['start'] },
        { id: 'in-header', regex: '^0000: (?<reply>.*)$', kind: 'reply', inState: ['header'], enterState: 'start' },
        { id: 'date', regex: '^#Date: (?<date>\\S+)$', kind: 'meta', keepDate: true },
        { id: 'any', regex: '^(?<text>.*)$', kind: 'meta' },
      ],
      samples: [{ line: 'x', pattern: 'any' }],
      timestamp: undefined,
    }),
    time,
    bundledEnvelopes(),
  )
  const out: LineMatch = { entry: NOT_FTP_ENTRY, groups: NO_GROUPS, outer: undefined, outerTime: undefined, unit }

  it('the first entry allowed in the state, with its guard present, wins; the scratch match is returned filled', () => {
    expect(matchFirst(unit.bare, 'a needle here', unit, undefined, undefined, out)).toBe(out)
    expect(out.entry.definition.id).toBe('guarded')
    expect(matchFirst(unit.bare, '0000: 226 ok', unit, undefined, undefined, out)?.entry.definition.id).toBe('any')
    expect(matchFirst(unit.bare, '<= Recv header', unit, undefined, undefined, out)?.entry.definition.id).toBe('enter')
    advanceContext(out)
    expect(unit.ctx.state).toBe('header')
    expect(matchFirst(unit.bare, '0000: 226 ok', unit, { host: 'h' }, undefined, out)).toMatchObject({ outer: { host: 'h' }, unit })
    expect(out.entry.definition.id).toBe('in-header')
    advanceContext(out)
    expect(unit.ctx.state).toBe('start')
  })

  it('keepDate patterns keep their date in the line context', () => {
    matchFirst(unit.bare, '#Date: 2024-01-15', unit, undefined, undefined, out)
    expect(out.entry.definition.id).toBe('date')
    advanceContext(out)
    expect(unit.ctx.date).toBe('2024-01-15')
    Object.assign(unit.ctx, freshLineContext())
    expect(unit.ctx).toEqual({ state: 'start', date: undefined, row: undefined, json: undefined, jsonChars: 0 })
  })

  it('no match leaves the scratch match as it was', () => {
    const before = { ...out }
    expect(matchFirst([], 'x', unit, undefined, undefined, out)).toBeUndefined()
    expect({ ...out }).toEqual(before)
  })
})
