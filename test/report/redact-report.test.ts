import { describe, expect, it } from 'vitest'
import { redactReport } from '../../src/report/redact-report.js'
import { reportSchema } from '../../src/report/report-schema.js'
import { analyzeText, lines } from '../helpers/analyze-text.js'
import { fixtureReport } from '../helpers/fixture-report.js'

describe('redactReport', () => {
  it('replaces addresses, users and paths everywhere, with one token per value', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log'])
    const red = redactReport(r, 'key')
    expect(reportSchema.parse(red)).toEqual(red)
    const all = JSON.stringify({ ...red, inputs: [], verdict: null })
    for (const secret of ['192.0.2.10', '198.51.100.7', '203.0.113.5', '203.0.113.66', 'alice', 'oracle', '/home/alice/big.iso', '192,0,2,1']) {
      expect(all, secret).not.toContain(secret)
    }
    const t = red.security.bruteForce.windows[0]!.client
    expect(t).toMatch(/^addr-[0-9a-f]{10}$/)
    expect(red.security.bruteForce.offenders).toEqual([t])
    expect(Object.keys(red.security.failedByClient)).toContain(t)
    expect(Object.keys(red.top.clients)).toContain(t)
    // Generic account names are kept: the privileged summary is about them.
    expect(red.security.privileged.byUser).toEqual({ root: 5, admin: 2 })
    expect(red.redacted).toBe(true)
    // Input paths are kept (they are the caller's own files).
    expect(red.inputs.map((i) => i.path)).toEqual(r.inputs.map((i) => i.path))
  })

  it('rewrites sample text: IPv4, IPv6, ::ffff: forms, PASV tuples and known values', async () => {
    const r = await analyzeText(
      lines(
        'Mon Jan 15 10:00:00 2024 [pid 1] CONNECT: Client "::ffff:192.0.2.7"',
        'Mon Jan 15 10:00:01 2024 [pid 1] [bob] OK LOGIN: Client "::ffff:192.0.2.7"',
        'Mon Jan 15 10:00:02 2024 [pid 2] [bob] FTP command: Client "::ffff:192.0.2.7", "RETR /srv/bob/x.bin"',
        'Mon Jan 15 10:00:02 2024 [pid 2] [bob] FTP response: Client "::ffff:192.0.2.7", "150 from 192,0,2,1,4,1 via 2001:db8::5"',
        'Mon Jan 15 10:00:09 2024 [pid 2] [bob] FTP response: Client "::ffff:192.0.2.7", "426 Failure writing network stream."',
      ),
    )
    const red = redactReport(r, 'k')
    const sample = red.incidents[0]!.samples[0]!.text
    expect(sample).not.toContain('192.0.2.7')
    expect(sample).not.toContain('bob')
    expect(sample).toContain(red.incidents[0]!.clients[0]!)
    expect(sample).toMatch(/^Mon Jan 15 10:00:09 2024 \[pid 2\] \[user-[0-9a-f]{10}\] FTP response: Client "addr-[0-9a-f]{10}", "426 /)
    // Addresses the report does not list are found by their form.
    const crafted = { ...r, incidents: [{ ...r.incidents[0]!, samples: [{ ...r.incidents[0]!.samples[0]!, text: '227 Entering Passive Mode (198,51,100,4,195,80) from 2001:db8::5 at 10:00:09 v3.0.3' }] }] }
    expect(redactReport(crafted, 'k').incidents[0]!.samples[0]!.text).toMatch(/^227 Entering Passive Mode \(addr-[0-9a-f]{10}\) from addr-[0-9a-f]{10} at 10:00:09 v3\.0\.3$/)
    // Same key, same tokens; another key, other tokens.
    expect(redactReport(r, 'k')).toEqual(red)
    expect(redactReport(r, 'other').incidents[0]!.clients[0]).not.toBe(red.incidents[0]!.clients[0])
  })
})
