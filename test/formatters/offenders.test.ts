import { describe, expect, it } from 'vitest'
import { offenders } from '../../src/formatters/offenders.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { bruteForceReport } from '../helpers/report-builder.js'

describe('offenders formatter', () => {
  it('writes the addresses over the brute-force threshold, one per line', async () => {
    await expect(offenders(bruteForceReport(), { color: false })).toMatchFileSnapshot('../golden/vsftpd-bruteforce.offenders.txt')
    const r = await fixtureReport(['fixtures/edge/vsftpd-bruteforce.log'])
    expect(offenders(r, { color: false })).toBe('203.0.113.66\n')
    const strict = await fixtureReport(['fixtures/edge/vsftpd-bruteforce.log'], { bruteForce: { failures: 20, windowMs: 900_000, preset: 'zeek' } })
    expect(offenders(strict, { color: false })).toBe('')
  })

  it('writes only values that are IP addresses', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-bruteforce.log'])
    const bf = r.security.bruteForce
    const forged = { ...r, security: { ...r.security, bruteForce: { ...bf, offenders: ['10.0.0.1', '2001:db8::1', 'evil\n0.0.0.0/0', '; rm -rf /'] } } }
    expect(offenders(forged, { color: false })).toBe('10.0.0.1\n2001:db8::1\n')
  })
})
