import { describe, expect, it } from 'vitest'
import { escapeMarkdown, fencedBlock } from '../../src/formatters/escape.js'
import { renderMarkdownDocument } from '../../src/explain/render-markdown-document.js'
import { renderTextDocument } from '../../src/explain/render-text-document.js'
import { sourceLink } from '../../src/explain/rfc-link.js'

describe('escapeMarkdown (as the reference renderer uses it)', () => {
  it('escapes what breaks a table cell or injects markup', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b')
    expect(escapeMarkdown('`x`')).toBe('\\`x\\`')
    expect(escapeMarkdown('<img src=x>')).toBe('\\<img src=x\\>')
    expect(escapeMarkdown('[a](b)')).toBe('\\[a\\](b)')
    expect(escapeMarkdown('one\ntwo')).toBe('one two')
    expect(escapeMarkdown('\u001b[1m')).toBe('\\\\x1b\\[1m')
  })
})

describe('fencedBlock (as the reference renderer uses it)', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(fencedBlock('a ```` b')).toBe('`````text\na ```` b\n`````')
    expect(fencedBlock('plain')).toBe('```text\nplain\n```')
  })
})

describe('text document renderer', () => {
  it('wraps paragraphs at the width and indents bodies', () => {
    const out = renderTextDocument([{ kind: 'heading', text: 'H' }, { kind: 'paragraph', text: 'word '.repeat(30).trim() }], { width: 40 })
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(40)
    expect(out.split('\n')[1]).toMatch(/^ {2}word/)
  })
  it('aligns fields by display width, counting CJK characters twice', () => {
    const out = renderTextDocument([{ kind: 'fields', rows: [['説明', 'x'], ['ab', 'y']] }])
    const [a, b] = out.split('\n')
    // '  説明  x': the two wide characters fill four columns, like 'ab' plus two spaces.
    expect(a).toBe('  説明  x')
    expect(b).toBe('  ab    y')
  })
  it('turns a table too wide for the terminal into records', () => {
    const long = 'x'.repeat(60)
    const out = renderTextDocument([{ kind: 'table', columns: ['A', 'B', 'C'], rows: [[long, long, long]] }], { width: 80 })
    expect(out).toMatch(/^ {4}B {2}x{60}$/m)
  })
})

describe('Markdown document renderer', () => {
  it('escapes table cells', () => {
    const out = renderMarkdownDocument([{ kind: 'table', columns: ['a|b'], rows: [['c|d']] }])
    expect(out).toBe('| a\\|b |\n| --- |\n| c\\|d |\n')
  })
})

describe('sourceLink', () => {
  it('links RFC sections on the IETF datatracker', () => {
    expect(sourceLink({ rfc: 959, section: '4.2.2' })).toEqual({ label: 'RFC 959 §4.2.2', url: 'https://datatracker.ietf.org/doc/html/rfc959#section-4.2.2' })
    expect(sourceLink({ ref: 'vsftpd 3.0.2 prelogin.c' })).toEqual({ label: 'vsftpd 3.0.2 prelogin.c', url: undefined })
  })
})
