import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createReplyRegistry } from '../../src/replies/reply-registry.js'
import { memoryIO } from '../helpers/memory-io.js'

async function ftplog(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO()
  const code = await run(argv, io)
  return { code, out: io.out(), err: io.err() }
}

/**
 * Golden outputs: real files under test/golden, small renderings of each command and formatter.
 * Whole-table dumps (JSON, `codes`, `explain 421`) are not snapshotted: they only copied the
 * bundled data; the facts they must hold are asserted below against the registry and catalog.
 */
const GOLDEN: readonly [string, readonly string[]][] = [
  ['explain-421-vsftpd-max-per-ip.txt', ['explain', '421', '--server', 'vsftpd', '--message', '421 There are too many connections from your internet address.']],
  ['explain-421-vsftpd-max-per-ip.md', ['explain', '421', '--server', 'vsftpd', '--message', '421 There are too many connections from your internet address.', '-f', 'markdown']],
  ['explain-530-proftpd-max-clients.txt', ['explain', '530', '--server', 'proftpd', '--message', 'Sorry, the maximum number of allowed clients (2) are already connected.']],
  ['explain-426-proftpd.txt', ['explain', '426', '--server', 'proftpd']],
  ['explain-425-pure-ftpd-logout.txt', ['explain', '425', '--server', 'pure-ftpd', '--message', 'Logout.']],
  ['explain-522-ja.txt', ['explain', '522', '--lang', 'ja']],
  ['explain-299.txt', ['explain', '299']],
  ['explain-win32-10054.txt', ['explain', '10054']],
  ['explain-iis-substatus-19.md', ['explain', '19', '--iis-substatus', '-f', 'markdown']],
  ['compare-200-426.txt', ['compare', '200', '426']],
  ['compare-200-426.md', ['compare', '200', '426', '-f', 'markdown']],
  ['compare-220-426-vi.txt', ['compare', '220', '426', '--lang', 'vi']],
  ['compare-212-426-ja.md', ['compare', '212', '426', '--lang', 'ja', '-f', 'markdown']],
  ['compare-214-426-ru.txt', ['compare', '214', '426', '--lang', 'ru']],
  ['compare-200-421.txt', ['compare', '200', '421']],
  ['codes-class-4.txt', ['codes', '--class', '4']],
  ['codes-rfc-2228.txt', ['codes', '--rfc', '2228']],
  ['codes-server-pure-ftpd.txt', ['codes', '--server', 'pure-ftpd']],
  ['codes-server-filezilla-server.md', ['codes', '--server', 'filezilla-server', '-f', 'markdown']],
  ['codes-win32.txt', ['codes', '--win32']],
  ['codes-iis-substatus.md', ['codes', '--iis-substatus', '-f', 'markdown']],
]

describe('explain, compare, codes: golden outputs', () => {
  for (const [file, argv] of GOLDEN) {
    it(`ftplog ${argv.join(' ')}`, async () => {
      const r = await ftplog(...argv)
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
      if (file.endsWith('.json')) expect(() => JSON.parse(r.out)).not.toThrow()
      await expect(r.out).toMatchFileSnapshot(`../golden/${file}`)
    })
  }
})

describe('explain, compare, codes: what the whole-table outputs hold', () => {
  const registry = createReplyRegistry()
  const catalog = createCatalog()
  const json = async (...argv: string[]): Promise<unknown> => {
    const r = await ftplog(...argv, '-f', 'json')
    expect(r.code).toBe(0)
    return JSON.parse(r.out)
  }

  it('codes -f json lists every registry code once, in order; codes and codes -f markdown name each of them', async () => {
    const codes = (await json('codes')) as { code: string; shortName: string }[]
    expect(codes.map((c) => c.code)).toEqual(registry.entries.map((e) => e.code))
    for (const argv of [['codes'], ['codes', '-f', 'markdown']]) {
      const out = (await ftplog(...argv)).out
      for (const e of registry.entries) expect(out, `${argv.join(' ')}: ${e.code}`).toContain(e.code)
    }
  })

  it('explain 421 -f json gives the registry facts and every catalog message with code 421', async () => {
    const r = (await json('explain', '421')) as { kind: string; facts: { code: string; shortName: string }; serverMessages: { id: string }[] }
    const entry = registry.entries.find((e) => e.code === '421')!
    expect(r.kind).toBe('reply-code')
    expect(r.facts).toMatchObject({ code: '421', shortName: entry.shortName })
    expect(r.serverMessages.map((m) => m.id).sort()).toEqual(catalog.entries.filter((m) => m.code === 421).map((m) => m.id).sort())
    for (const argv of [['explain', '421'], ['explain', '421', '-f', 'markdown']]) expect((await ftplog(...argv)).out).toContain(entry.shortName)
  })

  it('explain 421 --server vsftpd --message … -f json matches the vsftpd max_per_ip message', async () => {
    const r = (await json('explain', '421', '--server', 'vsftpd', '--message', '421 There are too many connections from your internet address.')) as { messageMatched: boolean; serverMessages: { id: string; server: string }[] }
    expect(r.messageMatched).toBe(true)
    expect(r.serverMessages[0]?.id).toBe('vsftpd-max-per-ip')
    expect(r.serverMessages.every((m) => m.server === 'vsftpd')).toBe(true)
  })

  it('compare 200 426 -f json compares the two codes', async () => {
    const r = (await json('compare', '200', '426')) as { kind: string; a: { code: string }; b: { code: string }; differences: unknown[] }
    expect([r.a.code, r.b.code]).toEqual(['200', '426'])
    expect(r.differences.length).toBeGreaterThan(0)
  })

  it('codes --server iis -f json lists the catalog entries of IIS', async () => {
    const r = (await json('codes', '--server', 'iis')) as { id: string; server: string }[]
    expect(r.map((m) => m.id).sort()).toEqual(catalog.entries.filter((m) => m.server === 'iis').map((m) => m.id).sort())
  })
})

describe('explain, compare, codes: errors', () => {
  const cases: readonly [string, readonly string[], RegExp][] = [
    ['a two-digit code', ['explain', '42'], /"42" is not a reply code/],
    ['letters', ['explain', 'abc'], /"abc" is not a reply code/],
    ['a first digit of 7', ['explain', '700'], /"700" is not a reply code/],
    ['a Windows number without --win32', ['explain', '5'], /ERROR_ACCESS_DENIED: ftplog explain 5 --win32/],
    ['one code to compare', ['compare', '200'], /compare needs exactly two reply codes, got 1/],
    ['three codes to compare', ['compare', '200', '421', '426'], /got 3/],
    ['the same code twice', ['compare', '421', '421'], /two different codes/],
    ['a malformed code to compare', ['compare', '200', '4x6'], /"4x6" is not a reply code/],
    ['an unknown server', ['explain', '421', '--server', 'nginx'], /--server: unknown server family "nginx"/],
    ['an unknown formatter', ['codes', '-f', 'xml'], /-f: unknown formatter "xml"/],
    ['an unknown language', ['compare', '200', '426', '--lang', 'fr'], /--lang: unknown language "fr"/],
    ['a class out of range', ['codes', '--class', '9'], /--class: "9" is not a reply class/],
    ['a bad RFC number', ['codes', '--rfc', 'x'], /--rfc: "x" is not an RFC number/],
    ['two tables at once', ['codes', '--win32', '--server', 'iis'], /choose one of/],
    ['an unknown Windows number', ['explain', '4242', '--win32'], /not a Windows error number/],
    ['an unknown IIS substatus', ['explain', '99', '--iis-substatus'], /not an IIS FTP substatus/],
  ]
  for (const [what, argv, message] of cases) {
    it(`rejects ${what} with one line and exit 2`, async () => {
      const r = await ftplog(...argv)
      expect(r.code).toBe(2)
      expect(r.out).toBe('')
      expect(r.err).toMatch(message)
      expect(r.err.trimEnd().split('\n')).toHaveLength(1)
    })
  }

  it('explains a well-formed code outside the registry from its digits and says so', async () => {
    const r = await ftplog('explain', '299')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/299 is not in ftplog's registry/)
    expect(r.out).toMatch(/2xx Positive Completion/)
  })
})

describe('explain escapes hostile --message text', () => {
  const hostile = '421 \u001b[31mred\u001b[0m | `tick` <script>alert(1)</script> [x](javascript:y)\r\nInjected: line'
  it('makes control characters visible in text output', async () => {
    const r = await ftplog('explain', '421', '--message', hostile)
    expect(r.code).toBe(0)
    expect(r.out).not.toMatch(/\u001b/)
    expect(r.out).not.toMatch(/\r/)
    expect(r.out).toContain('\\x1b[31mred')
  })
  it('escapes table and inline markup in Markdown output', async () => {
    const r = await ftplog('explain', '421', '--message', hostile, '-f', 'markdown')
    expect(r.out).not.toMatch(/\u001b/)
    const outsideFences = r.out.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '')
    expect(outsideFences).not.toContain('<script>')
    expect(outsideFences).not.toContain('](javascript:')
    // The message is quoted in a fenced block, so its own backticks and pipes cannot escape it.
    expect(r.out).toMatch(/```text\n421 \\x1b\[31mred\\x1b\[0m \| `tick` <script>/)
  })
  it('keeps the message verbatim in JSON', async () => {
    const r = await ftplog('explain', '421', '--message', hostile, '-f', 'json')
    expect(JSON.parse(r.out).query.message).toBe(hostile.slice(4))
  })
})
