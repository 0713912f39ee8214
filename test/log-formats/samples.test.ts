import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { BUNDLED_LOG_FORMATS } from '../../src/log-formats/definitions/index.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'

// The lnav checks, run on every bundled log format: each sample is matched first by the pattern
// it names and yields the fields it expects; each pattern (and each header-driven row layout or
// JSON record layout) has at least one sample. A sample's `context` lines are read first.
const registry = createLogFormatRegistry()
const time = { timeZone: 'UTC', year: 2024 }
const compile = (def: Parameters<typeof compileLogFormat>[0]) => compileLogFormat(def, time, { definitions: registry.list() })

describe('bundled log formats', () => {
  it('all load under the schema', () => {
    expect(registry.list()).toHaveLength(BUNDLED_LOG_FORMATS.length)
  })

  for (const def of registry.list()) {
    describe(def.name, () => {
      it('every pattern has a sample', () => {
        const sampled = new Set(def.samples.map((s) => s.pattern))
        const ids = [...def.patterns.map((p) => p.id), ...(def.columns ? [def.columns.id] : []), ...(def.json ? [def.json.id] : [])]
        expect(ids.filter((id) => !sampled.has(id))).toEqual([])
      })

      for (const [n, sample] of def.samples.entries()) {
        it(`sample ${n + 1} is matched first by ${sample.pattern}`, () => {
          const matcher = compile(def)
          for (const line of sample.context) matcher.parse(line, 0)
          expect(matcher.match(sample.line)?.id).toBe(sample.pattern)
          const format = compile(def)
          for (const line of sample.context) format.parse(line, 0)
          const parsed = format.parse(sample.line, sample.context.length + 1)
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
