import { describe, expect, it } from 'vitest'
import { configuredLookup, effectiveSetting, scopedSettings } from '../../src/server-config/configured-lookup.js'
import { nodeConfigFileSystem } from '../../src/server-config/config-file-system.js'
import { proftpdLines, proftpdWords } from '../../src/server-config/proftpd-words.js'
import { readProftpdConf } from '../../src/server-config/read-proftpd-conf.js'
import { fixture } from '../helpers/paths.js'
import { memoryConfigFs } from '../helpers/memory-config-fs.js'

const where = (s: { source: { file: string; line: number } }) => `${s.source.file}:${s.source.line}`

describe('ProFTPD words and lines', () => {
  it('reads quoted words with escapes, inline comments and continued lines', () => {
    expect(proftpdWords('LogFormat rich "%a \\"%r\\" %s"  # the rest is a comment')).toEqual(['LogFormat', 'rich', '%a "%r" %s'])
    expect(proftpdWords('DenyFilter \\*.*/')).toEqual(['DenyFilter', '\\*.*/'])
    expect(proftpdWords('ServerName "a b"x')).toEqual(['ServerName', 'a b', 'x'])
    expect(proftpdLines('# c\n\n  PassivePorts 1 \\\n 2\nUmask 022\n')).toEqual([
      { line: 3, words: ['PassivePorts', '1', '2'] },
      { line: 5, words: ['Umask', '022'] },
    ])
  })
})

describe('readProftpdConf', () => {
  const files = {
    '/etc/proftpd/proftpd.conf': [
      'Include /etc/proftpd/modules.conf',
      'TimeoutIdle 300',
      'timeoutidle 900',
      '<Global>',
      '  TimeoutIdle 1200',
      '  MaxClientsPerHost 4',
      '</Global>',
      '<IfModule mod_tls.c>',
      '  TLSEngine on',
      '  SomeThirdPartyDirective x',
      '</IfModule>',
      '<VirtualHost 10.0.0.2>',
      '  MaxClientsPerHost 2',
      '  <Anonymous ~ftp>',
      '    MaxClients 5 "Sorry, %m users"',
      '  </Anonymous>',
      '  Include conf.d/*.conf',
      '</VirtualHost>',
      'LogFormat rich "%{iso8601} %a \\"%r\\" %s"',
      'ExtendedLog /var/log/proftpd/rich.log ALL,EXIT rich',
      'ExtendedLog /var/log/proftpd/plain.log',
      'Bogus on',
      '</Directory>',
      '<Limit LOGIN>',
    ].join('\n'),
    '/etc/proftpd/modules.conf': 'ModulePath /usr/lib/proftpd\nLoadModule mod_ban.c\n',
    '/etc/proftpd/conf.d/a.conf': 'TimeoutNoTransfer 60\n',
    '/etc/proftpd/conf.d/b.conf': 'Include ../loop.conf\n',
    '/etc/proftpd/conf.d/.hidden.conf': 'TimeoutLogin 1\n',
    '/etc/proftpd/loop.conf': 'Include /etc/proftpd/conf.d/b.conf\n',
  }

  it('expands Includes in place (files, patterns relative to the including file), in the Include line\'s scope', async () => {
    const config = await readProftpdConf('/etc/proftpd/proftpd.conf', memoryConfigFs(files))
    expect(config.files).toEqual([
      '/etc/proftpd/proftpd.conf',
      '/etc/proftpd/modules.conf',
      '/etc/proftpd/conf.d/a.conf',
      '/etc/proftpd/conf.d/b.conf',
      '/etc/proftpd/loop.conf',
    ])
    const noTransfer = config.settings.find((s) => s.directive === 'TimeoutNoTransfer')!
    expect(noTransfer.scope.map((s) => `${s.name} ${s.argument}`)).toEqual(['VirtualHost 10.0.0.2'])
    expect(config.problems.map((p) => `${where(p)} ${p.message}`)).toEqual([
      '/etc/proftpd/loop.conf:1 Include /etc/proftpd/conf.d/b.conf: /etc/proftpd/conf.d/b.conf includes itself',
      '/etc/proftpd/proftpd.conf:22 unknown directive "Bogus"',
      '/etc/proftpd/proftpd.conf:23 </Directory> closes no open section',
      '/etc/proftpd/proftpd.conf:24 <Limit> is never closed',
    ])
  })

  it('takes the first server-wide setting outside <Global>, then <Global>; keeps the narrower ones apart', async () => {
    const config = await readProftpdConf('/etc/proftpd/proftpd.conf', memoryConfigFs(files))
    expect(where(effectiveSetting(config, 'TimeoutIdle')!)).toBe('/etc/proftpd/proftpd.conf:2')
    expect(effectiveSetting(config, 'timeoutidle')?.value).toBe('300')
    expect(where(effectiveSetting(config, 'MaxClientsPerHost')!)).toBe('/etc/proftpd/proftpd.conf:6')
    expect(scopedSettings(config, 'MaxClientsPerHost').map(where)).toEqual(['/etc/proftpd/proftpd.conf:13'])
    expect(effectiveSetting(config, 'MaxClients')).toBeUndefined()
    const anon = scopedSettings(config, 'MaxClients')[0]!
    expect([anon.value, anon.args]).toEqual(['5 Sorry, %m users', ['5', 'Sorry, %m users']])
    expect(anon.scope.map((s) => s.name)).toEqual(['VirtualHost', 'Anonymous'])
    // Inside <IfModule>: the setting counts server-wide and an unknown name is no problem.
    expect(effectiveSetting(config, 'TLSEngine')?.scope.map((s) => s.name)).toEqual(['IfModule'])
    const lookup = configuredLookup([config])
    expect(lookup('proftpd', 'TimeoutIdle')).toEqual({ value: '300', source: { file: '/etc/proftpd/proftpd.conf', line: 2 } })
    expect(lookup('proftpd', 'TimeoutNoTransfer')).toBeUndefined()
  })

  it('returns LogFormat and ExtendedLog declarations with their names', async () => {
    const config = await readProftpdConf('/etc/proftpd/proftpd.conf', memoryConfigFs(files))
    expect(config.logFormats).toEqual([{ name: 'rich', format: '%{iso8601} %a "%r" %s', source: { file: '/etc/proftpd/proftpd.conf', line: 19 } }])
    expect(config.extendedLogs.map((e) => [e.path, e.classes, e.formatName])).toEqual([
      ['/var/log/proftpd/rich.log', 'ALL,EXIT', 'rich'],
      ['/var/log/proftpd/plain.log', 'ALL', undefined],
    ])
  })

  it('reads absolute Includes from beside a copied proftpd.conf, and reports those found nowhere', async () => {
    const fs = memoryConfigFs({
      '/tmp/copy/proftpd.conf': 'Include /etc/proftpd/modules.conf\nInclude /etc/proftpd/conf.d/\nInclude /etc/proftpd/tls.conf\n',
      '/tmp/copy/modules.conf': 'LoadModule mod_ban.c\n',
      '/tmp/copy/conf.d/limits.conf': 'MaxClientsPerHost 8\n',
    })
    const config = await readProftpdConf('/tmp/copy/proftpd.conf', fs)
    expect(config.files).toEqual(['/tmp/copy/proftpd.conf', '/tmp/copy/modules.conf', '/tmp/copy/conf.d/limits.conf'])
    expect(config.problems.map((p) => `${where(p)} ${p.message}`)).toEqual([
      '/tmp/copy/proftpd.conf:3 Include /etc/proftpd/tls.conf: no such file or folder (ProFTPD warns and goes on)',
    ])
  })

  it("reads Debian's default proftpd.conf with its modules.conf and conf.d/ without a problem", async () => {
    const path = fixture('server-config', 'debian', 'proftpd', 'proftpd.conf')
    const config = await readProftpdConf(path, nodeConfigFileSystem)
    expect(config.problems).toEqual([])
    expect(config.files.map((f) => f.slice(f.indexOf('debian/')))).toEqual(['debian/proftpd/proftpd.conf', 'debian/proftpd/modules.conf', 'debian/proftpd/conf.d/.gitkeep'])
    expect(effectiveSetting(config, 'TimeoutIdle')?.value).toBe('1200')
    expect(effectiveSetting(config, 'MaxInstances')?.value).toBe('30')
    expect(config.settings.filter((s) => s.directive === 'LoadModule').length).toBeGreaterThan(10)
  })
})
