import { describe, expect, it } from 'vitest'
import { html } from '../../src/formatters/html.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { bruteForceReport, incidentsReport } from '../helpers/report-builder.js'
import { hostileReport } from '../helpers/hostile.js'

const FIXTURES = ['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log', 'fixtures/edge/clean-xferlog.log']

describe('html formatter', () => {
  it('matches the golden page of a hand-made report', async () => {
    await expect(html({ ...incidentsReport(), security: bruteForceReport().security }, { color: false })).toMatchFileSnapshot('../golden/fixtures.html')
  })

  it('is self-contained: no external URL in src/href, a CSP with default-src none', async () => {
    const page = html(await fixtureReport(FIXTURES), { color: false })
    expect(page).not.toMatch(/\s(?:src|href)=/)
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/)
    expect(page.match(/<script>/g)).toHaveLength(1)
  })

  it('escapes hostile log content everywhere', async () => {
    const page = html(await hostileReport(), { color: false })
    expect(page.match(/<script>/g)).toHaveLength(1) // only ours
    expect(page).not.toContain('<b>')
    expect(page).not.toContain('<i>')
    expect(page).toContain('eve|`x`&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
  })
})
