import { describe, expect, it } from 'vitest'
import { createReplyRegistry } from '../../src/replies/reply-registry.js'

const registry = createReplyRegistry()

describe('reply registry', () => {
  it('loads under its schema with unique codes', () => {
    const codes = registry.entries.map((e) => e.code)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('carries the seed facts', () => {
    expect(registry.get(200)?.shortName).toBe('Command OK')
    expect(registry.get(200)?.whenYouSeeIt).toMatch(/TYPE.*MODE.*NOOP/)
    expect(registry.get(212)?.commands).toContain('STAT')
    expect(registry.get(214)?.commands).toContain('HELP')
    expect(registry.get(220)?.howToFix).toMatch(/USER and PASS/)
    expect(registry.get(421)?.shortName).toBe('Service Not Available')
    expect(registry.get(426)?.shortName).toBe('Connection Closed')
    expect(registry.get(426)?.howToFix).toMatch(/firewall/i)
  })

  it('classifies codes by their digits', () => {
    const d = registry.describe('421')!
    expect(d.classLabel).toBe('Transient Negative Completion')
    expect(d.groupLabel).toBe('Connections')
    const unknown = registry.describe(299)!
    expect(unknown.entry).toBeUndefined()
    expect(unknown.classLabel).toBe('Positive Completion')
  })

  it('refuses malformed codes', () => {
    for (const bad of ['42', 'abc', '700', '0421', '']) expect(registry.describe(bad)).toBeUndefined()
  })

  it('finds the client-synthesized 421 variant by its text', () => {
    expect(registry.variantFor(421, { text: 'Service not available, remote server has closed connection' })?.status).toBe('client-synthesized')
    expect(registry.variantFor(421, { text: 'Timeout.' })).toBeUndefined()
  })
})
