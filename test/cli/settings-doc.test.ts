import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ANALYSIS_DEFAULTS } from '../../src/analyze/analysis-settings.js'
import { configSchema } from '../../src/cli/config-schema.js'
import { SETTING_SOURCES } from '../../src/cli/messages.js'
import { formatBruteForceRule } from '../../src/security/brute-force-rule.js'
import { ROOT } from '../helpers/paths.js'

const rows = [...readFileSync(join(ROOT, 'docs/settings.md'), 'utf8').matchAll(/^\| `(\w+)` \| `([^`]+)` \| `(\w+)` \| (.*) \|$/gm)].map((m) => ({
  setting: m[1]!,
  flag: m[2]!,
  config: m[3]!,
  default: m[4]!,
}))

describe('docs/settings.md', () => {
  it('lists every setting with the flag and config key the CLI words its errors with, in the same order', () => {
    expect(rows.map(({ setting, flag, config }) => ({ setting, flag, config }))).toEqual(
      Object.entries(SETTING_SOURCES).map(([setting, s]) => ({ setting, flag: s.flag, config: s.config })),
    )
  })

  it('names only config keys the config file accepts', () => {
    for (const r of rows) expect(Object.keys(configSchema.shape), r.config).toContain(r.config)
  })

  it('gives the library defaults', () => {
    const byName = new Map(rows.map((r) => [r.setting, r.default]))
    expect(byName.get('timeZone')).toContain(`\`${ANALYSIS_DEFAULTS.timeZone}\``)
    expect(byName.get('maxLineBytes')).toContain(ANALYSIS_DEFAULTS.maxLineBytes.toLocaleString('en-US'))
    expect(byName.get('incidentGapMs')).toContain(ANALYSIS_DEFAULTS.incidentGapMs.toLocaleString('en-US'))
    expect(byName.get('bruteForce')).toContain(`\`${formatBruteForceRule(ANALYSIS_DEFAULTS.bruteForce)}\``)
  })
})
