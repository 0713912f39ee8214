import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { html } from '../../src/formatters/html.js'
import type { Report } from '../../src/report/report-schema.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { hostileReport } from '../helpers/hostile.js'
import { describeNeeding, NEEDS } from '../helpers/needs.js'
import { ROOT } from '../helpers/paths.js'

// Debian's chromium, driven by playwright-core (which downloads no browser of its own).
// FTPLOG_CHROMIUM points at another build. Missing, the suite skips (CI=true: the run fails).
const CHROMIUM = NEEDS.chromium.path
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const OUT = join(ROOT, 'test-output')
const FIXTURES = ['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log', 'fixtures/edge/clean-xferlog.log']

interface Loaded {
  readonly page: Page
  readonly errors: string[]
  readonly requests: string[]
}

describeNeeding('chromium', 'html formatter in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** Writes the page under test-output/ and opens it from disk, recording script errors and every request. */
  async function load(report: Report, name: string): Promise<Loaded> {
    mkdirSync(OUT, { recursive: true })
    const file = join(OUT, `${name}.html`)
    writeFileSync(file, html(report, { color: false }))
    const url = pathToFileURL(file).href
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    const errors: string[] = []
    const requests: string[] = []
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`)
    })
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url())
    })
    await page.goto(url, { waitUntil: 'load' })
    return { page, errors, requests }
  }

  it('shows the verdict, both charts and one card per incident, with no script error and no request', async () => {
    const report = await fixtureReport(FIXTURES)
    const { page, errors, requests } = await load(report, 'html-report')
    expect(await page.locator('header.verdict h1').textContent()).toBe('ftplog: FAIL: 3 incidents at or above --fail-on error')
    const timed = report.incidents.filter((i) => i.firstSeen !== null).length
    expect(await page.locator('#incident-timeline rect.incident').count()).toBe(timed)
    expect(await page.locator('#incident-timeline rect.incident.error').count()).toBe(report.incidents.filter((i) => i.severity === 'error').length)
    const bars = report.timeline.buckets.reduce((n, b) => n + Object.values(b.replies).filter((x) => x > 0).length, 0)
    expect(bars).toBeGreaterThan(0)
    expect(await page.locator('#reply-chart rect.bar').count()).toBe(bars)
    // The charts are drawn, not just present: their boxes have a size.
    const box = await page.locator('#reply-chart').boundingBox()
    expect(box!.width).toBeGreaterThan(500)
    expect(box!.height).toBeGreaterThan(100)
    expect(await page.locator('.incident-card').count()).toBe(report.incidents.length)
    expect(await page.locator('.incident-card').first().locator('.advice').textContent()).toBe(
      [...report.incidents].sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1) || a.firstSeen!.localeCompare(b.firstSeen!))[0]!.advice.summary,
    )
    expect(await page.locator('table.windows tbody tr').count()).toBe(1)
    await page.screenshot({ path: join(OUT, 'html-report.png'), fullPage: true })
    // The severity filter works.
    await page.click('button[data-severity="notice"]')
    expect(await page.locator('.incident-card:visible').count()).toBe(report.incidents.filter((i) => i.severity === 'notice').length)
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    await page.close()
  })

  it('runs nothing from hostile log content', async () => {
    const { page, errors, requests } = await load(await hostileReport(), 'html-hostile')
    expect(await page.locator('script').count()).toBe(1)
    expect(await page.locator('main b, main i, main script').count()).toBe(0)
    expect(await page.locator('.incident-card pre').first().textContent()).toContain('<script>alert(1)</script>')
    await page.screenshot({ path: join(OUT, 'html-hostile.png'), fullPage: true })
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    await page.close()
  })
})
