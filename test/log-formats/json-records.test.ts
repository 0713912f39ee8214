import { describe, expect, it } from 'vitest'
import { compileUnit } from '../../src/log-formats/compile-unit.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import { continueJsonRecord, jsonGroups, matchJsonRecord, MAX_JSON_LINES, parseJsonObject } from '../../src/log-formats/json-records.js'
import type { LineMatch } from '../../src/log-formats/match-engine.js'
import { NO_GROUPS, NOT_FTP_ENTRY } from '../../src/log-formats/pattern-entry.js'
import { definition } from '../helpers/log-format-definition.js'

const json = { id: 'rec', fields: { uid: 'session', command: 'command', reply_code: 'code', 'id.orig_h': 'client' }, require: ['uid'], multiline: true }
const unit = compileUnit(definition({ timestamp: undefined, patterns: [{ id: 'x', regex: '^x$', kind: 'meta' }], json }), { timeZone: 'UTC', year: 2024 }, bundledEnvelopes())
const out: LineMatch = { entry: NOT_FTP_ENTRY, groups: NO_GROUPS, outer: undefined, outerTime: undefined, unit }
const j = unit.json!

describe('JSON records', () => {
  it('a one-line object with the required keys is a record; dotted keys are literal', () => {
    const m = matchJsonRecord(j, '{"uid":"C1","command":"PASV","reply_code":227,"id.orig_h":"192.0.2.1"}', unit, out)!
    expect(m.entry.definition.id).toBe('rec')
    expect(m.entry.build(m.groups, undefined, undefined, 1, undefined)).toMatchObject({ kind: 'exchange', session: 'C1', verb: 'PASV', code: 227, client: '192.0.2.1' })
  })

  it('objects without a required key, arrays, invalid JSON and other lines are not records', () => {
    for (const line of ['{"command":"PASV"}', '[1]', '{"uid":', 'uid C1']) expect(matchJsonRecord(j, line, unit, out), line).toBeUndefined()
  })

  it('a lone { opens an object read over several lines; a lone } closes it', () => {
    expect(matchJsonRecord(j, '{', unit, out)?.entry.definition.id).toBe('rec-part')
    expect(unit.ctx.json).toEqual(['{'])
    expect(continueJsonRecord(j, '  "uid": "C2",', unit, out)?.entry.definition.id).toBe('rec-part')
    expect(continueJsonRecord(j, '  "command": "QUIT"', unit, out)?.entry.definition.id).toBe('rec-part')
    const m = continueJsonRecord(j, '}', unit, out)!
    expect(m.entry.definition.id).toBe('rec')
    expect(m.groups).toEqual({ session: 'C2', command: 'QUIT' })
    expect(unit.ctx.json).toBeUndefined()
  })

  it('an object past the line bound is dropped', () => {
    matchJsonRecord(j, '{', unit, out)
    let lines = 1
    while (unit.ctx.json !== undefined && lines < 3 * MAX_JSON_LINES) {
      expect(continueJsonRecord(j, `"k${lines}": 1,`, unit, out)?.entry.definition.id).toBe('rec-part')
      lines++
    }
    expect(lines).toBe(MAX_JSON_LINES + 1)
  })

  it('parseJsonObject and jsonGroups: objects only; scalars become text; the first key listed wins a field', () => {
    expect(parseJsonObject('null')).toBeUndefined()
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 })
    expect(jsonGroups({ a: 1, b: 'x', c: true, d: { e: 1 } }, { require: ['a'], fields: { a: 'bytes', b: 'bytes', c: 'ok', d: 'user' } })).toEqual({ bytes: '1', ok: 'true' })
    expect(jsonGroups({ a: 1 }, { require: ['z'], fields: {} })).toBeUndefined()
  })
})
