import { describe, expect, it } from 'vitest'
import type { IncidentEvidence } from '../../src/analyze/incident-evidence.js'
import { evidenceFromReport, evidenceToReport, settingsAdvice } from '../../src/report/settings-advice.js'

const T = Date.UTC(2024, 0, 15, 10, 0, 0)
const cut = (waitMs: number, at: number): IncidentEvidence => ({
  events: 1,
  max: { 'idle-wait': { peak: waitMs, at } },
  min: { 'idle-wait': waitMs },
  examples: [{ time: at, client: '192.0.2.1', user: 'alice', figures: { 'idle-wait': waitMs } }],
})

describe('settingsAdvice', () => {
  it('doubles a configured timeout the cuts reached, rounded to a round value', () => {
    const [s] = settingsAdvice({
      family: 'proftpd',
      directives: [{ name: 'TimeoutIdle', default: '600', measure: 'idle-wait', unit: 'seconds' }],
      evidence: cut(900_000, T),
      uncutGap: { peak: 30_000, at: T - 60_000 },
      configured: () => ({ value: '900', source: { file: '/etc/proftpd/proftpd.conf', line: 12 } }),
    })
    expect(s).toMatchObject({ configured: '900', source: '/etc/proftpd/proftpd.conf:12', isDefault: false, recommended: '2000' })
    expect(s!.reason).toBe('1 session cut after 900 s of silence (10:00:00); sessions not cut were silent up to 30 s; recommended twice the configured value, rounded up')
  })

  it('gives minutes for a directive in minutes, and null without evidence', () => {
    const [m] = settingsAdvice({
      family: 'pure-ftpd',
      directives: [{ name: 'MaxIdleTime', default: '15 minutes', measure: 'idle-wait', unit: 'minutes' }],
      evidence: cut(3_600_000, T),
      uncutGap: undefined,
      configured: undefined,
    })
    // 2 × 3600 s = 7200 → 8000 s (round value) → 134 min
    expect(m).toMatchObject({ configured: '15 minutes', isDefault: true, unit: 'minutes', recommended: '134' })
    const [none] = settingsAdvice({ family: 'vsftpd', directives: [{ name: 'max_clients', default: '2000', measure: 'total' }], evidence: undefined, uncutGap: undefined, configured: undefined })
    expect(none).toMatchObject({ recommended: null, unit: 'count', reason: 'no refusal in a session with a known server to count its sessions at' })
  })

  it('says what a ProFTPD TraceLog lacks: no line of the refused sessions names the client address', () => {
    const e: IncidentEvidence = {
      events: 2,
      max: { total: { peak: 3, at: T + 2000 } },
      min: { total: 2 },
      examples: [
        { time: T, client: undefined, user: undefined, figures: { total: 2 } },
        { time: T + 2000, client: undefined, user: undefined, figures: { total: 3 } },
      ],
    }
    const advice = (family: string) =>
      settingsAdvice({ family, directives: [{ name: 'MaxClientsPerHost', default: 'none', measure: 'per-client' }], evidence: e, uncutGap: undefined, configured: undefined })[0]!
    const perHost = advice('proftpd')
    expect(perHost).toMatchObject({
      recommended: null,
      reason: "the log names no client address for the 2 refused sessions (10:00:00, 10:00:02), so the sessions each address held cannot be counted; a log of the same server that names client addresses (ProFTPD's SystemLog, or an ExtendedLog with %a) can",
    })
    // Elsewhere (a Pure-FTPd syslog names the address in the refusal's text only) the general reason.
    expect(advice('pure-ftpd').reason).toBe('no refusal in a session with a known client address to count its sessions at')
  })

  it('sizes a passive port range from the data connections at the 425s, when the range is short', () => {
    const e: IncidentEvidence = {
      events: 2,
      max: { 'passive-ports': { peak: 3, at: T }, total: { peak: 5, at: T } },
      min: { 'passive-ports': 2, total: 4 },
      examples: [{ time: T, client: '192.0.2.1', user: undefined, figures: { 'passive-ports': 3, total: 5 } }],
    }
    const proftpd = settingsAdvice({
      family: 'proftpd',
      directives: [{ name: 'PassivePorts', measure: 'passive-ports', unit: 'ports' }],
      evidence: e,
      uncutGap: undefined,
      configured: () => ({ value: '30000 30002', source: { file: 'proftpd.conf', line: 7 } }),
    })
    expect(proftpd[0]).toMatchObject({ configured: '30000 30002', recommended: '30000 30005', unit: 'ports' })
    expect(proftpd[0]!.reason).toBe('3 data connections being set up or open and 5 sessions at 2 failures (10:00:00); the range has 3 ports; recommended max(2 × 3, 5) = 6 ports from 30000')
    // vsftpd: the last port alone, its first from pasv_min_port.
    const lookup = (_: string, d: string) => ({ value: d === 'pasv_min_port' ? '30100' : '30101', source: { file: 'vsftpd.conf', line: d === 'pasv_min_port' ? 20 : 21 } })
    const vsftpd = settingsAdvice({ family: 'vsftpd', directives: [{ name: 'pasv_max_port', default: '0', measure: 'passive-ports', unit: 'ports', rangeStart: 'pasv_min_port' }], evidence: e, uncutGap: undefined, configured: lookup })
    expect(vsftpd[0]).toMatchObject({ configured: '30101', source: 'vsftpd.conf:21', recommended: '30105' })
    // The default (any port): the range is not the cause.
    const any = settingsAdvice({ family: 'vsftpd', directives: [{ name: 'pasv_max_port', default: '0', measure: 'passive-ports', unit: 'ports', rangeStart: 'pasv_min_port' }], evidence: e, uncutGap: undefined, configured: undefined })
    expect(any[0]).toMatchObject({ configured: '0', isDefault: true, recommended: null })
    expect(any[0]!.reason).toMatch(/the server may use any free port, so the range did not run out/)
  })

  it('sizes a limit from the sessions held at the refusals, and from the configured limit when the log counts more', () => {
    const held = (n: number): IncidentEvidence => ({
      events: 2,
      max: { total: { peak: n, at: T } },
      min: { total: n },
      examples: [{ time: T, client: '192.0.2.1', user: undefined, figures: { total: n } }],
    })
    const advise = (n: number, configured: string | undefined) =>
      settingsAdvice({
        family: 'vsftpd',
        directives: [{ name: 'max_clients', default: '2000', measure: 'total' }],
        evidence: held(n),
        uncutGap: undefined,
        configured: configured === undefined ? undefined : () => ({ value: configured, source: { file: 'vsftpd.conf', line: 36 } }),
      })[0]!
    expect(advise(3, '3')).toMatchObject({ recommended: '6' })
    expect(advise(3, '3').reason).toBe('the server held 3 sessions at 1 of 2 refusals (10:00:00); recommended 2 × 3 = 6')
    // vsftpd logs no end for a session its client dropped: 4 counted, but the server refuses at 3.
    expect(advise(4, '3')).toMatchObject({ configured: '3', recommended: '6' })
    expect(advise(4, '3').reason).toContain('(more than the 3 configured: sessions whose end the log does not show still count, so 3 is taken)')
    expect(advise(4, undefined)).toMatchObject({ configured: '2000', isDefault: true, recommended: '8' })
  })

  it('leaves out directives without a measure', () => {
    expect(settingsAdvice({ family: 'vsftpd', directives: [{ name: 'pasv_address' }], evidence: cut(1000, T), uncutGap: undefined, configured: undefined })).toEqual([])
  })

  it('carries evidence through the report form and back', () => {
    const e = cut(4_000, T)
    const gap = { peak: 1_500, at: T - 1000 }
    expect(evidenceFromReport(evidenceToReport(e, gap)!)).toEqual({ evidence: e, uncutGap: gap })
  })
})
