import { describe, expect, it } from 'vitest'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'

// The shared syslog / journal envelopes are data too: each sample yields its program and leaves
// the program's own message as the rest of the line.
const envelopes = bundledEnvelopes()

describe('syslog and journal envelopes', () => {
  for (const env of envelopes.text) {
    it(`${env.id}: every sample yields its program and message`, () => {
      const re = new RegExp(env.regex, 'u')
      for (const s of env.samples) {
        const m = re.exec(s.line)
        expect(m, s.line).not.toBeNull()
        expect(m!.groups?.program).toBe(s.program)
        expect(s.line.slice(m![0].length)).toBe(s.body)
      }
    })
  }
  for (const env of envelopes.json) {
    it(`${env.id}: every sample yields its program and message`, () => {
      for (const s of env.samples) {
        const obj = JSON.parse(s.line) as Record<string, string>
        expect(env.program.map((k) => obj[k]).find((v) => v !== undefined)).toBe(s.program)
        expect(obj[env.message]).toBe(s.body)
      }
    })
  }
  for (const marker of envelopes.markers) {
    it(`${marker.id}: matches its samples`, () => {
      for (const s of marker.samples) expect(new RegExp(marker.regex, 'u').test(s), s).toBe(true)
    })
  }
  it('the loose program-only header applies to known programs only', () => {
    expect(envelopes.text.find((e) => e.id === 'program-only')?.knownProgramsOnly).toBe(true)
  })
})
