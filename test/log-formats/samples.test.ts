import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { BUNDLED_LOG_FORMATS, createLogFormatRegistry } from '../../src/log-formats/registry.js'

// The lnav checks, run on every bundled log format: each sample is matched first by the pattern
// it names and yields the fields it expects; each pattern has at least one sample.
const registry = createLogFormatRegistry()
const time = { timeZone: 'UTC', year: 2024 }

describe('bundled log formats', () => {
  it('all load under the schema', () => {
    expect(registry.list()).toHaveLength(BUNDLED_LOG_FORMATS.length)
  })

  for (const def of registry.list()) {
    describe(def.name, () => {
      const format = compileLogFormat(def, time)

      it('every pattern has a sample', () => {
        const sampled = new Set(def.samples.map((s) => s.pattern))
        const unsampled = def.patterns.map((p) => p.id).filter((id) => !sampled.has(id))
        expect(unsampled).toEqual([])
      })

      for (const [n, sample] of def.samples.entries()) {
        it(`sample ${n + 1} is matched first by ${sample.pattern}`, () => {
          expect(format.match(sample.line)?.id).toBe(sample.pattern)
          const parsed = format.parse(sample.line, 1)
          expect(parsed).toBeDefined()
          const record = parsed!.record as unknown as Record<string, unknown>
          for (const [field, value] of Object.entries(sample.expect)) expect(record[field], field).toEqual(value)
          if (def.patterns.find((p) => p.id === sample.pattern)?.regex.includes('(?<time>')) {
            expect(parsed!.record.time, 'a timestamped sample parses its time').toBeTypeOf('number')
          }
        })
      }
    })
  }
})
