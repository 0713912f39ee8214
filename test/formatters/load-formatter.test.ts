import { describe, expect, it } from 'vitest'
import { FORMATTER_NAMES, isFormatterName, loadFormatter } from '../../src/formatters/load-formatter.js'
import { FORMATTERS } from '../../src/formatters/registry.js'
import { fixtureReport } from '../helpers/fixture-report.js'

describe('loadFormatter', () => {
  it('names the formatters of the registry, in its order', () => {
    expect(FORMATTER_NAMES).toEqual(Object.keys(FORMATTERS))
    expect(isFormatterName('json')).toBe(true)
    expect(isFormatterName('toString')).toBe(false)
  })

  it('loads each registry formatter, and json and ndjson with pieces that join to their text', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log'])
    const withPieces: string[] = []
    for (const name of FORMATTER_NAMES) {
      const loaded = await loadFormatter(name)
      expect(loaded.whole, name).toBe(FORMATTERS[name])
      if (loaded.pieces === undefined) continue
      withPieces.push(name)
      expect([...loaded.pieces(r, { color: false })].join(''), name).toBe(loaded.whole(r, { color: false }))
    }
    expect(withPieces).toEqual(['json', 'ndjson'])
  })
})
