import { describe, expect, it } from 'vitest'
import { createCatalog } from '../../src/catalog/catalog.js'
import { adversarialLines } from '../helpers/adversarial-lines.js'
import { REDOS_BUDGET_MS, slowestMatch } from '../helpers/time-regex.js'

// Every catalog pattern (server messages, context rules, banner fingerprints) runs on reply texts
// and log messages that come from the network; each must stay linear on ~1 MB adversarial texts.
const catalog = createCatalog()
const patterns = [
  ...catalog.messages.map((m) => ({ id: `message ${m.id}`, source: m.pattern, samples: m.samples })),
  ...catalog.rules.flatMap((r) => [
    ...(r.when.textPattern ? [{ id: `rule ${r.id}`, source: r.when.textPattern, samples: [] as string[] }] : []),
    ...(r.when.followedBy?.textPattern ? [{ id: `rule ${r.id} (next reply)`, source: r.when.followedBy.textPattern, samples: [] as string[] }] : []),
  ]),
  ...catalog.banners.map((b, i) => ({ id: `banner ${i} (${b.server})`, source: b.pattern, samples: b.samples })),
]

describe('ReDoS: catalog patterns stay linear on 1 MB adversarial texts', () => {
  it('covers the catalog', () => {
    expect(patterns.length).toBeGreaterThan(20)
  })
  for (const p of patterns) {
    it(p.id, () => {
      // Compiled as createCatalog compiles them.
      const regex = new RegExp(p.source, 'iu')
      const worst = slowestMatch(regex, (size) => adversarialLines(p.source, 'iu', p.samples, size))
      expect(worst.ms, `${p.id} /${p.source}/ took ${worst.ms.toFixed(1)} ms on ${worst.describe}`).toBeLessThan(REDOS_BUDGET_MS)
    })
  }
})
