import { describe, expect, it } from 'vitest'
import { configuredLookup, effectiveSetting } from '../../src/server-config/configured-lookup.js'
import { parseVsftpdConf } from '../../src/server-config/parse-vsftpd-conf.js'
import { settingNumber } from '../../src/server-config/setting-values.js'

describe('parseVsftpdConf', () => {
  const text = [
    '# comment',
    'max_per_ip=2',
    '',
    '   idle_session_timeout=60',
    ' # not a comment for vsftpd: # only counts in the first column',
    'max_per_ip=5',
    'banner_file= /etc/banner ',
    'max_clients = 10',
    'pasv_enable=maybe',
    'data_connection_timeout=ten',
    'accept_timeout=',
    'listen=yes',
    'connect_timeout=0100',
  ].join('\n')
  const config = parseVsftpdConf(text, 'vsftpd.conf')

  it('reads key=value lines with their line numbers; the last setting of an option wins', () => {
    expect(config.settings.map((s) => [s.directive, s.value, s.source.line])).toEqual([
      ['max_per_ip', '2', 2],
      ['idle_session_timeout', '60', 4],
      ['max_per_ip', '5', 6],
      ['banner_file', '/etc/banner', 7],
      ['listen', 'yes', 12],
      ['connect_timeout', '0100', 13],
    ])
    expect(effectiveSetting(config, 'max_per_ip')?.source.line).toBe(6)
    expect(configuredLookup([config])('vsftpd', 'max_per_ip')).toEqual({ value: '5', source: { file: 'vsftpd.conf', line: 6 } })
    expect(configuredLookup([config])('vsftpd', 'max_clients')).toBeUndefined()
    expect(configuredLookup([config])('proftpd', 'max_per_ip')).toBeUndefined()
  })

  it('reports what vsftpd would refuse, with file:line, and goes on', () => {
    expect(config.problems.map((p) => `${p.source.file}:${p.source.line} ${p.message}`)).toEqual([
      'vsftpd.conf:5 unknown option "# not a comment for vsftpd: # only counts in the first column"',
      'vsftpd.conf:8 unknown option "max_clients " (vsftpd allows no spaces around =)',
      'vsftpd.conf:9 pasv_enable=maybe is not YES or NO',
      'vsftpd.conf:10 data_connection_timeout=ten is not a whole number',
      'vsftpd.conf:11 accept_timeout has no value',
    ])
  })

  it('reads a number with a leading 0 as octal, as vsftpd does', () => {
    expect(settingNumber('vsftpd', 'seconds', ['0100'])).toBe(64)
    expect(settingNumber('vsftpd', 'seconds', ['300'])).toBe(300)
  })

  it('keeps CRLF files apart from their values', () => {
    const crlf = parseVsftpdConf('max_per_ip=3\r\nlisten=YES\r\n', 'x.conf')
    expect(crlf.settings.map((s) => s.value)).toEqual(['3', 'YES'])
    expect(crlf.problems).toEqual([])
  })
})
