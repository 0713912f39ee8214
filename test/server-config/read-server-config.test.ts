import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { detectConfigServer, readServerConfig } from '../../src/server-config/read-server-config.js'
import { fixture } from '../helpers/paths.js'

describe('readServerConfig', () => {
  it('tells the server from the file name, then from the content', () => {
    expect(detectConfigServer('/etc/vsftpd.conf', '')).toBe('vsftpd')
    expect(detectConfigServer('etc/proftpd/conf.d/limits.conf', '')).toBe('proftpd')
    expect(detectConfigServer('ftp.conf', 'listen=YES\nmax_per_ip=4\n# c\n')).toBe('vsftpd')
    expect(detectConfigServer('ftp.conf', 'ServerName "x"\n<Global>\n  TimeoutIdle 60\n</Global>\n')).toBe('proftpd')
    expect(detectConfigServer('ftp.conf', 'MaxClientsPerIP 8\nNoAnonymous yes\n')).toBe('pure-ftpd')
    expect(detectConfigServer('cmdline', '/usr/sbin/pure-ftpd -c 5 -C 2\n')).toBe('pure-ftpd')
    expect(detectConfigServer('notes.txt', 'hello world\nnothing here\n')).toBeUndefined()
    expect(detectConfigServer('FileZilla Server.xml', '<x/>')).toBeUndefined()
  })

  it('reads each kind of input', async () => {
    expect((await readServerConfig(fixture('server-config', 'debian', 'vsftpd.conf'))).server).toBe('vsftpd')
    expect((await readServerConfig(fixture('server-config', 'debian', 'pure-ftpd', 'conf'))).settings).toHaveLength(8)
    expect((await readServerConfig(fixture('server-config', 'debian', 'pure-ftpd', 'pure-ftpd.conf'))).problems).toEqual([])
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-config-'))
    writeFileSync(join(dir, 'pure-ftpd.cmdline'), 'pure-ftpd -c 50 -C 8 -I 15 -p 30000:30009\n')
    const flags = await readServerConfig(join(dir, 'pure-ftpd.cmdline'))
    expect(flags.settings.map((s) => `${s.directive}=${s.value}@${s.source.line}`)).toEqual(['MaxClientsNumber=50@0', 'MaxClientsPerIP=8@0', 'MaxIdleTime=15@0', 'PassivePortRange=30000:30009@0'])
  })

  it('fails with one line for a path that cannot be read or is no configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-config-'))
    writeFileSync(join(dir, 'notes.txt'), 'hello\n')
    await expect(readServerConfig(join(dir, 'missing.conf'))).rejects.toThrow(new InputError(join(dir, 'missing.conf'), 'no such file or directory'))
    await expect(readServerConfig(join(dir, 'notes.txt'))).rejects.toThrow(/notes\.txt: not a configuration of vsftpd, proftpd, pure-ftpd/)
    await expect(readServerConfig(dir)).rejects.toThrow(/is a folder without Pure-FTPd option files/)
    await expect(readServerConfig(join(dir, 'notes.txt'), { server: 'vsftpd' })).resolves.toMatchObject({ problems: [{ message: 'unknown option "hello"' }] })
  })
})
