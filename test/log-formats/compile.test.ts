import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { logFormatDefinitionSchema } from '../../src/log-formats/schema.js'
import { InvalidDefinitionError } from '../../src/errors.js'

const registry = createLogFormatRegistry()
const time = { timeZone: 'UTC', year: 2024 }
const compile = (name: string) => compileLogFormat(registry.get(name), time, { definitions: registry.list() })

describe('log-format engine', () => {
  it('line states: a trace line is a reply only after "<= Recv header"; reset() forgets the state', () => {
    const f = compile('curl-trace')
    expect(f.parse('0000: 226 ok', 1)?.record.kind).toBe('meta')
    f.parse('<= Recv header, 8 bytes (0x8)', 2)
    expect(f.parse('0000: 226 ok', 3)?.record).toMatchObject({ kind: 'reply', code: 226 })
    f.reset()
    expect(f.parse('0000: 226 ok', 4)?.record.kind).toBe('meta')
  })

  it('a parsed line names the pattern that read it, with its repeats flag (node-ftp: the raw chunk repeats the Response: line)', () => {
    const f = compile('node-ftp')
    const chunk = f.parse("[connection] < '426 Failure writing network stream.\\r\\n'", 1)!
    expect(chunk.pattern).toMatchObject({ id: 'chunk', repeats: true })
    expect(chunk.record).toMatchObject({ kind: 'meta', code: undefined })
    const reply = f.parse("[parser] Response: code=426, buffer='Failure writing network stream.'", 2)!
    expect(reply.pattern).toMatchObject({ id: 'response', repeats: false })
    expect(reply.record).toMatchObject({ kind: 'reply', code: 426, text: 'Failure writing network stream.' })
  })

  it('header-driven columns: any order, a new header replaces the old, fields named by both a column and a fragment keep the column', () => {
    const f = compile('iis-ftp')
    f.parse('#Fields: x-session sc-status cs-method c-ip date time', 1)
    expect(f.parse('abc 226 [7]RETR 192.0.2.1 2024-01-15 10:00:00', 2)?.record).toMatchObject({ session: 'abc', code: 226, verb: 'RETR', client: '192.0.2.1', time: Date.UTC(2024, 0, 15, 10) })
    f.parse('#Fields: time c-ip cs-method sc-status', 3)
    expect(f.parse('10:00:00 192.0.2.2 [9]USER 331', 4)?.record).toMatchObject({ session: '9', code: 331, client: '192.0.2.2', time: undefined })
  })

  it('JSON objects over several lines are bounded: an unclosed one is dropped and reading goes on', () => {
    const f = compile('zeek-ftp')
    f.parse('{', 1)
    for (let i = 0; i < 2100; i++) f.parse(`  "k${i}": ${i},`, i + 2)
    const rec = f.parse('{"ts":1332010126.2,"uid":"C1","command":"PASV","reply_code":227}', 3000)
    expect(rec?.record).toMatchObject({ verb: 'PASV', code: 227, session: 'C1' })
  })

  it('envelopes: a foreign program is not FTP; an own program with an unknown message is unrecognised', () => {
    const f = compile('vsftpd')
    expect(f.parse('Jan 15 10:00:00 h sshd[1]: Accepted publickey', 1)?.record.kind).toBe('not-ftp')
    expect(f.parse('Jan 15 10:00:00 h vsftpd[1]: something vsftpd never writes', 2)).toBeUndefined()
    expect(f.parse('sshd[1]: program-only headers need a known program', 3)).toBeUndefined()
  })

  it('the syslog container parses each line with its program\'s log format', () => {
    const f = compile('syslog')
    expect(f.parse('Jan 15 10:00:00 h vsftpd[1]: [a] OK LOGIN: Client "192.0.2.1"', 1)?.definition.name).toBe('vsftpd')
    expect(f.parse('Jan 15 10:00:01 h pure-ftpd: (?@192.0.2.2) [INFO] Logout.', 2)?.definition.name).toBe('pure-ftpd')
    expect(f.parse('Jan 15 10:00:02 h ftpd[3]: repeated login failures from 192.0.2.3', 3)?.definition.name).toBe('bsd-ftpd')
  })

  const custom = (patterns: unknown[], extra: Record<string, unknown> = {}) =>
    compileLogFormat(
      logFormatDefinitionSchema.parse({
        name: 'custom',
        title: 'Custom',
        description: 'test',
        server: 'generic',
        yields: 'test',
        sources: ['test'],
        samples: [{ line: 'x', pattern: 'x' }],
        patterns,
        ...extra,
      }),
      time,
    )

  it('fields are read by capture index: plain groups and lookaheads before named ones, unmatched optional groups, constants, maps and wrapper fields', () => {
    const f = custom(
      [
        {
          id: 'reply',
          regex: '^(a|b)(?=\\d)(?<code>\\d{3})(?: (x))? (?:\\[(?<user>[^\\]]*)\\] )?(?<text>.*) (?<status>ok|bad)$',
          kind: 'reply',
          set: { session: 's1' },
          map: { status: { ok: 'complete', bad: 'incomplete' } },
          applies: ['bare', 'wrapped'],
        },
      ],
      { wrappers: [{ id: 'pid', regex: '^\\[(?<session>\\d+)\\] ' }] },
    )
    expect(f.parse('a226 x [bob] Transfer complete ok', 1)?.record).toMatchObject({ code: 226, user: 'bob', text: 'Transfer complete', status: 'complete', session: 's1' })
    const bare = f.parse('b421 Timeout bad', 2)?.record
    expect(bare).toMatchObject({ code: 421, text: 'Timeout', status: 'incomplete' })
    expect(bare?.user).toBeUndefined()
    // Behind the wrapper, the wrapper's group fills a field the body lacks, ahead of the constant.
    expect(f.parse('[77] a150 Opening ok', 3)?.record).toMatchObject({ code: 150, session: '77', text: 'Opening' })
    expect(f.patterns[0]!.regex.source).toContain('(?<code>')
  })

  it('a line is tried in order: bare patterns, JSON records, envelopes, then wrappers; the first match wins', () => {
    const f = custom(
      [
        { id: 'bare-json', regex: '^\\{"bare":(?<text>.*)\\}$', kind: 'meta' },
        { id: 'body', regex: '^(?<text>hello.*)$', kind: 'message', applies: ['wrapped'] },
      ],
      {
        json: { id: 'record', fields: { msg: 'text' }, require: ['msg'] },
        syslog: { programs: ['custom'] },
        wrappers: [{ id: 'wrapper', regex: '^(?<host>\\w+) \\w+\\[\\d+\\]: ' }],
      },
    )
    expect(f.match('{"bare":1}')?.id).toBe('bare-json')
    expect(f.match('{"msg":"x"}')?.id).toBe('record')
    // The envelope claims `host custom[1]: ` before the wrapper could; another program is not FTP.
    expect(f.parse('Jan 15 10:00:00 h custom[1]: hello', 1)?.record).toMatchObject({ kind: 'message', host: 'h', session: '1' })
    expect(f.match('Jan 15 10:00:00 h other[1]: hello')?.kind).toBe('not-ftp')
    expect(f.parse('box other[2]: hello there', 2)?.record).toMatchObject({ kind: 'message', host: 'box', text: 'hello there' })
    expect(f.parse('nothing matches', 3)).toBeUndefined()
  })

  it('a named backreference is refused with InvalidDefinitionError (captures are read by index)', () => {
    expect(() => custom([{ id: 'twice', regex: '^(?<user>\\w+) \\k<user>$', kind: 'meta' }])).toThrow(InvalidDefinitionError)
  })
})
