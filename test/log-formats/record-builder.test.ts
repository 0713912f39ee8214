import { describe, expect, it } from 'vitest'
import { createRecordBuilder } from '../../src/log-formats/record-builder.js'
import { patternSchema } from '../../src/log-formats/schema.js'

const pattern = (extra: Record<string, unknown> = {}) => patternSchema.parse({ id: 'p', regex: '^$', kind: 'reply', ...extra })
const layout = (names: string[], outer: string[] = []) => ({ indexOf: new Map(names.map((n, i) => [n, i + 1])), outer: new Set(outer) })
const match = (...values: (string | undefined)[]) => Object.assign([values.join(' '), ...values], { index: 0, input: '' }) as unknown as RegExpExecArray
const parseTime = (text: string) => (text === 'bad' ? undefined : text.length)

describe('createRecordBuilder', () => {
  it('splits a reply line into code, separator and text, and a command into verb and argument', () => {
    const build = createRecordBuilder(pattern(), undefined, undefined, layout(['reply', 'command']))
    expect(build(match('421-Too many', 'retr a b.txt'), undefined, undefined, 3, undefined)).toMatchObject({
      kind: 'reply',
      line: 3,
      code: 421,
      sep: '-',
      text: 'Too many',
      verb: 'RETR',
      arg: 'a b.txt',
    })
    expect(build(match('Not a reply', 'NOOP'), undefined, undefined, 1, undefined)).toMatchObject({ code: undefined, text: 'Not a reply', verb: 'NOOP', arg: undefined })
    expect(build(match('226', undefined), undefined, undefined, 1, undefined)).toMatchObject({ code: 226, sep: ' ', text: '' })
  })

  it('normalises empty values, mapped IPv4 clients, numbers and enumerations', () => {
    const build = createRecordBuilder(pattern(), undefined, undefined, layout(['client', 'user', 'bytes', 'direction', 'status', 'ok', 'code', 'session']))
    expect(build(match('::ffff:192.0.2.1', '-', '12x', 'in', 'done', 'no', '999', ''), undefined, undefined, 1, undefined)).toMatchObject({
      client: '192.0.2.1',
      user: undefined,
      bytes: undefined,
      direction: 'in',
      status: undefined,
      ok: false,
      code: undefined,
      session: '',
    })
  })

  it('constants, value maps, null markers, then outer groups fill fields in that order', () => {
    const p = pattern({ set: { session: 'const', user: 'nobody' }, map: { direction: { o: 'out' } } })
    const build = createRecordBuilder(p, undefined, new Set(['(empty)']), layout(['direction', 'user'], ['session', 'host']))
    const r = build(match('o', '(empty)'), { session: 'outer', host: 'h1' }, undefined, 1, undefined)
    expect(r).toMatchObject({ direction: 'out', user: 'nobody', session: 'outer', host: 'h1' })
  })

  it('times: own date and time, then a header date for time-only rows, else the outer time', () => {
    const build = createRecordBuilder(pattern(), parseTime, undefined, layout(['date', 'time']))
    expect(build(match('2024-01-15', '10:00'), undefined, undefined, 1, undefined).time).toBe('2024-01-15 10:00'.length)
    expect(build(match(undefined, 'bad'), undefined, undefined, 1, '2024').time).toBe('2024 bad'.length)
    const outerOnly = createRecordBuilder(pattern(), undefined, undefined, layout([], ['time']))
    expect(outerOnly(match(), { time: 'abc' }, (t) => t.length * 10, 1, undefined).time).toBe(30)
  })

  it('reads a groups object when there is no capture layout (JSON records)', () => {
    const build = createRecordBuilder(pattern({ kind: 'exchange' }), undefined, undefined)
    expect(build({ command: 'PASV', code: '227', session: 'C1' }, undefined, undefined, 9, undefined)).toMatchObject({ kind: 'exchange', verb: 'PASV', code: 227, session: 'C1', line: 9 })
  })

  it('makes a fresh record per call', () => {
    const build = createRecordBuilder(pattern(), undefined, undefined, layout(['reply']))
    expect(build(match('226 ok'), undefined, undefined, 1, undefined)).not.toBe(build(match('226 ok'), undefined, undefined, 1, undefined))
  })
})
