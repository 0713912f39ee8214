import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createReplyRegistry } from '../../src/replies/reply-registry.js'
import { itNeeding, NEEDS } from '../helpers/needs.js'

const registry = createReplyRegistry()
const REFERENCE = NEEDS.reference.path

/**
 * Codes defined by each RFC, checked by hand against ftp-replies.md §2.1–2.10 (RFC 959 §4.2.2,
 * RFC 1123 §4.1, RFC 2228, RFC 2428, RFC 4217) and the reply sets of the commands of RFC 2389,
 * 2640, 3659 and 7151. Kept here so the test runs without the shared folder; when the reference is
 * there, the parse below checks this list did not drift from it.
 */
const RFC_CODES: Record<number, readonly number[]> = {
  959: [110, 120, 125, 150, 200, 202, 211, 212, 213, 214, 215, 220, 221, 225, 226, 227, 230, 250, 257, 331, 332, 350, 421, 425, 426, 450, 451, 452, 500, 501, 502, 503, 504, 530, 532, 550, 551, 552, 553],
  1123: [554, 555],
  2228: [232, 234, 235, 334, 335, 336, 431, 533, 534, 535, 536, 537, 631, 632, 633],
  2428: [229, 522],
  4217: [521, 522],
  // Commands of these RFCs return only existing codes (ftp-replies.md §2.4, 2.6, 2.7, 2.9).
  2389: [211, 200, 451, 501, 500, 502],
  2640: [200, 500, 502, 501, 504],
  3659: [213, 550, 500, 501, 350, 250, 530, 553, 503, 504, 150, 226, 425, 426],
  7151: [220, 421, 500, 502, 501, 503, 504],
}
const FOLKLORE = [430, 434, 231]

describe('reply registry coverage', () => {
  it('has 39 RFC 959 codes, 2 of RFC 1123, 15 of RFC 2228', () => {
    expect(RFC_CODES[959]).toHaveLength(39)
    expect(RFC_CODES[1123]).toHaveLength(2)
    expect(RFC_CODES[2228]).toHaveLength(15)
  })

  for (const [rfc, codes] of Object.entries(RFC_CODES)) {
    it(`holds every code of RFC ${rfc} as a standard entry`, () => {
      const missing = codes.filter((c) => registry.get(c)?.status !== 'standard')
      expect(missing).toEqual([])
    })
  }

  it('cites the defining RFC on each code it defines', () => {
    for (const rfc of [959, 1123, 2228, 2428, 4217]) {
      for (const code of RFC_CODES[rfc]!) {
        const cited = registry.get(code)!.sources.some((s) => s.rfc === rfc) || registry.get(code)!.variants.some((v) => v.sources.some((s) => s.rfc === rfc))
        expect(cited, `${code} should cite RFC ${rfc}`).toBe(true)
      }
    }
  })

  it('flags folklore codes as defined by no RFC', () => {
    for (const code of FOLKLORE) {
      const e = registry.get(code)!
      expect(e.status).toBe('folklore')
      expect(e.sources.every((s) => s.rfc === undefined)).toBe(true)
    }
  })

  it('gives every standard code an RFC source and every entry its texts', () => {
    for (const e of registry.entries) {
      if (e.status === 'standard') expect(e.sources.some((s) => s.rfc !== undefined), e.code).toBe(true)
      expect(e.description.length).toBeGreaterThan(20)
    }
  })

  itNeeding('reference', 'contains every code of the reference tables (ftp-replies.md §2.1–2.12)', () => {
    const text = readFileSync(REFERENCE, 'utf8')
    const section = (from: string, to: string): string => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from) + 1))
    const rowCodes = (s: string): number[] => [...s.matchAll(/^\| (\d{3}) \|/gm)].map((m) => Number(m[1]))
    const allCodes = (s: string): number[] => [...s.matchAll(/\b([1-6]\d\d)\b/g)].map((m) => Number(m[1]))
    const tables = {
      959: rowCodes(section('### 2.1 RFC 959', '### 2.2')),
      1123: rowCodes(section('### 2.2 RFC 1123', '### 2.3')),
      2228: rowCodes(section('### 2.3 RFC 2228', '### 2.4')),
      2428: rowCodes(section('### 2.5 RFC 2428', '### 2.6')),
      4217: rowCodes(section('### 2.8 RFC 4217', '### 2.9')),
      1639: rowCodes(section('### 2.10 Adjacent RFC', '### 2.11')),
    }
    expect(tables[959]).toHaveLength(39)
    for (const [rfc, codes] of Object.entries(tables)) {
      expect(codes.length, `RFC ${rfc} table parsed`).toBeGreaterThan(0)
      for (const c of codes) expect(registry.get(c), `RFC ${rfc} code ${c}`).toBeDefined()
      if (rfc !== '1639') expect([...codes].sort()).toEqual([...new Set(RFC_CODES[Number(rfc)])].sort())
    }
    // Commands of RFC 2389/2640/3659/7151 return these codes.
    for (const [from, to] of [['### 2.4', '### 2.5'], ['### 2.6', '### 2.7'], ['### 2.7', '### 2.8'], ['### 2.9', '### 2.10']] as const) {
      for (const c of allCodes(section(from, to))) expect(registry.get(c), `${from} code ${c}`).toBeDefined()
    }
    for (const c of rowCodes(section('### 2.12', '| Win32 |'))) expect(registry.get(c), `§2.12 code ${c}`).toBeDefined()
  })
})

describe('reply variants', () => {
  it('tells 522 after EPRT from 522 on a TLS data connection', () => {
    expect(registry.variantFor(522, { afterCommand: 'EPRT', text: 'Bad network protocol.' })?.id).toBe('eprt-network-protocol')
    expect(registry.variantFor(522, { afterCommand: 'RETR', text: 'SSL connection failed; session reuse required' })?.id).toBe('tls-data-connection')
  })

  it('tells Pure-FTPd\'s internal 425 Logout and FileZilla 1.x mid-transfer 425s apart', () => {
    expect(registry.variantFor(425, { text: 'Logout.', server: 'pure-ftpd' })?.status).toBe('non-standard')
    expect(registry.variantFor(425, { text: 'Logout.', server: 'vsftpd' })).toBeUndefined()
    expect(registry.variantFor(425, { text: 'Error while transfering data: ECONNRESET', server: 'filezilla-server' })?.id).toBe('filezilla-1x-mid-transfer')
  })

  it('recognises 530 limit refusals, 521 from FileZilla 0.9 and vsftpd 500 OOPS', () => {
    expect(registry.variantFor(530, { text: 'Sorry, the maximum number of allowed clients (2) are already connected.' })?.id).toBe('connection-limit')
    expect(registry.variantFor(530, { text: 'Login incorrect.' })).toBeUndefined()
    expect(registry.variantFor(521, { text: 'This user is not allowed to connect from this IP', server: 'filezilla-server' })?.status).toBe('non-standard')
    expect(registry.variantFor(500, { text: 'OOPS: cannot change directory:/home/x', server: 'vsftpd' })?.id).toBe('vsftpd-oops')
  })

  it('keeps 232\'s logout meaning as folklore', () => {
    expect(registry.variantFor(232, { text: 'Logout command noted, will complete when transfer done' })?.status).toBe('folklore')
  })
})
