import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { json, jsonChunks } from '../../src/formatters/json.js'
import type { Report } from '../../src/report/report-schema.js'
import { analyzeText } from '../helpers/analyze-text.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { hostileReport } from '../helpers/hostile.js'
import { manyIncidentsLog } from '../helpers/many-incidents.js'
import { bruteForceReport, incidentsReport } from '../helpers/report-builder.js'

const stringified = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

/** Where two texts first differ, with some context, or `undefined` when they are equal (a fast failure message for large reports). */
function firstDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined
  let i = 0
  while (i < actual.length && actual[i] === expected[i]) i++
  return `at ${i}: ${JSON.stringify(actual.slice(Math.max(0, i - 80), i + 40))} instead of ${JSON.stringify(expected.slice(Math.max(0, i - 80), i + 40))}`
}

/** Every bundled real log (fixtures/real/<server>/*.log), analysed together. */
function realLogs(): string[] {
  return readdirSync('fixtures/real', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join('fixtures/real', d.name)).filter((f) => f.endsWith('.log')).map((f) => join('fixtures/real', d.name, f)))
    .sort()
}

describe('json formatter in pieces', () => {
  it('joins to JSON.stringify(report, null, 2) and a newline on the bundled real logs and edge fixtures', async () => {
    const paths = realLogs()
    expect(paths.length).toBeGreaterThan(10)
    const r = await fixtureReport([...paths, 'fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log'])
    expect(r.incidents.length).toBeGreaterThan(5)
    const chunks = [...jsonChunks(r)]
    expect(firstDifference(chunks.join(''), stringified(r))).toBeUndefined()
    expect(firstDifference(json(r, { color: false }), stringified(r))).toBeUndefined()
    // Pieces, not one text: every incident (and every input) is a piece of its own.
    expect(chunks.length).toBeGreaterThan(r.incidents.length + r.inputs.length)
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(stringified(r).length / 4)
  })

  it('joins to the same text on a report with hundreds of incidents', async () => {
    const r = await analyzeText(manyIncidentsLog(600), { gapMs: 1000 })
    expect(r.incidents.length).toBe(600)
    expect(firstDifference([...jsonChunks(r)].join(''), stringified(r))).toBeUndefined()
  })

  it('joins to the same text on hand-made reports and on hostile log text', async () => {
    for (const r of [incidentsReport(), bruteForceReport(), await hostileReport()]) expect([...jsonChunks(r)].join('')).toBe(stringified(r))
  })

  it('escapes like JSON.stringify: quotes, backslashes, newlines, control characters, lone surrogates, U+2028', () => {
    const hostile = 'a"b\\c\nd\r\u0000\u001b[31m\u2028\u2029\u0085\ud800 </script>'
    const r = {
      ...incidentsReport(),
      notices: [hostile, `${hostile}\n  "indented": 1,`],
      filters: { [hostile]: [hostile, { [hostile]: hostile }] },
    } as unknown as Report
    expect([...jsonChunks(r)].join('')).toBe(stringified(r))
  })

  it('follows JSON.stringify on what a report never holds: undefined, empty containers, toJSON, NaN', () => {
    const odd = {
      a: undefined,
      b: [undefined, () => 1, Symbol('s'), Number.NaN, -0, 1e21],
      c: {},
      d: [],
      e: new Date(Date.UTC(2024, 0, 1)),
      // Opened levels are the report's keys and their items: these sit at both.
      boxedString: new String('s'),
      boxedNumber: new Number(1),
      boxed: [new String('s'), new Number(1), new Boolean(false)],
      f: { toJSON: () => 'custom' },
      g: { h: undefined },
      i: { j: { k: [1, { l: 2 }] } },
      n: null,
    }
    expect([...jsonChunks(odd as unknown as Report)].join('')).toBe(stringified(odd))
    expect([...jsonChunks({} as Report)].join('')).toBe(stringified({}))
  })
})
