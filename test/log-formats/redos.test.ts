import { describe, expect, it } from 'vitest'
import { allPatterns } from '../helpers/all-patterns.js'
import { recheckPattern, recordedVerdicts, recordVerdicts, verdictOf, type Verdict } from '../helpers/redos-check.js'

// ReDoS safety without a stopwatch: recheck (a static ReDoS analyzer: automata theory, and a
// step-counting fuzzer where the automaton is too large) judges every pattern ftplog compiles
// from its data. A flagged pattern is fixed in the data, never excused.
//
// recheck needs seconds per pattern, so its verdicts are recorded in redos-verdicts.json, keyed by
// the exact pattern source, flags, recheck version and parameters: a new or changed pattern is
// checked here, live; `npm run redos` (FTPLOG_REDOS=all) checks every pattern again and rewrites
// the file. The growth check on 64 KB vs 1 MB lines is in `npm run bench`.
const ALL = process.env.FTPLOG_REDOS === 'all'
const patterns = allPatterns()

describe('ReDoS: recheck finds every pattern safe', () => {
  it('covers log formats, envelopes, timestamp layouts, the catalog, reply variants and --template', () => {
    const kinds = new Set(patterns.map((p) => p.id.split(/[ ,]/)[0]))
    expect([...kinds].sort()).toEqual(['--template', 'catalog', 'envelope', 'log', 'reply', 'timestamp'])
    expect(patterns.length).toBeGreaterThan(200)
  })

  it('every pattern is safe', () => {
    const recorded = ALL ? new Map<string, Verdict>() : recordedVerdicts()
    const verdicts: Verdict[] = []
    const problems: string[] = []
    let fresh = 0
    for (const p of patterns) {
      const { verdict, fresh: isFresh } = verdictOf(p.source, p.flags, recorded)
      if (isFresh) fresh++
      verdicts.push(verdict)
      if (verdict.status !== 'safe') problems.push(`${p.id}: ${verdict.status} (${verdict.summary})${verdict.attack ? `, attack ${verdict.attack}` : ''}\n  /${p.source}/${p.flags}`)
    }
    if (ALL || (fresh > 0 && problems.length === 0)) recordVerdicts(verdicts)
    expect(problems, `${problems.length} of ${patterns.length} patterns not proven safe`).toEqual([])
  }, 600_000)
})

// The analyzer is only as good as its verdicts: shapes that backtrack badly must be flagged.
describe('recheck itself', () => {
  for (const source of ['^(a+)+$', '^(\\s*\\S+)+x$', '^.*a.*b.*c$', '\\s+$', '^(?:x+x+)+y']) {
    it(`flags ${source}`, () => {
      expect(recheckPattern(source, 'u').status).toBe('vulnerable')
    })
  }
  it('finds a linear line pattern safe', () => {
    expect(recheckPattern('^(?<t>\\d{4}-\\d\\d-\\d\\d) \\[(?<pid>\\d+)\\] "(?<text>[^"]*)"$', 'u').status).toBe('safe')
  })
})
