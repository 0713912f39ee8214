import { describe, expect, it } from 'vitest'
import { clip, clipMiddle, displayWidth, padEnd, wrap } from '../../src/formatters/text-layout.js'

describe('text layout', () => {
  it('counts display columns: wide CJK and emoji twice, ANSI colour codes and combining marks not at all', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('状態')).toBe(4)
    expect(displayWidth('🎉')).toBe(2)
    expect(displayWidth('\u001b[31mred\u001b[39m')).toBe(3)
    expect(displayWidth('e\u0301')).toBe(1)
    expect(padEnd('状態', 6)).toBe('状態  ')
  })

  it('wraps by columns', () => {
    const lines = wrap('状態 状態 状態 状態', 11, '  ', '  ')
    expect(lines).toEqual(['  状態 状態', '  状態 状態'])
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(11)
    expect(wrap('状態 状態 状態', 10, '', '')).toEqual(['状態 状態', '状態'])
  })

  it('clips by columns without splitting a character or a colour code', () => {
    expect(clip('abcdef', 4)).toBe('abc…')
    expect(clip('abc', 4)).toBe('abc')
    const cut = clip('状態状態状態', 6)
    expect(cut).toBe('状態…')
    expect(displayWidth(cut)).toBeLessThanOrEqual(6)
    expect(clip('👍🏽👍🏽👍🏽', 5)).toBe('👍🏽👍🏽…')
    expect(clip('\u001b[31m✖\u001b[39m abcdef', 5)).toBe('\u001b[31m✖\u001b[39m ab…')
  })

  it('cuts the middle of long lines, keeping head and tail within the width', () => {
    const line = `2024-01-15 10:00:00 ${'x'.repeat(100)} 421 Too many`
    const cut = clipMiddle(line, 60)
    expect(displayWidth(cut)).toBe(60)
    expect(cut.startsWith('2024-01-15 10:00:00')).toBe(true)
    expect(cut.endsWith('421 Too many')).toBe(true)
    const wide = clipMiddle(`${'状'.repeat(50)}END`, 40)
    expect(displayWidth(wide)).toBeLessThanOrEqual(40)
    expect(wide.endsWith('END')).toBe(true)
  })
})
