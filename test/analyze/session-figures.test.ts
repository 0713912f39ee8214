import { describe, expect, it } from 'vitest'
import type { ConfiguredLookup } from '../../src/model/server-settings.js'
import { redactReport } from '../../src/report/redact-report.js'
import { analyzeText, lines } from '../helpers/analyze-text.js'

const V = (t: string, pid: number, body: string): string => `Mon Jan 15 ${t} 2024 [pid ${pid}] ${body}`
const connect = (t: string, pid: number, client: string): string => V(t, pid, `CONNECT: Client "${client}"`)
const resp = (t: string, pid: number, client: string, reply: string): string => V(t, pid, `FTP response: Client "${client}", "${reply}"`)
const cmd = (t: string, pid: number, client: string, command: string): string => V(t, pid, `FTP command: Client "${client}", "${command}"`)
const refused = (t: string, pid: number, client: string): string[] => [
  V(t, pid, `CONNECT: Client "${client}", "Connection refused: too many sessions for this address."`),
  resp(t, pid, client, '421 There are too many connections from your internet address.'),
]
const session = (from: string, to: string, pid: number, client: string): string[] => [
  connect(from, pid, client),
  resp(from, pid, client, '220 (vsFTPd 3.0.3)'),
  cmd(to, pid, client, 'QUIT'),
  resp(to, pid, client, '221 Goodbye.'),
]

/** One address holds three sessions and is refused twice; another holds one session that ends before. */
const LOG = lines(
  ...session('10:00:00', '10:01:00', 1, '192.0.2.20'),
  connect('10:04:00', 2, '192.0.2.10'),
  resp('10:04:00', 2, '192.0.2.10', '220 (vsFTPd 3.0.3)'),
  connect('10:04:10', 3, '192.0.2.10'),
  resp('10:04:10', 3, '192.0.2.10', '220 (vsFTPd 3.0.3)'),
  connect('10:04:20', 4, '192.0.2.10'),
  resp('10:04:20', 4, '192.0.2.10', '220 (vsFTPd 3.0.3)'),
  ...refused('10:05:00', 5, '192.0.2.10'),
  ...refused('10:05:03', 6, '192.0.2.10'),
  cmd('10:06:00', 2, '192.0.2.10', 'QUIT'),
  resp('10:06:00', 2, '192.0.2.10', '221 Goodbye.'),
  cmd('10:06:00', 3, '192.0.2.10', 'QUIT'),
  resp('10:06:00', 3, '192.0.2.10', '221 Goodbye.'),
  // pid 4 never logs its end
)

describe('sessions.peakConcurrent', () => {
  it('counts sessions open at once per input and per client; refused ones hold no slot; unlogged ends are estimated', async () => {
    const r = await analyzeText(LOG)
    expect(r.sessions.total).toBe(6)
    expect(r.sessions.peakConcurrent).toEqual({
      global: 3,
      at: '2024-01-15T10:04:20.000Z',
      byClient: [
        { client: '192.0.2.10', peak: 3, at: '2024-01-15T10:04:20.000Z' },
        { client: '192.0.2.20', peak: 1, at: '2024-01-15T10:00:00.000Z' },
      ],
      estimated: true,
      endsNotLogged: 1,
      sessionlessInputs: 0,
    })
  })

  it('stops counting a session silent for 5 minutes without a logged end, unless a transfer is running', async () => {
    const r = await analyzeText(
      lines(
        connect('10:00:00', 1, '192.0.2.10'),
        resp('10:00:00', 1, '192.0.2.10', '220 (vsFTPd 3.0.3)'),
        // pid 1 leaves silently; pid 2 starts a long download
        connect('10:01:00', 2, '192.0.2.11'),
        cmd('10:01:00', 2, '192.0.2.11', 'RETR big.iso'),
        resp('10:01:00', 2, '192.0.2.11', '150 Opening BINARY mode data connection for big.iso.'),
        ...session('10:20:00', '10:20:05', 3, '192.0.2.12'),
        resp('10:40:00', 2, '192.0.2.11', '226 Transfer complete.'),
      ),
    )
    // At 10:20 pid 1 has been silent for 20 min (stale); pid 2 is mid-transfer (counted): 2 at once.
    expect(r.sessions.peakConcurrent).toMatchObject({ global: 2, at: '2024-01-15T10:01:00.000Z', endsNotLogged: 2 })
    expect(r.sessions.peakConcurrent.byClient).toContainEqual({ client: '192.0.2.12', peak: 1, at: '2024-01-15T10:20:00.000Z' })
  })

  it('is null for a log without sessions, which it names', async () => {
    const r = await analyzeText(lines('Mon Jan 15 10:20:00 2024 1 192.0.2.7 1000 /pub/a.bin b _ o r alice ftp 0 * c'), { logFormat: 'xferlog' })
    expect(r.sessions.peakConcurrent).toMatchObject({ global: null, at: null, byClient: [], estimated: true, sessionlessInputs: 1 })
  })
})

describe('advice.settings', () => {
  it('sizes max_per_ip from the sessions the refused address held, with the default when no configuration is given', async () => {
    const r = await analyzeText(LOG)
    const capacity = r.incidents.find((i) => i.cause === 'capacity')!
    expect(capacity.advice.settings).toEqual([
      {
        directive: 'max_per_ip',
        configured: '50',
        source: null,
        isDefault: true,
        default: '50',
        unit: 'count',
        recommended: '6',
        reason:
          '192.0.2.10 held 3 sessions at both refusals (10:05:00, 10:05:03) (fewer than 50: the server runs with a lower limit); ' +
          "recommended 2 × 3 = 6, or lower the client's parallelism to 3 connections (FileZilla: simultaneous transfers + 1 control connection)",
      },
    ])
    expect(capacity.advice.evidence).toMatchObject({ events: 2, max: { 'per-client': { value: 3, at: '2024-01-15T10:05:00.000Z' }, total: { value: 3 } } })
  })

  it('is redacted with the rest of the report: reasons, evidence and peaks by client', async () => {
    const red = redactReport(await analyzeText(LOG), 'key')
    const all = JSON.stringify({ ...red, inputs: [] })
    expect(all).not.toContain('192.0.2.10')
    expect(all).not.toContain('192.0.2.20')
    expect(red.incidents[0]!.advice.settings[0]!.reason).toMatch(/^addr-[0-9a-f]{10} held 3 sessions/)
  })

  it('takes the configured value and its file:line from the lookup', async () => {
    const configured: ConfiguredLookup = (server, directive) =>
      server === 'vsftpd' && directive === 'max_per_ip' ? { value: '3', source: { file: 'vsftpd.conf', line: 34 } } : undefined
    const r = await analyzeText(LOG, { configured })
    const s = r.incidents.find((i) => i.cause === 'capacity')!.advice.settings[0]!
    expect(s).toMatchObject({ configured: '3', source: 'vsftpd.conf:34', isDefault: false, recommended: '6' })
    expect(s.reason).toMatch(/^192\.0\.2\.10 held 3 sessions at both refusals \(10:05:00, 10:05:03\); recommended 2 × 3 = 6/)
  })

  it('sizes an idle timeout from how long the cut sessions waited, against sessions that were not cut', async () => {
    const log = lines(
      ...session('09:00:00', '09:00:04', 1, '192.0.2.20'),
      connect('10:00:00', 2, '192.0.2.10'),
      resp('10:00:00', 2, '192.0.2.10', '220 (vsFTPd 3.0.3)'),
      resp('10:00:05', 2, '192.0.2.10', '421 Timeout.'),
    )
    const r = await analyzeText(log)
    const s = r.incidents[0]!.advice.settings
    // Cut after 5 s though 300 is the default: the server runs with about 5; the default is recommended.
    expect(s).toEqual([
      {
        directive: 'idle_session_timeout',
        configured: '300',
        source: null,
        isDefault: true,
        default: '300',
        unit: 'seconds',
        recommended: '300',
        reason:
          '1 session cut after 5 s of silence (10:00:05); sessions not cut were silent up to 4 s; the server cuts at about 5 s, not 300 s; ' +
          'recommended the documented default (twice the longest wait is 10 s)',
      },
    ])
    expect(r.sessions.longestSilence).toEqual([{ server: 'vsftpd', seconds: 4, at: '2024-01-15T09:00:04.000Z' }])
  })
})
