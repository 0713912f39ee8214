import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ESCAPERS, type EscapeTarget } from '../../src/formatters/escape.js'

/** Characters that must not reach a terminal raw: C0 (tab included: it becomes a space), DEL, C1, bidi embeddings, overrides and isolates. */
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
/** Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets), lone surrogates included. */
const XML_INVALID = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u
const ENTITY_OR_PLAIN_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/

/** When an escaper's output is safe for its target. */
const SAFE: Record<EscapeTarget, (out: string) => boolean> = {
  terminal: (out) => !TERMINAL_UNSAFE.test(out),
  xml: (out) => !XML_INVALID.test(out) && !/[<>"]/.test(out) && !ENTITY_OR_PLAIN_AMP.test(out),
  // Element content: quotes may stay, markup and invalid characters may not.
  'xml-text': (out) => !XML_INVALID.test(out) && !/[<>]/.test(out) && !ENTITY_OR_PLAIN_AMP.test(out),
  html: (out) => !/[<>"'\u0000]/.test(out) && !ENTITY_OR_PLAIN_AMP.test(out),
  // A table cell: no raw pipe or raw `<` (backslash-escaped ones are literal, CommonMark §2.4), no line break.
  markdown: (out) => !/(^|[^\\])[|<]/.test(out) && !/[\r\n]/.test(out),
  // GitHub workflow commands: https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions
  'workflow-data': (out) => !/[\r\n]/.test(out) && !/%(?!25|0D|0A)/.test(out),
  'workflow-property': (out) => !/[\r\n:,]/.test(out) && !/%(?!25|0D|0A|3A|2C)/.test(out),
  // RFC 4180 field: plain, or quoted with inner quotes doubled; and no formula at its start.
  // eslint-disable-next-line no-control-regex
  csv: (out) => (/^[^",]*$/.test(out) || /^"(?:[^"]|"")*"$/.test(out)) && !/^"?[=+\-@]/.test(out) && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(out),
}

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom('\u001b[31m', '\u009b', '\r', '\n', '\t', '\u202e', '\u2066', '<script>', '&amp;', '&', '|', '`', '%', '%0A', ':', ',', '"', "'", '=cmd', '\ud800', '\udfff', '\u0000', '\u007f', 'é', '🎉'), { maxLength: 12 }).map((p) => p.join('')),
)

describe('escapers', () => {
  it('every escaper has a safety predicate for its target', () => {
    for (const e of ESCAPERS) expect(SAFE[e.target], `no predicate for target ${e.target} (${e.name})`).toBeTypeOf('function')
    expect(ESCAPERS.length).toBeGreaterThan(0)
  })

  for (const { name, target, escape } of ESCAPERS) {
    it(`${name}: output is safe for ${target} on any input, and never throws`, () => {
      fc.assert(
        fc.property(hostile, (text) => {
          const out = escape(text)
          expect(typeof out).toBe('string')
          expect(SAFE[target](out), JSON.stringify({ text, out })).toBe(true)
        }),
        { numRuns: 1000 },
      )
    })
  }

  it('the predicates reject what they must (so this test can fail)', () => {
    expect(SAFE.terminal('a\u001b[2Jb')).toBe(false)
    expect(SAFE.terminal('a\u202eb')).toBe(false)
    expect(SAFE.xml('a<b')).toBe(false)
    expect(SAFE.xml('a\u0001b')).toBe(false)
    expect(SAFE.xml('a &amp; b')).toBe(true)
    expect(SAFE.markdown('a|b')).toBe(false)
    expect(SAFE.markdown('a\\|b')).toBe(true)
    expect(SAFE['workflow-data']('50%')).toBe(false)
    expect(SAFE['workflow-property']('a:b')).toBe(false)
    expect(SAFE.csv('=1+1')).toBe(false)
    expect(SAFE.csv('"a ""b"""')).toBe(true)
    expect(SAFE.html("it's")).toBe(false)
  })
})
