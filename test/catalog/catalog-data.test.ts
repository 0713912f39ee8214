import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCatalog, type EventContext } from '../../src/catalog/catalog.js'
import { describeIisSubstatus, iisSubstatusTable } from '../../src/replies/describe-iis-substatus.js'
import { SERVER_FAMILIES, type ServerFamily } from '../../src/model/server-family.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

const catalog = createCatalog()
const ctx = (over: Partial<EventContext>): EventContext => ({
  trigger: 'reply',
  server: 'generic',
  code: 421,
  text: '',
  phase: 'logged-in',
  lastCommand: undefined,
  nextReply: undefined,
  ...over,
})
const textOf = (code: number | null, sample: string): string => (code !== null ? sample.slice(4) : sample)

describe('catalog data', () => {
  it('gives every entry a title and says where its samples come from', () => {
    for (const m of catalog.entries) {
      expect(m.title, m.id).toBeTruthy()
      expect(m.sampleSource, m.id).toBeTruthy()
    }
  })

  it('covers every server family but wu-ftpd, with banners for each', () => {
    const servers = new Set(catalog.entries.map((m) => m.server))
    const bannered = new Set(catalog.banners.map((b) => b.server))
    for (const family of SERVER_FAMILIES) {
      if (family === 'wu-ftpd') continue
      expect(servers.has(family), family).toBe(true)
      if (family !== 'generic') expect(bannered.has(family), family).toBe(true)
    }
  })

  it('has vsftpd and ProFTPD entries for each family of incident they cause', () => {
    const causesOf = (s: ServerFamily) => new Set(catalog.messages.filter((m) => m.server === s).map((m) => m.cause))
    for (const s of ['vsftpd', 'proftpd', 'pure-ftpd', 'filezilla-server', 'iis'] as const) {
      for (const cause of ['capacity', 'idle-timeout', 'login-timeout', 'data-connection-failed'] as const) {
        expect(causesOf(s).has(cause), `${s} ${cause}`).toBe(true)
      }
    }
  })

  for (const m of catalog.entries) {
    it(`${m.id}: each sample is found by lookup, first for its server and code`, () => {
      for (const sample of m.samples) {
        const found = catalog.lookup({ server: m.server, code: m.code, text: textOf(m.code, sample) })
        expect(found.map((f) => f.id)).toContain(m.id)
        // Entries with a phase may sit behind a phase-free twin only in the other order.
        if (!m.phase) expect(found.filter((f) => !f.phase)[0]?.id ?? m.id).toBe(m.id)
      }
    })
  }

  for (const m of catalog.references) {
    it(`${m.id}: is known but never becomes an incident`, () => {
      for (const sample of m.samples) {
        const c = catalog.classify(ctx({ trigger: m.trigger, server: m.server, code: m.code, text: textOf(m.code, sample), phase: m.phase?.[0] ?? 'logged-in' }))
        expect(c).toBeUndefined()
      }
    })
  }

  it('keeps Pure-FTPd\'s internal 425 Logout. out of the incidents and reads FileZilla 1.x 425s as broken transfers', () => {
    expect(catalog.classify(ctx({ server: 'pure-ftpd', code: 425, text: 'Logout.' }))).toBeUndefined()
    expect(catalog.classify(ctx({ server: 'vsftpd', code: 425, text: 'Logout.' }))?.cause).toBe('data-connection-failed')
    expect(catalog.classify(ctx({ server: 'filezilla-server', code: 425, text: 'Error while transfering data: ECONNRESET' }))?.cause).toBe('data-connection-lost')
  })

  it('does not read the RFC 959 426 text as a FileZilla abort when the server is unknown', () => {
    const text = 'Connection closed; transfer aborted.'
    expect(catalog.classify(ctx({ server: 'filezilla-server', code: 426, text }))?.cause).toBe('client-abort')
    expect(catalog.classify(ctx({ server: 'generic', code: 426, text }))?.matchedBy).toBe('fallback-426')
  })

  it('reads pyftpdlib\'s one control-connection timer by phase, with and without the code', () => {
    const text = 'Control connection timed out.'
    expect(catalog.classify(ctx({ server: 'pyftpdlib', code: 421, text, phase: 'pre-login' }))?.cause).toBe('login-timeout')
    expect(catalog.classify(ctx({ server: 'pyftpdlib', code: 421, text, phase: 'logged-in' }))?.cause).toBe('idle-timeout')
    expect(catalog.classify(ctx({ trigger: 'log-message', server: 'pyftpdlib', code: null, text, phase: 'logged-in' }))?.cause).toBe('idle-timeout')
    expect(catalog.classify(ctx({ server: 'pyftpdlib', code: 426, text: 'Transfer aborted; 131072 bytes transmitted.' }))?.cause).toBe('data-connection-lost')
  })

  it('names the directive of each server\'s capacity refusal', () => {
    const names = (server: ServerFamily, code: number, text: string) => catalog.classify(ctx({ server, code, text }))?.directives.map((d) => d.name)
    expect(names('pure-ftpd', 421, 'Too many connections (8) from this IP')).toContain('MaxClientsPerIP')
    expect(names('filezilla-server', 421, 'Too many users are connected, please try again later.')).toContain('Maximum user count')
    expect(names('iis', 421, '0 19')).toContain('connections/maxConnections')
  })

  it('points every IIS substatus at IIS entries that match it', () => {
    for (const s of iisSubstatusTable().substatuses) {
      for (const id of s.catalog) {
        const entry = catalog.entries.find((m) => m.id === id)
        expect(entry?.server, id).toBe('iis')
        expect(new RegExp(entry!.pattern, 'iu').test(`0 ${s.code}`), id).toBe(true)
      }
    }
    expect(describeIisSubstatus(19)?.catalog).toEqual(['iis-max-connections'])
  })
})

/**
 * Real lines from the shared corpus, each with the catalog entry it must find. `extract` pulls the
 * reply text (without its code) or the log message out of the line.
 */
const REAL_LINES: readonly {
  file: string
  line: RegExp
  server: ServerFamily
  code: number | null
  expect: string
  min: number
}[] = [
  { file: 'vsftpd-protocol/qbox-vsftpd.log', line: /"421 (Timeout\.)"$/, server: 'vsftpd', code: 421, expect: 'vsftpd-idle-timeout', min: 33 },
  { file: 'vsftpd-protocol/parser-c-vsftpdbak.log', line: /"421 (Timeout\.)"$/, server: 'vsftpd', code: 421, expect: 'vsftpd-idle-timeout', min: 19 },
  { file: 'vsftpd-protocol/qbox-vsftpd.log', line: /"425 (Failed to establish connection\.)"$/, server: 'vsftpd', code: 425, expect: 'vsftpd-pasv-accept-failed', min: 29 },
  { file: 'vsftpd-protocol/qbox-vsftpd.log', line: /"425 (Security: Bad IP connecting\.)"$/, server: 'vsftpd', code: 425, expect: 'vsftpd-bad-ip-connecting', min: 13 },
  { file: 'vsftpd-protocol/qbox-vsftpd.log', line: /"500 (Illegal PORT command\.)"$/, server: 'vsftpd', code: 500, expect: 'vsftpd-illegal-port', min: 138 },
  { file: 'vsftpd-protocol/qbox-vsftpd.log', line: /"530 (Please login with USER and PASS\.)"$/, server: 'vsftpd', code: 530, expect: 'vsftpd-login-policy', min: 217 },
  { file: 'vsftpd-protocol/qbox-vsftpd.log', line: /"530 (Non-anonymous sessions must use encryption\.)"$/, server: 'vsftpd', code: 530, expect: 'vsftpd-login-needs-tls', min: 1 },
  { file: 'vsftpd-protocol/qbox-vsftpd.log', line: /"553 (Could not create file\.)"$/, server: 'vsftpd', code: 553, expect: 'vsftpd-could-not-create', min: 5 },
  { file: 'vsftpd-protocol/parser-c-vsftpdbak.log', line: /"550 ([^"]*)"$/, server: 'vsftpd', code: 550, expect: 'vsftpd-file-action-failed', min: 9 },
  { file: 'vsftpd-protocol/parser-c-vsftpdbak.log', line: /"530 (Login incorrect\.)"$/, server: 'vsftpd', code: 530, expect: 'vsftpd-login-incorrect', min: 4 },
  { file: 'vsftpd/crowdsec-vsftpd-logs.log', line: /"530 (Permission denied\.)"$/, server: 'vsftpd', code: 530, expect: 'vsftpd-userlist-denied', min: 1 },
  { file: 'filezilla-client/mick00122-filezilla-trace.log', line: /Response:\s+421 (Connection timed out\.)\s*$/, server: 'filezilla-server', code: 421, expect: 'filezilla-idle-timeout', min: 1 },
  { file: 'filezilla-client/mick00122-filezilla-trace.log', line: /Response:\s+421 (Kicked by Administrator)\s*$/, server: 'filezilla-server', code: 421, expect: 'filezilla-kicked', min: 1 },
  { file: 'filezilla-server/ipban-recipe-examples-legacy.log', line: /\)> 530 (.*)$/, server: 'filezilla-server', code: 530, expect: 'filezilla-login-failed', min: 1 },
  { file: 'filezilla-server/ipban-recipe-examples-1x.log', line: /\] (Recording failed login for user .*)$/, server: 'filezilla-server', code: null, expect: 'filezilla-log-failed-login', min: 1 },
  { file: 'zeek-ftp/ftp-log-filter-derived.tsv', line: /\t421\t(Login time exceeded\. Closing control connection\.)$/, server: 'filezilla-server', code: 421, expect: 'filezilla-login-timeout', min: 3 },
  { file: 'zeek-ftp/ftp-log-filter-derived.tsv', line: /\t421\t(No transfer timeout \(600 seconds\): closing control connection)$/, server: 'proftpd', code: 421, expect: 'proftpd-no-transfer-timeout', min: 1 },
  { file: 'proftpd-system/sampistaroy-proftpd.log.1', line: /\]\): (FTP no transfer timeout, disconnected)$/, server: 'proftpd', code: null, expect: 'proftpd-log-no-transfer-timeout', min: 1 },
  { file: 'proftpd-system/ossec-log-entries-proftpd.log', line: / - (FTP session idle timeout, disconnected\.)$/, server: 'proftpd', code: null, expect: 'proftpd-log-idle-timeout-old', min: 2 },
  { file: 'proftpd-system/ossec-log-entries-proftpd.log', line: / - (FTP login timed out, disconnected)$/, server: 'proftpd', code: null, expect: 'proftpd-log-login-timeout-old', min: 2 },
  { file: 'proftpd-system/ossec-log-entries-proftpd.log', line: / - (unable to find open port in PassivePorts range .*)$/, server: 'proftpd', code: null, expect: 'proftpd-log-passive-range-exhausted', min: 2 },
  { file: 'proftpd-system/ossec-log-entries-proftpd.log', line: / - (Data transfer stall timeout: \d+ seconds)$/, server: 'proftpd', code: null, expect: 'proftpd-log-stalled', min: 2 },
  { file: 'proftpd-system/ossec-log-entries-proftpd.log', line: / - (Refused PORT .*)$/, server: 'proftpd', code: null, expect: 'proftpd-log-refused-port', min: 2 },
  { file: 'proftpd-system/heavybrain101-proftpd.log.1', line: /\]\): (mod_tls\/[0-9.]+: unexpected OpenSSL error, disconnecting)$/, server: 'proftpd', code: null, expect: 'proftpd-log-tls-openssl-error', min: 2 },
  { file: 'proftpd-system/crowdsec-proftpd-bf.log', line: /\]\): (USER \S+ \(Login failed\): .*)$/, server: 'proftpd', code: null, expect: 'proftpd-log-login-failed', min: 1 },
  { file: 'proftpd-system/fail2ban-proftpd.log', line: / - (Maximum login attempts \(\d+\) exceeded)\s*$/, server: 'proftpd', code: null, expect: 'proftpd-log-max-login-attempts', min: 1 },
  { file: 'pureftpd/crowdsec-pureftpd-bf.log', line: /\[WARNING\] (Authentication failed for user \[.*)$/, server: 'pure-ftpd', code: null, expect: 'pure-ftpd-log-auth-failed', min: 15 },
  { file: 'pureftpd/ossec-docs-pureftpd-samples.log', line: /\[INFO\] (Logout\.)$/, server: 'pure-ftpd', code: null, expect: 'pure-ftpd-log-logout', min: 1 },
  { file: 'pureftpd/wazuh-decoder-pureftpd-examples.log', line: /\[INFO\] (Can't change directory to .*)$/, server: 'pure-ftpd', code: null, expect: 'pure-ftpd-log-chdir-denied', min: 1 },
  { file: 'iis-ftp/ipban-recipe-iis-ftp-examples.log', line: / 530 (1326 41) /, server: 'iis', code: 530, expect: 'iis-login-failed', min: 1 },
  { file: 'iis-ftp/ossec-docs-msftp-sample1.log', line: / 530 (1326)$/, server: 'iis', code: 530, expect: 'iis-login-failed', min: 6 },
  { file: 'curl-verbose/curl788-v-test1120.log', line: /^\* (We got a 421 - timeout)$/, server: 'generic', code: null, expect: 'curl-421-timeout', min: 1 },
  { file: 'lftp/lftp492-d-test1120.log', line: /^(cd: Fatal error: max-retries exceeded .*)$/, server: 'generic', code: null, expect: 'lftp-max-retries', min: 1 },
]

describeNeeding('corpus', 'catalog against real corpus lines', () => {
  for (const r of REAL_LINES) {
    it(`${r.file}: ${r.line.source} → ${r.expect}`, () => {
      const lines = readFileSync(corpus(r.file), 'utf8').split(/\r?\n/)
      let n = 0
      for (const line of lines) {
        const m = r.line.exec(line)
        if (!m) continue
        n++
        const found = catalog.lookup({ server: r.server, code: r.code, text: m[1]!, phase: 'logged-in' })
        expect(found[0]?.id, line).toBe(r.expect)
      }
      expect(n).toBeGreaterThanOrEqual(r.min)
    })
  }
})
