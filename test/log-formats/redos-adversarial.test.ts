import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { createTimestampParser } from '../../src/time/timestamp-parser.js'
import { adversarialLines } from '../helpers/adversarial-lines.js'
import { slowestMatch, REDOS_BUDGET_MS } from '../helpers/time-regex.js'

// Every pattern and wrapper of every registered log format (formats added later included), and
// each timestamp layout, against ~1 MB lines built to make a backtracking engine stall.
const definitions = createLogFormatRegistry().list()

describe('ReDoS: log-format patterns stay linear on 1 MB adversarial lines', () => {
  for (const definition of definitions) {
    const format = compileLogFormat(definition, { timeZone: 'UTC', year: 2024 })
    const samples = definition.samples.map((s) => s.line)
    const regexes = [
      ...format.patterns.map((p) => ({ name: `pattern ${p.definition.id}`, regex: p.regex })),
      ...format.wrappers.map((w, i) => ({ name: `wrapper ${definition.wrappers[i]?.id ?? `or envelope #${i}`}`, regex: w })),
    ]
    for (const { name, regex } of regexes) {
      it(`${definition.name} ${name}`, () => {
        const worst = slowestMatch(regex, (size) => adversarialLines(regex.source, regex.flags, samples, size))
        expect(worst.ms, `${definition.name} ${name} took ${worst.ms.toFixed(1)} ms on ${worst.describe}`).toBeLessThan(REDOS_BUDGET_MS)
      })
    }
    const layouts = [definition.timestamp, ...definition.wrappers.map((w) => w.timestamp), ...definition.patterns.map((p) => p.timestamp)]
    const distinct = [...new Map(layouts.filter((l) => l !== undefined).map((l) => [`${l.format}|${l.zone}`, l])).values()]
    for (const layout of distinct) {
      it(`${definition.name} timestamp layout ${JSON.stringify(layout.format)}`, () => {
        const parse = createTimestampParser(layout.format, layout.zone, { timeZone: 'UTC', year: 2024 })
        // Time texts as the patterns capture them, with runs of their own characters.
        const texts = samples.slice(0, 3).flatMap((s) => adversarialLines('[^\\]]+', '', [s.slice(0, 40)], 1 << 20))
        let worst = 0
        for (const text of [...texts, ' '.repeat(1 << 20), '1'.repeat(1 << 20), `Mon Jan ${' '.repeat(1 << 20)}1`]) {
          const t = performance.now()
          parse(text)
          worst = Math.max(worst, performance.now() - t)
        }
        expect(worst).toBeLessThan(REDOS_BUDGET_MS)
      })
    }
  }
})
