import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'

// No pattern may backtrack badly on a long line: every regex (patterns, wrappers, envelopes, W3C /
// Zeek row layouts built from the samples' headers) runs against 1 MB adversarial lines, built
// from its own samples (sample + a megabyte of one character, half a sample + digits) and from
// plain runs of characters. A linear regex takes a few milliseconds on 1 MB.
const MB = 1 << 20
const LIMIT_MS = 300
const registry = createLogFormatRegistry()
const time = { timeZone: 'UTC', year: 2024 }
const runs = [' ', 'a', '0', '"', '[', '\t', ':', '-'].map((c) => c.repeat(MB))

function slowest(regex: RegExp, lines: readonly string[]): number {
  let worst = 0
  for (const line of lines) {
    const t0 = performance.now()
    regex.exec(line)
    worst = Math.max(worst, performance.now() - t0)
  }
  return worst
}

function adversarial(samples: readonly string[]): string[] {
  const out: string[] = []
  for (const s of samples) {
    const last = s.at(-1) ?? 'x'
    for (const c of [' ', 'a', last]) out.push(s + c.repeat(MB))
    out.push(s.slice(0, Math.ceil(s.length / 2)) + '0'.repeat(MB))
  }
  return out
}

describe('no catastrophic backtracking on 1 MB lines', () => {
  const envelopeRegexes = bundledEnvelopes().text.map((e) => new RegExp(e.regex, 'u'))
  const bodies = (line: string): string[] => {
    const out = [line]
    for (const re of envelopeRegexes) {
      const m = re.exec(line)
      if (m) out.push(line.slice(m[0].length))
    }
    return out
  }

  for (const def of registry.list()) {
    it(def.name, () => {
      const format = compileLogFormat(def, time, { definitions: registry.list() })
      const report: string[] = []
      for (const { definition, regex } of format.patterns) {
        const own = def.samples.filter((s) => s.pattern === definition.id).flatMap((s) => bodies(s.line))
        const ms = slowest(regex, [...adversarial(own.slice(0, 2)), ...runs])
        if (ms > LIMIT_MS) report.push(`${definition.id}: ${ms.toFixed(0)} ms`)
      }
      for (const regex of format.wrappers) {
        const ms = slowest(regex, [...adversarial(def.samples.slice(0, 2).map((s) => s.line)), ...runs])
        if (ms > LIMIT_MS) report.push(`wrapper ${regex.source.slice(0, 40)}: ${ms.toFixed(0)} ms`)
      }
      // Header-driven rows: read each sample's header, then feed adversarial rows through parse().
      for (const sample of def.samples.filter((s) => s.context.length > 0 && def.columns?.id === s.pattern)) {
        const f = compileLogFormat(def, time)
        for (const line of sample.context) f.parse(line, 0)
        for (const line of adversarial([sample.line])) {
          const t0 = performance.now()
          f.parse(line, 1)
          const ms = performance.now() - t0
          if (ms > LIMIT_MS * 4) report.push(`columns row: ${ms.toFixed(0)} ms`)
        }
      }
      expect(report).toEqual([])
    })
  }
})
