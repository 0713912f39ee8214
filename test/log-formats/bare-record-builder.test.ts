import { describe, expect, it } from 'vitest'
import { bundledLogFormats } from '../../src/log-formats/bundled-log-formats.js'
import { compileUnit } from '../../src/log-formats/compile-unit.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import type { PatternEntry } from '../../src/log-formats/pattern-entry.js'
import type { Groups } from '../../src/log-formats/record-builder.js'

// A builder called with an empty groups object takes the generic path (outer groups that add
// nothing), the one every line took before bare lines got a builder of their own.
const NO_OUTER: Groups = {}
const time = { timeZone: 'Europe/Paris', year: 2024 }

/** Every indexed entry of every bundled log format, bare and wrapped. */
function entries(): { name: string; entry: PatternEntry }[] {
  const out: { name: string; entry: PatternEntry }[] = []
  for (const def of bundledLogFormats()) {
    const unit = compileUnit(def, time, bundledEnvelopes())
    for (const entry of [...unit.bare, ...unit.wrapped]) if (entry.fast) out.push({ name: `${def.name}/${entry.definition.id}`, entry })
  }
  return out
}

const expectSameRecord = (entry: PatternEntry, g: RegExpExecArray, label: string, contextDate?: string): void => {
  const own = entry.build(g, undefined, undefined, 7, contextDate)
  const generic = entry.build(g, NO_OUTER, undefined, 7, contextDate)
  expect(own, label).toStrictEqual(generic)
  expect(Object.keys(own), label).toEqual(Object.keys(generic))
}

describe('bare-line record builders (lazyBareRecordBuilder)', () => {
  const all = entries()

  it('covers the bundled patterns', () => {
    expect(all.length).toBeGreaterThan(100)
  })

  it('builds the record the generic builder builds from every sample line of every bundled log format', () => {
    let checked = 0
    for (const def of bundledLogFormats()) {
      const unit = compileUnit(def, time, bundledEnvelopes())
      for (const sample of def.samples) {
        for (const entry of unit.bare) {
          const m = entry.fast?.exec(sample.line)
          if (!m) continue
          expectSameRecord(entry, m, `${def.name}/${entry.definition.id}: ${sample.line}`, '2024-03-31')
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(200)
  })

  it('builds the record the generic builder builds for any capture values, null markers and header dates included', () => {
    // Values that exercise each step: replies with and without a code, commands with and without
    // an argument, null markers, numbers, enumerations, timestamps and dates of several layouts.
    const pool = [undefined, '', '-', '(empty)', '226 Done', '421-Busy', '530', 'retr a b.txt', 'NOOP', 'in', 'o', 'c', 'complete', 'yes', 'no', '12345', '1.5', '::ffff:192.0.2.1', 'Mon Jan  1 00:00:01 2024', '2024-03-31', '10:23:45', '2024-03-31T10:23:45Z', '31/Mar/2024:10:23:45 +0200', ' trailing  ']
    // A fixed-seed linear congruential generator; its high bits pick the value.
    let seed = 42
    const pick = (): string | undefined => pool[Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * pool.length)]
    for (const { name, entry } of all) {
      const groups = new RegExp(`${entry.fast!.source}|`, 'u').exec('')!.length
      for (let round = 0; round < 40; round++) {
        const values = Array.from({ length: groups }, (_, i) => (i === 0 ? 'line' : pick()))
        const g = Object.assign(values, { index: 0, input: 'line' }) as unknown as RegExpExecArray
        expectSameRecord(entry, g, `${name} round ${round}: ${JSON.stringify(values)}`, round % 2 === 0 ? '2024-03-31' : undefined)
      }
    }
  })
})
