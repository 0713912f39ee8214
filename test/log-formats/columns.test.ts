import { describe, expect, it } from 'vitest'
import { buildRowRegex, compileColumns, matchColumns } from '../../src/log-formats/columns.js'
import { compileUnit } from '../../src/log-formats/compile-unit.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import type { LineMatch } from '../../src/log-formats/match-engine.js'
import { NO_GROUPS, NOT_FTP_ENTRY } from '../../src/log-formats/pattern-entry.js'
import { columnsSchema } from '../../src/log-formats/schema.js'
import { definition } from '../helpers/log-format-definition.js'

const columns = columnsSchema.parse({
  id: 'row',
  header: '^#Fields: (?<columns>.*)$',
  separator: 'space',
  fields: { 'c-ip': 'client', 'cs-method': { regex: '(?:\\[(?<session>\\d+)\\])?(?<verb>[A-Z]+)' }, 'x-session': 'session', 'sc-status': 'code' },
})

describe('buildRowRegex', () => {
  it('maps columns to groups, skips unmapped ones, makes trailing unmapped columns optional', () => {
    expect(buildRowRegex(['date', 'c-ip', 'sc-status', 'bytes'], columns)).toBe('^[^ ]* (?<client>[^ ]*) (?<code>[^ ]*)(?: .*)? *$')
  })
  it('a field filled by a plain column and a fragment goes to the plain column', () => {
    const source = buildRowRegex(['cs-method', 'x-session'], columns)
    expect(source).toBe('^(?:(?:\\[(?:\\d+)\\])?(?<verb>[A-Z]+)) (?<session>[^ ]*) *$')
  })
  it('tab separated rows use tab cells', () => {
    expect(buildRowRegex(['a', 'b'], { separator: 'tab', fields: { b: 'user' } })).toBe('^[^\\t]*\\t(?<user>[^\\t]*)$')
  })
})

describe('matchColumns', () => {
  const unit = compileUnit(definition({ timestamp: undefined, patterns: [{ id: 'x', regex: '^x$', kind: 'meta' }], columns }), { timeZone: 'UTC', year: 2024 }, bundledEnvelopes())
  const out: LineMatch = { entry: NOT_FTP_ENTRY, groups: NO_GROUPS, outer: undefined, outerTime: undefined, unit }

  it('a row before any header matches nothing; a header sets the row layout; rows then match it', () => {
    expect(matchColumns(unit.columns!, '192.0.2.1 226', unit, out)).toBeUndefined()
    expect(matchColumns(unit.columns!, '#Fields: c-ip sc-status', unit, out)?.entry.definition.id).toBe('row-header')
    expect(unit.ctx.row).toBeDefined()
    const m = matchColumns(unit.columns!, '192.0.2.1 226', unit, out)!
    expect(m.entry.definition.id).toBe('row')
    expect(m.entry.build(m.groups, undefined, undefined, 2, undefined)).toMatchObject({ client: '192.0.2.1', code: 226 })
  })

  it('the same column list reuses its compiled row entry', () => {
    const c = unit.columns!
    expect(c.rowFor(['c-ip', 'sc-status'])).toBe(c.rowFor(['c-ip', 'sc-status']))
    expect(c.rowFor(['c-ip'])).not.toBe(c.rowFor(['c-ip', 'sc-status']))
  })

  it('a header regex without a columns group is refused, naming the log format', () => {
    expect(() => compileColumns({ ...columns, header: '^#Fields: .*$' }, {}, 'mine', undefined)).toThrow('log format mine, columns header: needs a (?<columns>…) group')
  })
})
