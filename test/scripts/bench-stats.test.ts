import { describe, expect, it } from 'vitest'
import {
  checkResults,
  formatCount,
  formatSpread,
  formatTarget,
  median,
  pairRatios,
  parseRerunArgs,
  parseResults,
  parseSpread,
  renderTable,
  spread,
  verdict,
} from '../../scripts/bench-stats.mjs'

// The benchmark's arithmetic (scripts/bench-stats.mjs): no timing here, only the maths and the
// table round trip that `npm run bench -- --check FILE` relies on.

describe('median and spread', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(() => median([])).toThrow(/no values/)
  })

  it('states median, min, max and count without reordering its input', () => {
    const xs = [5, 1, 9, 3]
    expect(spread(xs)).toEqual({ median: 4, min: 1, max: 9, n: 4 })
    expect(xs).toEqual([5, 1, 9, 3])
  })
})

describe('pairRatios', () => {
  it('divides run i by run i, not medians by medians', () => {
    // A disturbance slowing round 2 for both tools cancels in its pair.
    const ftplog = [2, 8, 2.2]
    const awk = [0.5, 2, 0.5]
    expect(pairRatios(ftplog, awk)).toEqual([4, 4, 4.4])
    expect(spread(pairRatios(ftplog, awk)).median).toBe(4)
    expect(median(ftplog) / median(awk)).toBe(4.4)
  })

  it('refuses unpaired runs and non-positive denominators', () => {
    expect(() => pairRatios([1, 2], [1])).toThrow(/unpaired/)
    expect(() => pairRatios([1], [0])).toThrow(/run 1/)
  })
})

describe('cells', () => {
  it('formats and parses a spread', () => {
    expect(formatSpread({ median: 2.104, min: 1.9, max: 2.456 })).toBe('2.10 (1.90–2.46)')
    expect(formatSpread({ median: 212.4, min: 209, max: 219.6 }, 0)).toBe('212 (209–220)')
    expect(parseSpread('2.10 (1.90–2.46)')).toEqual({ median: 2.1, min: 1.9, max: 2.46, digits: 2 })
    expect(parseSpread('212 (209-220)')).toEqual({ median: 212, min: 209, max: 220, digits: 0 })
    expect(parseSpread('skipped: not installed')).toBeUndefined()
  })

  it('states targets and verdicts', () => {
    expect(formatTarget({ op: '<=', value: 4, note: '(stretch 2)' })).toBe('≤ 4 (stretch 2)')
    expect(formatTarget({ op: '>=', value: 1.6 })).toBe('≥ 1.6')
    expect(formatTarget(undefined)).toBe('—')
    const atMost4 = { op: '<=', value: 4 } as const
    expect(verdict({ median: 3, min: 2.5, max: 3.5 }, atMost4)).toBe('yes')
    expect(verdict({ median: 3.8, min: 3.5, max: 4.3 }, atMost4)).toBe('borderline')
    expect(verdict({ median: 4.1, min: 3.5, max: 4.3 }, atMost4)).toBe('no')
    const atLeast1 = { op: '>=', value: 1 } as const
    expect(verdict({ median: 1.2, min: 1.1, max: 1.3 }, atLeast1)).toBe('yes')
    expect(verdict({ median: 1.05, min: 0.9, max: 1.3 }, atLeast1)).toBe('borderline')
    expect(verdict({ median: 0.48, min: 0.4, max: 0.5 }, atLeast1)).toBe('no')
    expect(verdict({ median: 1, min: 1, max: 1 }, undefined)).toBe('—')
  })

  it('counts lines as the row labels do', () => {
    expect([formatCount(1e6), formatCount(1e7), formatCount(2e5), formatCount(1500)]).toEqual(['1M', '10M', '200k', '1,500'])
  })
})

describe('the results table read back (--check)', () => {
  const table = renderTable([
    { label: 'ftplog / mawk field pass, xferlog, 1M lines', cells: ['≤ 4', '3.20 (2.90–3.60)', '4.00 (3.80–4.20)', '0.90 / 0.28', '80 / 2', 'yes'] },
    { label: "ftplog --version / node -e ''", cells: ['—', '1.50 (1.40–1.70)', '—', '0.06 / 0.04', '50 / 39', '—'] },
    { label: 'ftpstats / ftplog, xferlog, 1M lines', cells: ['≥ 1', 'skipped: not installed', '', '', '', '—'] },
    { label: 'a | b', cells: ['—', '212 (209–220)', '—', '17.30', '—', '—'] },
  ])
  const doc = `Machine: somewhere\n\nRun: … Command: \`npm run bench -- --runs 5 --lines 200000\`\n\n${table}\n\nAfter.\n`

  it('renders a Markdown table and reads every measured spread back by its comparison', () => {
    expect(table.split('\n')[1]).toBe('|---|---|---|---|---|---|---|')
    const stated = parseResults(doc)
    expect([...stated.keys()]).toEqual(['ftplog / mawk field pass, xferlog, 1M lines', "ftplog --version / node -e ''", 'a | b'])
    expect(stated.get('a | b')).toEqual({ median: 212, min: 209, max: 220, digits: 0 })
  })

  it('reads a headline table with other columns by its "median (min–max)" header', () => {
    const headline = '| comparison | median (min–max) | target | met |\n|---|---|---|---|\n| Webalizer / ftplog, xferlog, 1M lines | 1.20 (1.10–1.30) | ≥ 1 | yes |\n'
    expect(parseResults(headline).get('Webalizer / ftplog, xferlog, 1M lines')).toEqual({ median: 1.2, min: 1.1, max: 1.3, digits: 2 })
    expect(parseResults('| a | b |\n|---|---|\n| 1 | 2 (1–3) |\n').size).toBe(0)
  })

  it('says which rerun medians fall within the stated spread, rounding them as stated', () => {
    const stated = parseResults(doc)
    const rerun = new Map([
      ['ftplog / mawk field pass, xferlog, 1M lines', 3.604], // rounds to 3.60: within
      ["ftplog --version / node -e ''", 1.706], // rounds to 1.71: outside
      ['not stated', 9],
    ])
    const checked = checkResults(stated, rerun)
    expect(checked.map((c) => [c.label, c.missing, c.within])).toEqual([
      ['ftplog / mawk field pass, xferlog, 1M lines', false, true],
      ["ftplog --version / node -e ''", false, false],
      ['a | b', true, false],
    ])
    expect(checkResults(stated, new Map([['a | b', 208.6]]))[2]).toMatchObject({ within: true, median: 208.6 })
    expect(checkResults(stated, new Map([['a | b', 208.4]]))[2]).toMatchObject({ within: false })
  })

  it('takes the options to rerun with from the Command: line', () => {
    expect(parseRerunArgs(doc)).toEqual(['--runs', '5', '--lines', '200000'])
    expect(parseRerunArgs('Command: `npm run bench`')).toEqual([])
    expect(parseRerunArgs('run `npm run bench -- --check README.md`')).toBeUndefined()
  })
})
