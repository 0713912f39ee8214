import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  escapeCsvField,
  escapeHtml,
  escapeMarkdown,
  escapeWorkflowData,
  escapeWorkflowProperty,
  escapeXml,
  fencedBlock,
  inlineCode,
  removeInvalidXmlChars,
  toJsonLine,
} from '../../src/formatters/escape.js'

describe('escapeXml', () => {
  it('escapes markup and drops XML 1.0-invalid characters', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;')
    expect(escapeXml('x\u0000\u001b[31m\uFFFE\uD800y')).toBe('x[31my')
    expect(escapeXml('a\tb\nc')).toBe('a&#9;b&#10;c')
    expect(escapeXml('😀 Grüße')).toBe('😀 Grüße')
  })

  it('never leaves an invalid character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeXml(s)).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u)
        expect(removeInvalidXmlChars(s)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
        expect(escapeXml(s)).not.toMatch(/[<>"]/)
      }),
    )
  })
})

describe('workflow command escaping', () => {
  it('encodes %, CR and LF in data; also : and , in properties', () => {
    expect(escapeWorkflowData('50%\r\n::x')).toBe('50%25%0D%0A::x')
    expect(escapeWorkflowProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A')
  })

  it('round-trips through the runner decoding (property)', () => {
    const decode = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = escapeWorkflowProperty(s)
        expect(p).not.toMatch(/[\r\n:,]/)
        expect(decode(p)).toBe(s)
        expect(decode(escapeWorkflowData(s))).toBe(s)
      }),
    )
  })
})

describe('markdown escaping', () => {
  it('backslash-escapes table and inline syntax, flattens lines, shows controls', () => {
    expect(escapeMarkdown('a|b `c` <x> *y* [z](u) @team')).toBe('a\\|b \\`c\\` \\<x\\> \\*y\\* \\[z\\](u) \\@team')
    expect(escapeMarkdown('l1\nl2\u001b[1m')).toBe('l1 l2\\\\x1b\\[1m')
  })

  it('fences text with a fence longer than any backtick run', () => {
    expect(fencedBlock('a ``` b ```` c')).toBe('`````text\na ``` b ```` c\n`````')
    expect(fencedBlock('plain')).toBe('```text\nplain\n```')
    expect(inlineCode('a`b')).toBe('``a`b``')
    expect(inlineCode('`x')).toBe('`` `x ``')
  })

  it('fenced text can never close its fence (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', 'a', '\n', ' ') }), (s) => {
        const block = fencedBlock(s)
        const fence = /^`+/.exec(block)![0]
        const inner = block.split('\n').slice(1, -1)
        for (const line of inner) expect(line.trim().startsWith(fence) && /^`+$/.test(line.trim())).toBe(false)
      }),
    )
  })
})

describe('escapeCsvField', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(escapeCsvField('plain')).toBe('plain')
    expect(escapeCsvField('a,b')).toBe('"a,b"')
    expect(escapeCsvField('say "hi"')).toBe('"say ""hi"""')
    expect(escapeCsvField('l1\nl2')).toBe('l1\\x0al2')
    expect(escapeCsvField('=1+1')).toBe("'=1+1")
    expect(escapeCsvField('+1')).toBe("'+1")
    expect(escapeCsvField('-1')).toBe("'-1")
    expect(escapeCsvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(escapeCsvField('\tx')).toBe(' x')
    expect(escapeCsvField('\r=x')).toBe('\\x0d=x')
    expect(escapeCsvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(escapeCsvField(-5)).toBe('-5')
  })

  it('neutralises C0/C1 controls, DEL and bidi controls like the text formatter', () => {
    expect(escapeCsvField('a\u001b[31mb\u0007c')).toBe('a\\x1b[31mb\\x07c')
    expect(escapeCsvField('x\u009by\u007fz')).toBe('x\\x9by\\x7fz')
    expect(escapeCsvField('abc\u202eexe.txt')).toBe('abc\\u202eexe.txt')
    expect(escapeCsvField('\u001b=cmd')).toBe('\\x1b=cmd')
    expect(escapeCsvField(null)).toBe('')
  })
})

describe('escapeHtml', () => {
  it('escapes markup and shows control characters', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;')
    expect(escapeHtml('a\u001b[31mb\nc')).toBe('a\\x1b[31mb\nc')
  })

  it('leaves no tag or attribute breakout (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/)
      }),
    )
  })
})

describe('toJsonLine', () => {
  it('escapes U+0085, U+2028 and U+2029, which line-splitting readers take as line ends', () => {
    const value = { text: 'a\u0085b\u2028c\u2029d\ne' }
    const line = toJsonLine(value)
    expect(line).toBe('{"text":"a\\u0085b\\u2028c\\u2029d\\ne"}')
    expect(line.split(/\r\n|[\n\r\u0085\u2028\u2029]/)).toHaveLength(1)
    expect(JSON.parse(line)).toEqual(value)
  })
})
