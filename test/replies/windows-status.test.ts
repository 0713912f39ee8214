import { describe, expect, it } from 'vitest'
import { describeIisSubstatus, iisSubstatusTable } from '../../src/replies/describe-iis-substatus.js'
import { describeWin32Status, win32StatusTable } from '../../src/replies/describe-win32-status.js'
import { createReplyRegistry } from '../../src/replies/reply-registry.js'

describe('sc-win32-status table', () => {
  it('loads under its schema with unique numbers', () => {
    const codes = win32StatusTable().statuses.map((s) => s.code)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('holds the numbers IIS FTP logs show (ftp-replies.md §2.12)', () => {
    for (const n of [0, 2, 3, 5, 32, 64, 112, 121, 995, 1236, 1326, 10051, 10053, 10054, 10060, 10061, 10065]) {
      expect(describeWin32Status(n), String(n)).toBeDefined()
    }
    expect(describeWin32Status(10054)?.name).toBe('WSAECONNRESET')
    expect(describeWin32Status(10054)?.cause).toBe('data-connection-lost')
    expect(describeWin32Status(1236)?.name).toBe('ERROR_CONNECTION_ABORTED')
    expect(describeWin32Status(424242)).toBeUndefined()
  })

  it('names Winsock numbers WSA* and keeps them in the Winsock range', () => {
    for (const s of win32StatusTable().statuses) {
      expect(s.kind === 'winsock', s.name).toBe(s.name.startsWith('WSA'))
      if (s.kind === 'winsock') expect(s.code).toBeGreaterThanOrEqual(10000)
    }
  })

  it('marks numbers that folklore lists as FTP codes', () => {
    expect(describeWin32Status(10066)?.folklore).toMatch(/never an FTP reply/)
    expect(describeWin32Status(10068)?.folklore).toMatch(/never an FTP reply/)
  })
})

describe('IIS FTP substatus table', () => {
  it('lists Microsoft\'s substatuses 0-55 once each', () => {
    const codes = iisSubstatusTable().substatuses.map((s) => s.code)
    expect(codes).toEqual(Array.from({ length: 56 }, (_, i) => i))
  })

  it('marks client aborts as expected and points incident substatuses at the catalog', () => {
    expect(describeIisSubstatus(20)?.expected).toBe(true)
    expect(describeIisSubstatus(23)?.expected).toBe(true)
    expect(describeIisSubstatus(19)?.catalog).toContain('iis-max-connections')
    expect(describeIisSubstatus(99)).toBeUndefined()
  })

  it('lists only reply codes the registry knows as the codes IIS sends', () => {
    const registry = createReplyRegistry()
    for (const c of iisSubstatusTable().repliesSent) expect(registry.get(c), String(c)).toBeDefined()
  })
})
