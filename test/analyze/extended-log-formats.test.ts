import { describe, expect, it } from 'vitest'
import { forcedLogFormat, resolveAnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { extendedLogFormats } from '../../src/analyze/extended-log-formats.js'
import { InvalidSettingError } from '../../src/errors.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { readProftpdConf } from '../../src/server-config/read-proftpd-conf.js'
import { readServerConfig } from '../../src/server-config/read-server-config.js'
import { memoryConfigFs } from '../helpers/memory-config-fs.js'
import { fixture } from '../helpers/paths.js'

describe('extendedLogFormats', () => {
  it('builds one log format per declared LogFormat and forces it for its ExtendedLogs', async () => {
    const config = await readServerConfig(fixture('real', 'proftpd-logformats', 'proftpd.conf'))
    const ext = extendedLogFormats([config])
    expect(ext.problems).toEqual([])
    expect(ext.definitions.map((d) => [d['name'], d['priority']])).toEqual([
      ['proftpd-logformat-rich', 0],
      ['proftpd-logformat-isoexit', 0],
      // %{time:…}, %{note:…}, %{env:…}, %{file-offset} and %%: what src/jot.c reads.
      ['proftpd-logformat-jot', 0],
    ])
    expect(ext.overrides).toEqual([
      { path: '<lab>/runs/proftpd/main/extended-rich.log', logFormat: 'proftpd-logformat-rich' },
      { path: '<lab>/runs/proftpd/main/extended-iso8601-exit.log', logFormat: 'proftpd-logformat-isoexit' },
      { path: '<lab>/runs/proftpd/main/extended-jot.log', logFormat: 'proftpd-logformat-jot' },
    ])
    // The definitions pass the registry's own sample checks.
    expect(createLogFormatRegistry(ext.definitions).names()).toContain('proftpd-logformat-isoexit')
  })

  it('reports an ExtendedLog naming an undeclared LogFormat, and a LogFormat it cannot read', async () => {
    const fs = memoryConfigFs({
      '/c/proftpd.conf': 'LogFormat bad "%Q"\nExtendedLog /var/log/a.log ALL missing\nExtendedLog /var/log/b.log ALL bad\nExtendedLog /var/log/c.log\n',
    })
    const ext = extendedLogFormats([await readProftpdConf('/c/proftpd.conf', fs)])
    expect(ext.overrides).toEqual([])
    expect(ext.problems).toEqual([
      '/c/proftpd.conf:2: ExtendedLog /var/log/a.log names LogFormat missing, which is not declared',
      expect.stringMatching(/^\/c\/proftpd\.conf:3: LogFormat bad: /),
    ])
  })
})

describe('forcedLogFormat', () => {
  const logFormats = createLogFormatRegistry()
  const settings = resolveAnalysisSettings({
    logFormats,
    logFormatOverrides: [
      { path: '/var/log/proftpd/rich.log', logFormat: 'proftpd-extended' },
      { path: '/var/log/proftpd/other.log', logFormat: 'xferlog' },
    ],
  })

  it('matches by path first, then by file name; --log-format wins', () => {
    expect(forcedLogFormat(settings, '/var/log/proftpd/rich.log')).toBe('proftpd-extended')
    expect(forcedLogFormat(settings, '/tmp/copied/other.log')).toBe('xferlog')
    expect(forcedLogFormat(settings, '/var/log/proftpd/system.log')).toBeUndefined()
    expect(forcedLogFormat(settings, '-')).toBeUndefined()
    expect(forcedLogFormat(resolveAnalysisSettings({ logFormat: 'vsftpd', logFormatOverrides: settings.logFormatOverrides }), '/var/log/proftpd/rich.log')).toBe('vsftpd')
  })

  it('refuses an override naming an unknown log format', () => {
    expect(() => resolveAnalysisSettings({ logFormatOverrides: [{ path: 'a.log', logFormat: 'nope' }] })).toThrow(InvalidSettingError)
  })
})
