import { describe, expect, it } from 'vitest'
import { createCatalog, type EventContext } from '../../src/catalog/catalog.js'
import { CAUSES } from '../../src/model/cause.js'

const catalog = createCatalog()
const ctx = (over: Partial<EventContext>): EventContext => ({
  trigger: 'reply',
  server: 'vsftpd',
  code: 421,
  text: '',
  phase: 'logged-in',
  lastCommand: undefined,
  nextReply: undefined,
  ...over,
})

describe('server-message catalog', () => {
  it('describes every cause of the vocabulary', () => {
    expect([...catalog.causes.keys()].sort()).toEqual([...CAUSES].sort())
  })

  for (const m of catalog.messages) {
    it(`${m.id}: every sample matches its pattern and code`, () => {
      const re = new RegExp(m.pattern, 'iu')
      for (const sample of m.samples) {
        if (m.code !== null) {
          expect(sample.slice(0, 3)).toBe(String(m.code))
          expect(re.test(sample.slice(4))).toBe(true)
        } else expect(re.test(sample)).toBe(true)
      }
    })
    it(`${m.id}: its samples classify to its own entry`, () => {
      for (const sample of m.samples) {
        const text = m.code !== null ? sample.slice(4) : sample
        const phase = m.phase?.[0] ?? 'logged-in'
        const c = catalog.classify(ctx({ trigger: m.trigger, server: m.server, code: m.code, text, phase }))
        expect(c?.matchedBy).toBe(m.id)
        expect(c?.cause).toBe(m.cause)
      }
    })
  }

  it('names max_per_ip for vsftpd per-address refusals', () => {
    const c = catalog.classify(ctx({ text: 'There are too many connections from your internet address.', phase: 'pre-login' }))
    expect(c?.cause).toBe('capacity')
    expect(c?.directives.map((d) => d.name)).toEqual(['max_per_ip'])
  })

  it('names MaxClients for ProFTPD 530 refusals', () => {
    const c = catalog.classify(ctx({ server: 'proftpd', code: 530, text: 'Sorry, the maximum number of allowed clients (2) are already connected.' }))
    expect(c?.cause).toBe('capacity')
    expect(c?.directives[0]?.name).toBe('MaxClients')
  })

  it('tells a login timeout from an idle timeout by the phase', () => {
    expect(catalog.classify(ctx({ text: 'Timeout.', phase: 'pre-login' }))?.cause).toBe('login-timeout')
    expect(catalog.classify(ctx({ text: 'Timeout.', phase: 'logged-in' }))?.cause).toBe('idle-timeout')
  })

  it('treats a 426 after ABOR, or followed by 226 ABOR, as a client abort', () => {
    const text = 'Failure writing network stream.'
    expect(catalog.classify(ctx({ code: 426, text, lastCommand: 'ABOR' }))?.cause).toBe('client-abort')
    expect(catalog.classify(ctx({ code: 426, text, nextReply: { code: 226, text: 'ABOR successful.' } }))?.cause).toBe('client-abort')
    expect(catalog.classify(ctx({ code: 426, text, nextReply: { code: 150, text: 'x' } }))?.cause).toBe('data-connection-lost')
  })

  it('classifies unknown 421 and 426 texts by code, and ignores ordinary replies', () => {
    expect(catalog.classify(ctx({ code: 421, text: 'Go away' }))?.cause).toBe('unknown')
    expect(catalog.classify(ctx({ code: 426, text: 'Nope' }))?.cause).toBe('data-connection-lost')
    expect(catalog.classify(ctx({ code: 226, text: 'Transfer complete.' }))).toBeUndefined()
    expect(catalog.classify(ctx({ code: 530, text: 'Login incorrect.' }))).toBeUndefined()
  })

  it('matches any server\'s messages when the server is unknown', () => {
    expect(catalog.classify(ctx({ server: 'generic', text: 'Data timeout. Reconnect. Sorry.' }))?.cause).toBe('data-timeout')
  })

  it('decides a repeated event as the first time, telling server, phase and text apart', () => {
    const fresh = createCatalog()
    for (let round = 0; round < 2; round++) {
      expect(fresh.classify(ctx({ text: 'Timeout.', phase: 'pre-login' }))?.cause).toBe('login-timeout')
      expect(fresh.classify(ctx({ text: 'Timeout.', phase: 'logged-in' }))?.cause).toBe('idle-timeout')
      expect(fresh.classify(ctx({ server: 'generic', text: 'Data timeout. Reconnect. Sorry.' }))?.cause).toBe('data-timeout')
      expect(fresh.classify(ctx({ server: 'pure-ftpd', code: 425, text: 'Logout.' }))).toBeUndefined()
      expect(fresh.classify(ctx({ server: 'vsftpd', code: 425, text: 'Logout.' }))?.cause).toBe('data-connection-failed')
      expect(fresh.classify(ctx({ code: 426, text: 'Nope', lastCommand: round === 0 ? 'ABOR' : undefined }))?.cause).toBe(round === 0 ? 'client-abort' : 'data-connection-lost')
    }
  })

  it('names the reply codes a rule looks at before an event', () => {
    expect(catalog.usesPreviousReply).toBe(true)
    expect(catalog.isPrecedingReplyCode(226)).toBe(true)
    expect(catalog.isPrecedingReplyCode(150)).toBe(false)
  })

  it('fingerprints banners', () => {
    for (const b of catalog.banners) for (const s of b.samples) expect(catalog.fingerprint(s.slice(4))).toBe(b.server)
    expect(catalog.fingerprint('Welcome')).toBeUndefined()
  })
})
