import { describe, expect, it } from 'vitest'
import { html } from '../../src/formatters/html.js'
import { markdown } from '../../src/formatters/markdown.js'
import { text } from '../../src/formatters/text.js'
import type { Report } from '../../src/report/report-schema.js'
import { HOSTILE_USER } from '../helpers/hostile.js'
import { incidentsReport } from '../helpers/report-builder.js'

/** The hand-made report with a per-user setting whose reason names a hostile user. */
function hostileSetting(): Report {
  const r = incidentsReport()
  const incidents = r.incidents.map((i) =>
    i.cause !== 'capacity'
      ? i
      : {
          ...i,
          advice: {
            ...i.advice,
            settings: [
              {
                directive: 'MaxClientsPerUser',
                configured: '2',
                source: 'proftpd.conf:9',
                isDefault: false,
                default: null,
                unit: 'count' as const,
                recommended: '4',
                reason: `user ${HOSTILE_USER} held 2 sessions at the refusal (10:05:00); recommended 2 × 2 = 4`,
              },
            ],
          },
        },
  )
  return { ...r, incidents }
}

describe('settings lines escape log content', () => {
  const ctx = { color: false }
  it('text: one line per setting, control characters made visible', async () => {
    const out = await text(hostileSetting(), ctx)
    expect(out).toContain('    MaxClientsPerUser = 2 (proftpd.conf:9) → 4: user\n      eve|`x`<script>')
    expect(out).not.toContain('\u001b')
    expect(out).toContain('\\x1b[31m')
  })
  it('markdown: table and code syntax escaped', async () => {
    const out = await markdown(hostileSetting(), ctx)
    const line = out.split('\n').find((l) => l.startsWith('- MaxClientsPerUser'))!
    expect(line).toBeDefined()
    expect(line).not.toContain('<script>')
    expect(line).toContain('eve\\|')
  })
  it('html: no markup from the log', async () => {
    const out = await html(hostileSetting(), ctx)
    expect(out).toContain('<ul class="settings"><li>MaxClientsPerUser = 2 (proftpd.conf:9) → 4: user eve|`x`&lt;script&gt;')
    expect(out).not.toContain('<script>alert(1)')
  })
})
