import { describe, expect, it } from 'vitest'
import { createCatalog } from '../../src/catalog/catalog.js'
import { compareCodes } from '../../src/explain/compare-codes.js'
import { comparisonDocument } from '../../src/explain/comparison-document.js'
import { HEADING_LANGS, type HeadingLang } from '../../src/explain/heading-keys.js'
import { headingsFor } from '../../src/explain/headings.js'
import { renderTextDocument } from '../../src/explain/render-text-document.js'
import { createReplyRegistry } from '../../src/replies/reply-registry.js'

const registry = createReplyRegistry()
const catalog = createCatalog()

/**
 * The facts each seed page (shared/seeds/00*.txt) states about a code, as patterns over our own
 * wording. A fact is a thing the reader must learn, not a sentence to copy.
 */
const SEED_FACTS: Record<string, readonly [string, RegExp][]> = {
  '200': [
    ['name', /200 \(Command OK\)/],
    ['class', /200[^.]*2xx Positive Completion/],
    ['success', /understood and carried out/],
    ['general acknowledgement', /acknowledgement/],
    ['after TYPE, MODE, NOOP', /TYPE, MODE,[^.]*NOOP/],
    ['no fix needed', /Nothing to fix: the command succeeded/],
    ['standard reply for commands without data', /commands that return no data/],
  ],
  '220': [
    ['name', /220 \(Service Ready\)/],
    ['class', /220[^.]*2xx Positive Completion/],
    ['ready for new user', /ready for a new user/],
    ['greeting on first connect', /greeting/],
    ['immediately on connect', /As soon as a client connects/],
    ['welcome banner, server accepts connections', /welcome banner that confirms the server takes connections/],
    ['no fix needed', /Nothing to fix: the server is ready/],
    ['proceed with USER and PASS', /USER and PASS/],
  ],
  '212': [
    ['name', /212 \(Directory Status\)/],
    ['class', /212[^.]*2xx Positive Completion/],
    ['status of the current or a named directory', /the current one or the one named in the command/],
    ['after STAT on a directory', /After STAT with a directory argument/],
    ['returns listing or status', /listing or status/],
    ['no fix: informational', /Nothing to fix: it is informational/],
  ],
  '214': [
    ['name', /214 \(Help Message\)/],
    ['class', /214[^.]*2xx Positive Completion/],
    ['implementation information', /how it is implemented/],
    ['list of recognised commands', /the commands it recognises/],
    ['help on one command', /how to use one command/],
    ['after HELP', /After HELP/],
    ['no fix: informational', /Nothing to fix: it is informational/],
    ['discover supported commands', /which commands this server supports/],
  ],
  '421': [
    ['name', /421 \(Service Not Available\)/],
    ['class', /421[^.]*4xx Transient Negative/],
    ['closing control connection', /closing the control connection/],
    ['shutting down', /shutting down/],
    ['connection limit', /connection limit/],
    ['overloaded', /overloaded/],
    ['maintenance', /maintenance/],
    ['maximum concurrent connections', /maximum number of concurrent connections/],
    ['wait a few minutes and reconnect', /Wait a few minutes and reconnect/],
    ['check the connection limit', /server's limits/],
    ['rate limiting of your address', /rate-limited/],
  ],
  '426': [
    ['name', /426 \(Connection Closed\)/],
    ['class', /426[^.]*4xx Transient Negative/],
    ['connection closed; transfer aborted', /Connection closed; transfer aborted/],
    ['data connection closed during a transfer', /data connection closed while a transfer was running/],
    ['network timeout', /network timeout/],
    ['client disconnect', /client disconnect/],
    ['data connection dropped mid-transfer', /dropped connection cuts the data connection/],
    ['retry', /Retry the transfer/],
    ['network stability', /network's stability/],
    ['increase timeouts', /raise timeout values/],
    ['firewalls killing idle connections', /firewalls or NAT devices that close idle connections/],
  ],
}

const SEED_PAIRS: readonly [string, string, HeadingLang][] = [
  ['200', '426', 'en'],
  ['220', '426', 'vi'],
  ['212', '426', 'ja'],
  ['214', '426', 'ru'],
  ['200', '421', 'en'],
]

/** Headings of each seed page, in its language. */
const SEED_HEADINGS: Record<HeadingLang, readonly string[]> = {
  en: ['Description', 'When You See It', 'How to Fix', 'Key Differences', 'When to Use Which', 'Learn More'],
  vi: ['Mô tả', 'Khi bạn thấy mã này', 'Cách khắc phục', 'Sự khác biệt chính', 'Khi nào dùng cái nào', 'Tìm hiểu thêm'],
  ja: ['説明', 'このコードが表示される場合', '解決方法', '主な違い', 'どちらをいつ使うか', '詳しく見る'],
  ru: ['Описание', 'Когда вы это видите', 'Как исправить', 'Ключевые различия', 'Когда что использовать', 'Узнать больше'],
}

const flat = (text: string): string => text.replace(/\s+/g, ' ')

describe('compare carries every fact of the seed pages', () => {
  for (const [a, b, lang] of SEED_PAIRS) {
    describe(`${a} vs ${b} (${lang})`, () => {
      const comparison = compareCodes(a, b, registry, catalog)
      const text = flat(renderTextDocument(comparisonDocument(comparison, headingsFor(lang)), { width: 100 }))
      for (const code of [a, b]) {
        for (const [fact, pattern] of SEED_FACTS[code]!) {
          it(`${code}: ${fact}`, () => expect(text).toMatch(pattern))
        }
      }
      it('has the seed page\'s headings in its language', () => {
        for (const heading of SEED_HEADINGS[lang]) expect(text).toContain(heading)
      })
      it('lists numbered key differences, class first', () => {
        expect(comparison.differences.length).toBeGreaterThanOrEqual(6)
        expect(comparison.differences[0]).toMatch(new RegExp(`${a}[^;]*${a[0]}xx.*${b}[^;]*${b[0]}xx`))
      })
      it('says when to use which, per code', () => {
        expect(comparison.whenToUseWhich.map((w) => w.code)).toEqual([a, b])
      })
      it('links the RFC sections', () => {
        expect(comparison.learnMore.some((l) => l.label === 'RFC 959 §4.2.2' && l.url?.endsWith('rfc959#section-4.2.2'))).toBe(true)
      })
    })
  }
})

describe('compare goes beyond the seed pages', () => {
  const c = compareCodes('200', '426', registry, catalog)
  const text = c.differences.join('\n')
  it('says a 426 after ABOR is expected', () => expect(text).toMatch(/ABOR is expected/))
  it('names the function groups', () => expect(text).toMatch(/x0x Syntax.*x2x Connections/))
  it('quotes what servers send and names the settings behind it', () => {
    expect(text).toMatch(/vsftpd "Failure writing network stream\."/)
    expect(text).toMatch(/data_connection_timeout \(default 300\)/)
    expect(text).toMatch(/TimeoutStalled \(default 3600\)/)
  })
  it('flags folklore codes', () => {
    expect(compareCodes('430', '530', registry, catalog).differences.join('\n')).toMatch(/430 is folklore/)
  })
  it('has a heading set for every language', () => {
    for (const lang of HEADING_LANGS) expect(Object.keys(headingsFor(lang))).toEqual(Object.keys(headingsFor('en')))
  })
})
