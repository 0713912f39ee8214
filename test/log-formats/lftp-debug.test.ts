import { describe, expect, it } from 'vitest'
import { codeEvents } from '../../src/analyze/state.js'
import { analyze, countByRule } from '../helpers/corpus.js'
import { crossClaims } from '../helpers/cross-claims.js'
import { fixture } from '../helpers/paths.js'

// Real lftp 4.9.2 transcripts against a real pyftpdlib 1.5.7 (fixtures/lftp/PROVENANCE.md): a
// download the server breaks with 426 (lftp retries it), then an idle 421 and a reconnect.
describe('lftp debug output with time stamps', () => {
  for (const [file, retries] of [
    ['debug-t-p-c-pyftpdlib.log', 5],
    ['debug-ts-iso8601-pyftpdlib.log', 6],
  ] as const) {
    it(`${file}: every line read, reply counts equal the file's, a 426 and a 421 incident`, async () => {
      const path = fixture('lftp', file)
      const state = await analyze([path])
      const input = state.inputs[0]!
      expect(input).toMatchObject({ logFormat: 'lftp-debug', unrecognizedLines: 0 })
      expect(input.recognizedLines).toBe(input.lines)
      // Each reply's last line is '<--- NNN text' (continuations start with a space or 'NNN-').
      const expected = countByRule(path, /<--- (\d{3}) /)
      expect({ ...state.replies }).toEqual(expected)
      expect(state.replies['426']).toBe(retries)
      expect(state.replies['421']).toBe(1)
      // The 530 answers OPTS UTF8 ON sent before USER; both connections then log in.
      expect(state.logins.ok).toBe(2)
      expect(state.sessions.total).toBe(2)
      expect(state.incidents.map((i) => codeEvents(i, '426'))).toContain(retries)
      expect(state.incidents.map((i) => codeEvents(i, '421'))).toContain(1)
      // Times come from the prefix: lftp's local time (read as UTC here) or the wrapper's offset.
      expect(input.firstTime).toBe(Date.UTC(2026, 11, 1, 12, 24, file.startsWith('debug-t-') ? 36 : 59))
    })
  }

  it('no other log format matches its sample lines, and it matches none of theirs', () => {
    expect(crossClaims('lftp-debug')).toEqual([])
  })
})
