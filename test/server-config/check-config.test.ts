import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkServerConfig, type ConfigFinding } from '../../src/server-config/check-config.js'
import { parseVsftpdConf } from '../../src/server-config/parse-vsftpd-conf.js'
import { readProftpdConf } from '../../src/server-config/read-proftpd-conf.js'
import { parsePureFtpdFlags, splitCommandLine } from '../../src/server-config/read-pure-ftpd.js'
import { readServerConfig } from '../../src/server-config/read-server-config.js'
import { LIMITS, TIMEOUTS } from '../servers/lab/scenarios.js'
import { memoryConfigFs } from '../helpers/memory-config-fs.js'
import { fixture } from '../helpers/paths.js'

const brief = (f: ConfigFinding) => `${f.severity} ${f.directive}=${f.value ?? '-'} @${f.source?.line ?? '-'} ${f.code ?? '-'} ${f.cause ?? '-'}`

describe('checkServerConfig', () => {
  it("flags the lab's tight vsftpd.conf: 5 s timeouts and 2 sessions per address are errors", async () => {
    const findings = checkServerConfig(await readServerConfig(fixture('real', 'vsftpd', 'vsftpd.conf')))
    expect(findings.map(brief)).toEqual([
      `error idle_session_timeout=${TIMEOUTS.vsftpd.idle} @32 421 idle-timeout`,
      `error data_connection_timeout=${TIMEOUTS.vsftpd.data} @33 421 data-timeout`,
      `error accept_timeout=${TIMEOUTS.vsftpd.accept} @34 425 data-connection-failed`,
      `error connect_timeout=${TIMEOUTS.vsftpd.connect} @35 425 data-connection-failed`,
      `warning max_clients=${LIMITS.vsftpd.global} @36 421 capacity`,
      `error max_per_ip=${LIMITS.vsftpd.perIp} @37 421 capacity`,
      'notice pasv_address=- @- 425 data-connection-failed',
    ])
    expect(findings[5]!.message).toMatch(/FileZilla: the control connection and 2 transfers, 3 sessions/)
    expect(findings[5]!.fix).toMatch(/^max_per_ip=10 or more/)
  })

  it("flags the lab's tight proftpd.conf the same way", async () => {
    const findings = checkServerConfig(await readServerConfig(fixture('real', 'proftpd', 'proftpd.conf')))
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.directive}=${f.value}`)).toEqual([
      `TimeoutLogin=${TIMEOUTS.proftpd.login}`,
      `TimeoutIdle=${TIMEOUTS.proftpd.idle}`,
      `TimeoutNoTransfer=${TIMEOUTS.proftpd.noTransfer}`,
      `TimeoutStalled=${TIMEOUTS.proftpd.stalled}`,
      `MaxClientsPerHost=${LIMITS.proftpd.perIp}`,
    ])
  })

  it('passes sensible production configurations and the Debian defaults without an error', async () => {
    for (const path of [
      fixture('server-config', 'production', 'vsftpd.conf'),
      fixture('server-config', 'production', 'proftpd.conf'),
      fixture('server-config', 'debian', 'vsftpd.conf'),
      fixture('server-config', 'debian', 'proftpd', 'proftpd.conf'),
      fixture('server-config', 'debian', 'pure-ftpd', 'conf'),
      fixture('server-config', 'debian', 'pure-ftpd', 'pure-ftpd.conf'),
    ]) {
      expect(checkServerConfig(await readServerConfig(path)).map(brief), path).toEqual([])
    }
  })

  it('judges ProFTPD <VirtualHost> settings on their own lines, and leaves none and 0-means-off alone', async () => {
    const fs = memoryConfigFs({
      '/c/proftpd.conf': 'TimeoutIdle 600\nMaxClients none\nTimeoutStalled 0\n<VirtualHost 10.0.0.2>\n  TimeoutIdle 10\n  MaxClientsPerHost 4\n</VirtualHost>\nTimeoutLogin 1min\n',
    })
    const findings = checkServerConfig(await readProftpdConf('/c/proftpd.conf', fs))
    expect(findings.map(brief)).toEqual(['error TimeoutIdle=10 @5 421 idle-timeout', 'warning MaxClientsPerHost=4 @6 530 capacity'])
  })

  it('weighs passive ports against the session limit, and the NAT address', () => {
    const vs = checkServerConfig(parseVsftpdConf('pasv_min_port=40000\npasv_max_port=40009\nmax_clients=50\npasv_address=203.0.113.1\n', 'v.conf'))
    expect(vs.map(brief)).toEqual(['warning pasv_min_port=40000 @1 425 data-connection-failed'])
    expect(vs[0]!.message).toMatch(/the passive range has 10 ports but max_clients 50 allows more sessions/)
    // max_clients left at its default of 2000
    expect(checkServerConfig(parseVsftpdConf('pasv_min_port=40000\npasv_max_port=40099\n', 'v.conf')).map((f) => f.rule)).toEqual(['passive-range', 'passive-address'])
    const pure = checkServerConfig(parsePureFtpdFlags(splitCommandLine('-p 30000:30009 -P 203.0.113.1')))
    expect(pure.map((f) => [f.rule, f.code, f.cause])).toEqual([['passive-range', 421, 'capacity']])
    expect(pure[0]!.message).toMatch(/Pure-FTPd lowers MaxClientsNumber 50 \(default\) to 5 sessions/)
    expect(checkServerConfig(parseVsftpdConf('pasv_enable=NO\n', 'v.conf')).map((f) => f.rule)).toEqual(['passive-disabled'])
  })

  it("catches vsftpd's failed-login delay running into its idle timeout", () => {
    const findings = checkServerConfig(parseVsftpdConf('idle_session_timeout=150\ndelay_failed_login=149\n', 'v.conf'))
    expect(findings.map((f) => [f.rule, f.severity, f.directive, f.cause])).toEqual([['login-delay', 'error', 'idle_session_timeout', 'login-timeout']])
  })

  it('turns lines the server would not read into warnings with file:line', () => {
    const findings = checkServerConfig(parseVsftpdConf('max_per_ip = 3\n', 'v.conf'))
    expect(findings.map((f) => [f.rule, f.severity, f.source, f.message])).toEqual([['line', 'warning', { file: 'v.conf', line: 1 }, 'unknown option "max_per_ip " (vsftpd allows no spaces around =)']])
  })

  it('notes that vsftpd logging to syslog hides its 421 refusals', () => {
    const findings = checkServerConfig(parseVsftpdConf('listen=YES\nsyslog_enable=YES\n', 'v.conf'))
    expect(findings.map((f) => [f.rule, f.severity, f.directive, f.value, f.source?.line, f.code, f.cause])).toEqual([['syslog-logging', 'notice', 'syslog_enable', 'YES', 2, 421, 'capacity']])
    expect(checkServerConfig(parseVsftpdConf('syslog_enable=NO\n', 'v.conf'))).toEqual([])
    // What it says, on the log such a vsftpd wrote through a real rsyslogd: its client was refused
    // with a 421 that is in neither file.
    const readme = readFileSync(fixture('real', 'vsftpd-rsyslog', 'README.md'), 'utf8')
    expect(readme).toContain('421 There are too many connections')
    for (const file of ['syslog', 'messages']) expect(readFileSync(fixture('real', 'vsftpd-rsyslog', file), 'utf8')).not.toMatch(/CONNECT|"421 /)
  })

  it('notes vsftpd limits that inetd mode ignores', () => {
    const inetd = checkServerConfig(parseVsftpdConf('listen=NO\nlisten_ipv6=NO\nmax_per_ip=10\n', 'v.conf'))
    expect(inetd.map((f) => [f.rule, f.severity, f.directive, f.source?.line])).toEqual([['inetd-mode', 'notice', 'max_per_ip', 3]])
    // listen defaults to YES in vsftpd 3.0's code; Debian's listen=NO with listen_ipv6=YES is standalone too
    expect(checkServerConfig(parseVsftpdConf('max_per_ip=10\n', 'v.conf'))).toEqual([])
    expect(checkServerConfig(parseVsftpdConf('listen=NO\nlisten_ipv6=YES\nmax_per_ip=10\n', 'v.conf'))).toEqual([])
  })
})
