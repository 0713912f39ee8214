import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { clientFilterProblem, compileEventFilter, isActiveFilter, matchesTime } from '../../src/analyze/event-filter.js'
import { InvalidSettingError } from '../../src/errors.js'
import { fixtureReport } from '../helpers/fixture-report.js'

const at = (client: string | undefined, user?: string) => ({ time: 0, client, user })

describe('compileEventFilter', () => {
  it('passes everything without a filter, or with an empty one', () => {
    expect(compileEventFilter(undefined)({ time: undefined })).toBe(true)
    expect(compileEventFilter({ clients: [], users: [] })({ time: undefined })).toBe(true)
    expect(isActiveFilter({ clients: [] })).toBe(false)
  })

  it('an event without a time fails a time bound; the bounds are inclusive', () => {
    expect(compileEventFilter({ since: 0 })({ time: undefined })).toBe(false)
    expect(compileEventFilter({ until: 10 })({ time: 10 })).toBe(true)
    expect(compileEventFilter({ until: 10 })({ time: 11 })).toBe(false)
    expect(compileEventFilter({ since: 10 })({ time: 9 })).toBe(false)
    expect(matchesTime({ since: 0, clients: ['x'] }, 5)).toBe(true)
  })

  it('compares IP addresses as addresses, not as text', () => {
    const keep = compileEventFilter({ clients: ['2001:db8::1', '192.0.2.10'] })
    expect(keep(at('2001:0db8:0:0::1'))).toBe(true)
    expect(keep(at('2001:db8::2'))).toBe(false)
    expect(keep(at('192.0.2.10'))).toBe(true)
    expect(keep(at('192.0.2.100'))).toBe(false)
    expect(keep(at(undefined))).toBe(false)
  })

  it('keeps the clients of a CIDR range, IPv4 and IPv6', () => {
    const keep = compileEventFilter({ clients: ['10.0.0.0/8', '2001:db8::/32'] })
    expect(keep(at('10.200.3.4'))).toBe(true)
    expect(keep(at('11.0.0.1'))).toBe(false)
    expect(keep(at('2001:db8:ffff::9'))).toBe(true)
    expect(keep(at('2001:db9::1'))).toBe(false)
    // An address with host bits set names its network, as fail2ban's ignoreip reads it.
    expect(compileEventFilter({ clients: ['192.0.2.77/24'] })(at('192.0.2.1'))).toBe(true)
    expect(compileEventFilter({ clients: ['0.0.0.0/0'] })(at('198.51.100.7'))).toBe(true)
  })

  it('compares names and other text exactly: a log may write a host name instead of an address', () => {
    const keep = compileEventFilter({ clients: ['ftp.example.org', 'fe80::1%eth0'] })
    expect(keep(at('ftp.example.org'))).toBe(true)
    expect(keep(at('FTP.example.org'))).toBe(false)
    expect(keep(at('fe80::1%eth0'))).toBe(true)
    expect(keep(at('10.0.0.1'))).toBe(false)
    // A name never matches a range.
    expect(compileEventFilter({ clients: ['10.0.0.0/8'] })(at('10.example.org'))).toBe(false)
  })

  it('keeps only the listed users, exactly', () => {
    const keep = compileEventFilter({ users: ['alice'] })
    expect(keep(at('192.0.2.1', 'alice'))).toBe(true)
    expect(keep(at('192.0.2.1', 'Alice'))).toBe(false)
    expect(keep(at('192.0.2.1'))).toBe(false)
  })

  it('refuses a value with a / that is not a range', () => {
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0/8', 'host/24', '10.0.0.0/', '/8', '10.0.0.0/8/8', 'fe80::%eth0/64']) {
      expect(clientFilterProblem(bad), bad).toMatch(/is not an address range/)
      expect(() => compileEventFilter({ clients: [bad] }), bad).toThrow(InvalidSettingError)
    }
    for (const good of ['10.0.0.0/8', '::/0', '192.0.2.7', 'host.example', '::ffff:192.0.2.7']) expect(clientFilterProblem(good), good).toBeUndefined()
  })
})

describe('client ranges on a real server log', () => {
  it('a CIDR range keeps exactly what the list of its addresses keeps (vsftpd lab log)', async () => {
    const log = 'fixtures/real/vsftpd/vsftpd.log'
    const seen = [...new Set([...readFileSync(log, 'utf8').matchAll(/Client "([^"]+)"/g)].map((m) => m[1]!))]
    const inRange = seen.filter((c) => c.startsWith('127.0.0.'))
    // The lab's clients come from two /24s, so the range has to leave some out.
    expect(inRange.length).toBeGreaterThan(0)
    expect(inRange.length).toBeLessThan(seen.length)
    const byRange = await fixtureReport([log], { filter: { clients: ['127.0.0.0/24'] } })
    const byList = await fixtureReport([log], { filter: { clients: inRange } })
    expect(byRange.incidents).toEqual(byList.incidents)
    expect(byRange.security).toEqual(byList.security)
    expect(byRange.filters?.matchedEvents).toBe(byList.filters?.matchedEvents)
    expect(byRange.incidents.flatMap((i) => i.clients).every((c) => c.startsWith('127.0.0.'))).toBe(true)
  })
})
