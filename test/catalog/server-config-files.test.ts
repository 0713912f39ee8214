import { describe, expect, it } from 'vitest'
import { serverConfigFiles, serverConfigMatcher } from '../../src/catalog/server-config-files.js'

describe('server configuration file names', () => {
  const entries = serverConfigFiles()
  const match = serverConfigMatcher(entries)

  it('each entry matches its own sample paths, as that server', () => {
    for (const e of entries) for (const sample of e.samples) expect(match(sample), `${e.server}: ${sample}`).toBe(e.server)
  })

  it('matches absolute and relative paths by base name, and leaves logs alone', () => {
    expect(match('/etc/vsftpd.conf')).toBe('vsftpd')
    expect(match('/etc/pure-ftpd/conf/MaxClientsPerIP')).toBe('pure-ftpd')
    expect(match('/etc/proftpd/proftpd.conf')).toBe('proftpd')
    for (const log of ['/var/log/vsftpd.log', 'xferlog', 'proftpd/xferlog', '/var/log/pure-ftpd/transfer.log', 'modules.conf']) expect(match(log), log).toBeUndefined()
  })

  it('without entries: the bundled ones, one matcher shared by every caller', () => {
    const shared = serverConfigMatcher()
    expect(serverConfigMatcher()).toBe(shared)
    for (const e of entries) for (const sample of e.samples) expect(shared(sample), `${e.server}: ${sample}`).toBe(e.server)
    expect(shared('/var/log/vsftpd.log')).toBeUndefined()
  })
})
