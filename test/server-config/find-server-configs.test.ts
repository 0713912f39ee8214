import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findServerConfigs } from '../../src/server-config/find-server-configs.js'
import { fixture } from '../helpers/paths.js'

describe('findServerConfigs', () => {
  it('finds each configuration to read once: proftpd.conf (not its includes), the Pure-FTPd conf folder once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ftplog-configs-'))
    for (const dir of ['etc/proftpd/conf.d', 'etc/pure-ftpd/conf', 'log']) mkdirSync(join(root, dir), { recursive: true })
    copyFileSync(fixture('real', 'vsftpd', 'vsftpd.conf'), join(root, 'etc', 'vsftpd.conf'))
    copyFileSync(fixture('real', 'proftpd', 'proftpd.conf'), join(root, 'etc', 'proftpd', 'proftpd.conf'))
    writeFileSync(join(root, 'etc/proftpd/modules.conf'), 'LoadModule mod_ban.c\n')
    writeFileSync(join(root, 'etc/proftpd/conf.d/limits.conf'), 'MaxClientsPerHost 8\n')
    writeFileSync(join(root, 'etc/pure-ftpd/conf/MaxClientsPerIP'), '8\n')
    writeFileSync(join(root, 'etc/pure-ftpd/conf/MaxIdleTime'), '15\n')
    writeFileSync(join(root, 'etc/FileZilla Server.xml'), '<x/>\n')
    copyFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), join(root, 'log', 'vsftpd.log'))
    const found = await findServerConfigs([root, '-'])
    expect(found.map((f) => [relative(root, f.path), f.server])).toEqual([
      ['etc/proftpd/proftpd.conf', 'proftpd'],
      ['etc/pure-ftpd/conf', 'pure-ftpd'],
      ['etc/vsftpd.conf', 'vsftpd'],
    ])
    expect(await findServerConfigs([root], { exclude: ['etc/vsftpd.conf', 'etc/pure-ftpd/**'] })).toHaveLength(1)
    expect(await findServerConfigs([join(root, 'missing')])).toEqual([])
  })
})
