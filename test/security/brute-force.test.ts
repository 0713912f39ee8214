import { describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { buildReport } from '../../src/report/build-report.js'
import { BruteForceDetector } from '../../src/security/brute-force-detector.js'
import { BRUTE_FORCE_PRESETS, formatBruteForceRule, parseBruteForceRule, type BruteForceRule } from '../../src/security/brute-force-rule.js'
import { analyzeText, lines } from '../helpers/analyze-text.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

const catalog = createCatalog()
const rule = (failures: number, seconds: number): BruteForceRule => ({ failures, windowMs: seconds * 1000, preset: null })

describe('parseBruteForceRule', () => {
  it('takes presets and FAILURES/WINDOW', () => {
    expect(parseBruteForceRule('zeek')).toEqual({ failures: 20, windowMs: 900_000, preset: 'zeek' })
    expect(parseBruteForceRule('wazuh')).toEqual({ failures: 8, windowMs: 120_000, preset: 'wazuh' })
    expect(parseBruteForceRule('10/60s')).toEqual(rule(10, 60))
    expect(parseBruteForceRule('20/15m')).toEqual(rule(20, 900))
    expect(parseBruteForceRule('8/120')).toEqual(rule(8, 120))
    expect(formatBruteForceRule(rule(10, 60))).toBe('10/60s')
    expect(formatBruteForceRule(BRUTE_FORCE_PRESETS.zeek)).toBe('zeek')
  })

  it('says what is allowed', () => {
    expect(parseBruteForceRule('lots')).toMatch(/not a preset \(zeek, wazuh\) or FAILURES\/WINDOW/)
    expect(parseBruteForceRule('1/60s')).toMatch(/must be 2 to 1000/)
    expect(parseBruteForceRule('5/0s')).toMatch(/at least 1s/)
  })
})

describe('BruteForceDetector', () => {
  it('opens a window when N failures fall within the window, and grows it while the rate holds', () => {
    const d = new BruteForceDetector(rule(3, 10), 'a.log')
    const t = (s: number) => 1_000_000 + s * 1000
    d.add('10.0.0.1', 'root', t(0))
    d.add('10.0.0.1', 'root', t(20)) // too slow: no window
    d.add('10.0.0.1', 'admin', t(21))
    d.add('10.0.0.1', 'root', t(22)) // 20, 21, 22 within 10 s: window from 20
    d.add('10.0.0.1', 'root', t(23))
    d.add('10.0.0.9', 'x', t(23)) // another client, alone
    d.add('10.0.0.1', 'root', t(100)) // far later: closes the window
    const windows = d.finish()
    expect(windows).toEqual([{ client: '10.0.0.1', start: t(20), end: t(23), failures: 4, users: ['root', 'admin'], path: 'a.log' }])
  })

  it('keeps a bounded number of clients', () => {
    const d = new BruteForceDetector(rule(2, 60), 'a.log', 100)
    for (let i = 0; i < 10_000; i++) d.add(`10.0.${i >> 8}.${i & 255}`, 'u', 1_000_000 + i)
    expect(d.finish()).toEqual([])
  })

  it('ignores failures without a client or a time', () => {
    const d = new BruteForceDetector(rule(2, 60), 'a.log')
    d.add(undefined, 'u', 1)
    d.add('1.2.3.4', 'u', undefined)
    d.add('1.2.3.4', 'u', undefined)
    expect(d.finish()).toEqual([])
  })
})

describe('security summary', () => {
  it('counts privileged attempts and filters login attempts', async () => {
    const log = lines(
      'Mon Jan 15 10:00:00 2024 [pid 1] [root] FAIL LOGIN: Client "192.0.2.1"',
      'Mon Jan 15 10:00:01 2024 [pid 1] [Admin] FAIL LOGIN: Client "192.0.2.1"',
      'Mon Jan 15 10:00:02 2024 [pid 1] [alice] FAIL LOGIN: Client "192.0.2.2"',
      'Mon Jan 15 10:00:03 2024 [pid 2] [root] OK LOGIN: Client "192.0.2.3"',
    )
    const r = await analyzeText(log)
    expect(r.security.failedLogins).toBe(3)
    expect(r.security.privileged).toEqual({
      attempts: 3,
      failed: 2,
      succeeded: 1,
      byUser: { Admin: 1, root: 2 },
      byClient: { '192.0.2.1': 2, '192.0.2.3': 1 },
    })
    expect(r.security.failedByClient).toEqual({ '192.0.2.1': 2, '192.0.2.2': 1 })
  })
})

const hasPureFtpd = createLogFormatRegistry()
  .names()
  .some((n) => n.startsWith('pure'))

describeNeeding('corpus', 'brute force in the CrowdSec hub logs (EXPECTED.md §4)', () => {
  async function analyze(path: string, bruteForce: BruteForceRule) {
    const state = await analyzeInputs([corpus(path)], { catalog, bruteForce })
    return buildReport(state, { catalog, version: 'test', bruteForce })
  }

  it('vsftpd-bf: exactly one window, for 93.24.101.89 (::ffff: stripped), 6 failures, user "user"', async () => {
    const r = await analyze('vsftpd/crowdsec-vsftpd-bf.log', rule(6, 10))
    expect(r.security.bruteForce.windows).toEqual([
      expect.objectContaining({ client: '93.24.101.89', failures: 6, users: ['user'], start: '2020-06-08T12:08:53.000Z', end: '2020-06-08T12:08:55.000Z' }),
    ])
    expect(r.security.bruteForce.offenders).toEqual(['93.24.101.89'])
    // Six failures are below both presets.
    expect((await analyze('vsftpd/crowdsec-vsftpd-bf.log', BRUTE_FORCE_PRESETS.wazuh)).security.bruteForce.windows).toEqual([])
  })

  it('proftpd-bf: exactly one window, for 192.168.1.142, 6 failures, user "seb"', async () => {
    const r = await analyze('proftpd-system/crowdsec-proftpd-bf.log', rule(6, 10))
    expect(r.security.bruteForce.windows).toEqual([expect.objectContaining({ client: '192.168.1.142', failures: 6, users: ['seb'] })])
  })

  it('proftpd user enumeration: one window with the six user names tried, root and admin among them', async () => {
    const r = await analyze('proftpd-system/crowdsec-proftpd-user-enum.log', rule(6, 10))
    expect(r.security.bruteForce.windows).toHaveLength(1)
    expect([...r.security.bruteForce.windows[0]!.users].sort()).toEqual(['admin', 'asd', 'bar', 'foo', 'foobar', 'root'])
    expect(r.security.privileged).toMatchObject({ attempts: 2, failed: 2, byUser: { admin: 1, root: 1 } })
  })

  it.skipIf(!hasPureFtpd)('pureftpd-bf: one window for 172.21.10.2, user root, 15 failures', async () => {
    const r = await analyze('pureftpd/crowdsec-pureftpd-bf.log', rule(6, 60))
    expect(r.security.bruteForce.windows).toEqual([expect.objectContaining({ client: '172.21.10.2', failures: 15, users: ['root'] })])
  })
})
