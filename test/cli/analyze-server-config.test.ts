import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { memoryIO } from '../helpers/memory-io.js'
import { fixture } from '../helpers/paths.js'

async function ftplog(...argv: string[]) {
  const io = memoryIO()
  const code = await run(argv, io)
  return { code, out: io.out(), err: io.err() }
}

describe('analyze --server-config', () => {
  it('reads the configuration and analyses as before, worker threads included', async () => {
    const plain = await ftplog('analyze', fixture('real', 'vsftpd', 'vsftpd.log'), fixture('real', 'vsftpd', 'xferlog'), '--no-pairing', '-f', 'json', '--jobs', '2', '--fail-on', 'none')
    const withConfig = await ftplog('analyze', fixture('real', 'vsftpd', 'vsftpd.log'), fixture('real', 'vsftpd', 'xferlog'), '--no-pairing', '-f', 'json', '--jobs', '2', '--fail-on', 'none', '--server-config', fixture('real', 'vsftpd', 'vsftpd.conf'))
    expect([withConfig.code, withConfig.err]).toEqual([0, ''])
    type Setting = { directive: string; configured: string; source: string | null; isDefault: boolean }
    type Incident = { advice: { settings: Setting[] } }
    const incidents = (out: string): Incident[] => JSON.parse(out).incidents
    // The same incidents; only the settings' configured values and their sources differ.
    const withoutSettings = (out: string) => incidents(out).map((i) => ({ ...i, advice: { ...i.advice, settings: i.advice.settings.map((s) => s.directive) } }))
    expect(withoutSettings(withConfig.out)).toEqual(withoutSettings(plain.out))
    const perIp = (out: string) => incidents(out).flatMap((i) => i.advice.settings).find((s) => s.directive === 'max_per_ip')!
    expect(perIp(plain.out)).toMatchObject({ configured: '50', source: null, isDefault: true })
    expect(perIp(withConfig.out)).toMatchObject({ configured: '2', source: `${fixture('real', 'vsftpd', 'vsftpd.conf')}:37`, isDefault: false })
  })

  it('says when the configuration hides replies from the log: vsftpd logging to syslog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-syslog-conf-'))
    const conf = join(dir, 'vsftpd.conf')
    writeFileSync(conf, 'listen=YES\nsyslog_enable=YES\nmax_per_ip=1\n')
    // The log that configuration wrote through a real rsyslogd: its 421 refusal is not in it.
    const r = await ftplog('analyze', fixture('real', 'vsftpd-rsyslog', 'syslog'), '--server-config', conf, '-f', 'json', '--fail-on', 'none')
    expect(r.code).toBe(0)
    const notice = `${conf}: vsftpd logs to syslog, where nothing from before a login arrives: no CONNECT lines, and no 421 refusal of max_clients or max_per_ip, so a log analysis cannot see sessions refused at the limit`
    expect(JSON.parse(r.out).notices).toEqual([notice])
    expect(r.err).toBe(`ftplog: warning: ${notice}\n`)
    // Logging to its own file, the same server says nothing of the kind.
    writeFileSync(conf, 'listen=YES\nmax_per_ip=1\n')
    const own = await ftplog('analyze', fixture('real', 'vsftpd', 'vsftpd.log'), '--server-config', conf, '-f', 'json', '--fail-on', 'none')
    expect(JSON.parse(own.out).notices).toEqual([])
  })

  it('fails in one line when a --server-config cannot be read', async () => {
    const r = await ftplog('analyze', fixture('real', 'vsftpd', 'vsftpd.log'), '--server-config', '/nonexistent/vsftpd.conf')
    expect([r.code, r.err]).toEqual([2, 'ftplog: /nonexistent/vsftpd.conf: no such file or directory\n'])
  })

  it('reads configurations found among folder inputs, and warns about lines their server would not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-analyze-config-'))
    copyFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), join(dir, 'vsftpd.log'))
    writeFileSync(join(dir, 'vsftpd.conf'), 'max_per_ip=2\nmax_clients = 3\n')
    const r = await ftplog('analyze', dir, '--fail-on', 'none', '-f', 'json')
    expect(r.code).toBe(0)
    expect(r.err).toBe(`ftplog: warning: ${join(dir, 'vsftpd.conf')}: 1 line the server would not read (ftplog check-config lists them)\n`)
    expect(JSON.parse(r.out).inputs.find((i: { path: string }) => i.path.endsWith('vsftpd.conf')).skipReason).toBe('server configuration (vsftpd)')
  })

  it("applies a configuration found in a folder input to that folder's logs only; --server-config to all", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ftplog-folder-configs-'))
    const log = readFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), 'utf8')
    for (const [name, limit, day] of [['a', 2, 'Nov 22'], ['b', 5, 'Nov 25']] as const) {
      mkdirSync(join(root, name))
      // Another day in b, so that its incidents are not joined with a's.
      writeFileSync(join(root, name, 'vsftpd.log'), log.replaceAll('Nov 22', day))
      writeFileSync(join(root, name, 'vsftpd.conf'), `max_per_ip=${limit}\n`)
    }
    const perIp = (out: string) =>
      (JSON.parse(out).incidents as { cause: string; samples: { path: string }[]; advice: { settings: { directive: string; configured: string; source: string | null }[] } }[])
        .filter((i) => i.cause === 'capacity')
        .map((i) => [i.samples[0]!.path, ...['configured', 'source'].map((k) => i.advice.settings.find((s) => s.directive === 'max_per_ip')![k as 'configured' | 'source'])])
    const found = await ftplog('analyze', join(root, 'a'), join(root, 'b'), '--year', '2026', '-f', 'json', '--jobs', '2', '--fail-on', 'none')
    expect(perIp(found.out)).toEqual([
      [join(root, 'a', 'vsftpd.log'), '2', `${join(root, 'a', 'vsftpd.conf')}:1`],
      [join(root, 'b', 'vsftpd.log'), '5', `${join(root, 'b', 'vsftpd.conf')}:1`],
    ])
    const given = await ftplog('analyze', join(root, 'a'), join(root, 'b'), '--year', '2026', '-f', 'json', '--fail-on', 'none', '--server-config', join(root, 'b', 'vsftpd.conf'))
    expect(perIp(given.out).map((r) => r[1])).toEqual(['5', '5'])
  })
})

describe('merge --server-config', () => {
  it('shows the configured values in the merged report, as analyze does with the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-merge-config-'))
    const conf = fixture('real', 'vsftpd', 'vsftpd.conf')
    const log = fixture('real', 'vsftpd', 'vsftpd.log')
    const report = join(dir, 'a.json')
    writeFileSync(report, (await ftplog('analyze', log, '-f', 'json', '--fail-on', 'none')).out)
    const perIp = (out: string) => (JSON.parse(out).incidents as { advice: { settings: { directive: string }[] } }[]).flatMap((i) => i.advice.settings).find((s) => s.directive === 'max_per_ip')
    const plain = await ftplog('merge', report, '-f', 'json', '--fail-on', 'none')
    expect(perIp(plain.out)).toMatchObject({ configured: '50', source: null, isDefault: true })
    const merged = await ftplog('merge', report, '-f', 'json', '--fail-on', 'none', '--server-config', conf)
    expect([merged.code, merged.err]).toEqual([0, ''])
    expect(perIp(merged.out)).toMatchObject({ configured: '2', source: `${conf}:37`, isDefault: false })
    const analyzed = await ftplog('analyze', log, '-f', 'json', '--fail-on', 'none', '--server-config', conf)
    expect(perIp(merged.out)).toEqual(perIp(analyzed.out))
    const missing = await ftplog('merge', report, '--server-config', '/nonexistent/vsftpd.conf')
    expect([missing.code, missing.err]).toEqual([2, 'ftplog: /nonexistent/vsftpd.conf: no such file or directory\n'])
  })
})

describe('ProFTPD ExtendedLogs read with the LogFormat proftpd.conf declares', () => {
  const conf = fixture('real', 'proftpd-logformats', 'proftpd.conf')

  it('with --server-config: matched by file name, read with the declared layout, every line understood', async () => {
    for (const [file, format] of [
      ['extended-iso8601-exit.log', 'proftpd-logformat-isoexit'],
      ['extended-rich.log', 'proftpd-logformat-rich'],
      ['extended-default.log', 'proftpd-extended'],
    ] as const) {
      const r = await ftplog('analyze', fixture('real', 'proftpd-logformats', file), '--server-config', conf, '-f', 'json', '--fail-on', 'none')
      const input = JSON.parse(r.out).inputs[0]
      expect([input.logFormat, input.unrecognizedLines, r.err], file).toEqual([format, 0, ''])
    }
  })

  it('with proftpd.conf in the folder of the logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-extended-'))
    copyFileSync(conf, join(dir, 'proftpd.conf'))
    copyFileSync(fixture('real', 'proftpd-logformats', 'extended-rich.log'), join(dir, 'extended-rich.log'))
    const r = await ftplog('analyze', dir, '-f', 'json', '--fail-on', 'none')
    const log = JSON.parse(r.out).inputs.find((i: { path: string }) => i.path.endsWith('extended-rich.log'))
    expect([log.logFormat, log.detection, log.unrecognizedLines]).toEqual(['proftpd-logformat-rich', 'forced', 0])
  })
})
