import { describe, expect, it } from 'vitest'
import { adversarialLines, atomsOf } from '../helpers/adversarial-lines.js'
import { REDOS_BUDGET_MS, slowestMatch } from '../helpers/time-regex.js'

// The ReDoS tests are only as good as their inputs: known catastrophic patterns must fail them.
describe('the ReDoS harness', () => {
  it('splits a pattern into atoms and marks what repeats', () => {
    expect(atomsOf('^(?<a>\\d+) \\[([^\\]]*)\\] x?(?:ab)+$').map((a) => [a.source, a.repeated])).toEqual([
      ['\\d', true],
      [' ', false],
      ['\\[', false],
      ['[^\\]]', true],
      ['\\]', false],
      [' ', false],
      ['x', false],
      ['a', true],
      ['b', true],
    ])
  })

  // Exponential (nested or overlapping repetition), polynomial (.*a.*b…), and the quadratic scan of
  // an unanchored \s+$ over a long run of spaces.
  for (const source of ['^(a+)+$', '^(\\s*\\S+)+x$', '^(\\w+\\s?)*$', '^(.*?,){11}P', '^.*a.*b.*c.*d$', '(?:x+x+)+y', '\\s+$', 'timeout.*idle.*x']) {
    it(`catches ${source}`, () => {
      const re = new RegExp(source, 'u')
      const worst = slowestMatch(re, (size) => adversarialLines(re.source, re.flags, [], size))
      expect(worst.ms).toBeGreaterThanOrEqual(REDOS_BUDGET_MS)
      expect(worst.size).toBeLessThan(1 << 20)
    })
  }

  it('passes a linear pattern on 1 MB lines', () => {
    const re = /^(?<t>\d{4}-\d\d-\d\d) \[(?<pid>\d+)\] "(?<text>[^"]*)"$/u
    expect(slowestMatch(re, (size) => adversarialLines(re.source, re.flags, ['2024-01-15 [12] "hello world"'], size)).ms).toBeLessThan(REDOS_BUDGET_MS)
  })
})
