import { describe, expect, it } from 'vitest'
import { syntheticPattern } from '../../src/log-formats/pattern-entry.js'
import { logFormatDefinitionSchema, patternSchema, sampleSchema, timestampSchema } from '../../src/log-formats/schema.js'
import { schemaDefaults } from '../../src/log-formats/schema-defaults.js'

describe('schemaDefaults', () => {
  it('is what the schema fills in at each level, without the fields it requires', () => {
    const d = schemaDefaults()
    expect({ ...d.pattern, id: 'x', regex: '^$', kind: 'exchange' }).toEqual(patternSchema.parse({ id: 'x', regex: '^$', kind: 'exchange' }))
    expect({ ...d.sample, line: 'l', pattern: 'p' }).toEqual(sampleSchema.parse({ line: 'l', pattern: 'p' }))
    expect({ ...d.timestamp, format: '%s' }).toEqual(timestampSchema.parse({ format: '%s' }))
    const required = { name: 'n', title: 't', description: 'd', server: 'vsftpd', yields: 'y', sources: ['s'], patterns: [], samples: [{ line: '', pattern: 'x' }], dispatch: true } as const
    const parsed = logFormatDefinitionSchema.parse(required)
    expect({ ...d.definition, ...required, samples: parsed.samples }).toEqual(parsed)
    expect(logFormatDefinitionSchema.parse({ ...required, sessions: { key: 'field' } }).sessions).toEqual({ ...d.sessions, key: 'field' })
    expect(d.pattern).not.toHaveProperty('id')
  })

  it('returns new objects each time, so a caller may change its copy', () => {
    const a = schemaDefaults()
    a.pattern.set.user = 'changed'
    expect(schemaDefaults().pattern.set).toEqual({})
  })
})

describe('syntheticPattern', () => {
  it('equals the schema’s own result for the same fields', () => {
    const set = { ok: 'yes' } as const
    const map = { direction: { o: 'out' } }
    expect(syntheticPattern('row', 'transfer', { set, map })).toEqual(patternSchema.parse({ id: 'row', regex: '^$', kind: 'transfer', set, map }))
    expect(syntheticPattern('m', 'meta', { weak: true })).toEqual(patternSchema.parse({ id: 'm', regex: '^$', kind: 'meta', weak: true }))
  })
})
