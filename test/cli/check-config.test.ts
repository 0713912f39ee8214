import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { memoryIO } from '../helpers/memory-io.js'
import { fixture } from '../helpers/paths.js'

async function ftplog(...argv: string[]) {
  const io = memoryIO()
  const code = await run(argv, io)
  return { code, out: io.out(), err: io.err(), files: io.files }
}

const LAB_VSFTPD = fixture('real', 'vsftpd', 'vsftpd.conf')
const LAB_PROFTPD = fixture('real', 'proftpd', 'proftpd.conf')
const PRODUCTION = [fixture('server-config', 'production', 'vsftpd.conf'), fixture('server-config', 'production', 'proftpd.conf')]

describe('ftplog check-config', () => {
  it("exits 1 on the lab's tight configurations, naming directive, value, file:line, reply code and fix", async () => {
    const r = await ftplog('check-config', LAB_VSFTPD, LAB_PROFTPD)
    expect(r.code).toBe(1)
    expect(r.out).toContain(`error   ${LAB_VSFTPD}:37  max_per_ip = 2 -> 421 capacity`)
    expect(r.out).toContain(`error   ${LAB_PROFTPD}:33  TimeoutIdle = 4 -> 421 idle-timeout`)
    expect(r.out).toContain('fix: max_per_ip=10 or more')
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('10 errors, 3 warnings, 2 notices in 2 configurations: exit 1 (10 findings at or above --fail-on error)')
  })

  it('exits 0 on sensible production configurations', async () => {
    const r = await ftplog('check-config', ...PRODUCTION)
    expect([r.code, r.err]).toEqual([0, ''])
    expect(r.out).toContain('no findings in 2 configurations: exit 0')
  })

  it('takes --fail-on as analyze does: a severity, reply codes or causes', async () => {
    expect((await ftplog('check-config', LAB_VSFTPD, '--fail-on', 'none')).code).toBe(0)
    expect((await ftplog('check-config', LAB_VSFTPD, '--fail-on', '530')).code).toBe(0)
    expect((await ftplog('check-config', LAB_VSFTPD, '--fail-on', '425')).code).toBe(1)
    expect((await ftplog('check-config', LAB_PROFTPD, '--fail-on', 'capacity')).code).toBe(1)
    expect((await ftplog('check-config', fixture('server-config', 'debian', 'vsftpd.conf'), '--fail-on', 'notice')).code).toBe(0)
    const bad = await ftplog('check-config', LAB_VSFTPD, '--fail-on', 'sometimes')
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/^ftplog: .*"sometimes" is not a severity/)])
  })

  it('exits 2 when an input cannot be read, and still checks the others', async () => {
    const r = await ftplog('check-config', '/nonexistent/vsftpd.conf', LAB_VSFTPD, '-f', 'json')
    expect(r.code).toBe(2)
    const report = JSON.parse(r.out)
    expect(report.unreadable).toEqual([{ path: '/nonexistent/vsftpd.conf', message: 'no such file or directory' }])
    expect(report.findings).toHaveLength(7)
    expect(report.findings[0]).toMatchObject({ config: LAB_VSFTPD, server: 'vsftpd', directive: 'idle_session_timeout', value: '5', source: { file: LAB_VSFTPD, line: 32 }, severity: 'error', code: 421, cause: 'idle-timeout' })
    expect(report.verdict).toEqual({ exitCode: 2, failOn: 'error', failing: 5 })
  })

  it('reads Pure-FTPd flags given on the command line', async () => {
    const r = await ftplog('check-config', '--pure-ftpd-flags', '-c 4 -C 2 -I 1 -p 30300:30349', '-f', 'markdown')
    expect(r.code).toBe(1)
    expect(r.out).toContain('| error | `--pure-ftpd-flags` | `MaxClientsPerIP = 2` | 421 capacity |')
  })

  it('writes GitHub annotations on the configuration lines', async () => {
    const r = await ftplog('check-config', LAB_VSFTPD, '-f', 'github')
    const lines = r.out.trimEnd().split('\n')
    expect(lines).toHaveLength(7)
    expect(lines[5]).toMatch(new RegExp(`^::error file=${LAB_VSFTPD.replaceAll(':', '%3A')},line=37,title=ftplog check-config%3A max_per_ip = 2 \\(421 capacity\\)::max_per_ip 2 is below 3: .*%0Afix: max_per_ip=10 or more`))
    expect(lines[6]).toMatch(/^::notice file=[^,]*vsftpd\.conf,title=ftplog check-config%3A pasv_address \(not set\)/)
  })

  it('escapes configuration content in every formatter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-check-'))
    const path = join(dir, 'proftpd.conf')
    writeFileSync(path, 'MaxClientsPerHost 2 "\u001b[2J%0A\r::error::pwned|`x`"\n\u001b]0;title\u0007Evil on\n')
    const text = await ftplog('check-config', path)
    expect(text.out).not.toMatch(/[\u001b\u0007\r]/)
    expect(text.out).toContain('\\x1b[2J')
    const gh = await ftplog('check-config', path, '-f', 'github')
    const lines = gh.out.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=/)
    expect(gh.out).toContain('\\x1b[2J%250A\\x0d::error::pwned')
    const md = await ftplog('check-config', path, '-f', 'markdown')
    expect(md.out).not.toMatch(/[\u001b\u0007\r]/)
    expect(md.out).toContain('pwned\\|')
  })

  it('refuses an unknown formatter or server in one line', async () => {
    expect(await ftplog('check-config', LAB_VSFTPD, '-f', 'html')).toMatchObject({ code: 2, err: expect.stringMatching(/^ftplog: unknown formatter "html" for check-config; choose from text, json, markdown, github\n$/) })
    expect(await ftplog('check-config', LAB_VSFTPD, '--server', 'iis')).toMatchObject({ code: 2, err: expect.stringMatching(/--server "iis": choose from vsftpd, proftpd, pure-ftpd/) })
    expect(await ftplog('check-config')).toMatchObject({ code: 2 })
  })

  it('writes to a file with -o', async () => {
    const r = await ftplog('check-config', LAB_VSFTPD, '-f', 'json', '-o', 'findings.json')
    expect(r.out).toBe('')
    expect(JSON.parse(r.files.get('findings.json')!).verdict.exitCode).toBe(1)
  })

  it('never writes over a configuration it reads, an included one too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-check-out-'))
    const conf = join(dir, 'proftpd.conf')
    writeFileSync(conf, `Include ${join(dir, 'extra.conf')}\nTimeoutIdle 5\n`)
    writeFileSync(join(dir, 'extra.conf'), 'MaxInstances 2\n')
    for (const target of [conf, join(dir, 'extra.conf')]) {
      const r = await ftplog('check-config', conf, '-o', target)
      expect(r.code).toBe(2)
      expect(r.err).toBe(`ftplog: cannot write ${target}: it is the configuration ${target}, which this run reads; write the output elsewhere\n`)
      expect(r.files.size).toBe(0)
    }
  })
})

describe('ftplog check-config on the configurations the lab generates (test/servers/lab/servers.ts)', () => {
  it('fails each server of the lab with the findings its tight settings call for', async () => {
    const { SERVERS } = await import('../servers/lab/servers.js')
    const runDir = mkdtempSync(join(tmpdir(), 'ftplog-lab-config-'))
    const vsftpd = SERVERS.vsftpd.prepare(join(runDir), {})
    const vs = await ftplog('check-config', vsftpd.configFile!, '-f', 'json')
    expect(vs.code).toBe(1)
    expect(JSON.parse(vs.out).findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { directive: string }) => f.directive)).toEqual([
      'idle_session_timeout',
      'data_connection_timeout',
      'accept_timeout',
      'connect_timeout',
      'max_per_ip',
    ])
    const proftpdDir = mkdtempSync(join(tmpdir(), 'ftplog-lab-config-'))
    const proftpd = SERVERS.proftpd.prepare(proftpdDir, {})
    expect((await ftplog('check-config', proftpd.configFile!)).code).toBe(1)
    // Pure-FTPd runs from its command line: the words after the binary.
    const pure = SERVERS['pure-ftpd'].prepare(runDir, {})
    const flags = pure.args.slice(pure.args.indexOf(SERVERS['pure-ftpd'].binary) + 1)
    const r = await ftplog('check-config', '--pure-ftpd-flags', flags.join(' '), '-f', 'json')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out).findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { directive: string }) => f.directive)).toEqual(['MaxClientsPerIP', 'MaxIdleTime'])
  })
})

describe('ftplog check-config FOLDER', () => {
  it('checks the configurations found under a folder such as /etc, and a Debian Pure-FTPd conf folder as one', async () => {
    const etc = mkdtempSync(join(tmpdir(), 'ftplog-etc-'))
    mkdirSync(join(etc, 'pure-ftpd', 'conf'), { recursive: true })
    mkdirSync(join(etc, 'ssh'))
    copyFileSync(LAB_VSFTPD, join(etc, 'vsftpd.conf'))
    writeFileSync(join(etc, 'pure-ftpd', 'conf', 'MaxClientsPerIP'), '2\n')
    writeFileSync(join(etc, 'ssh', 'sshd_config'), 'Port 22\n')
    const r = await ftplog('check-config', etc, '-f', 'json')
    const report = JSON.parse(r.out)
    expect(report.configs.map((c: { path: string; server: string }) => [c.path.slice(etc.length), c.server])).toEqual([
      ['/pure-ftpd/conf', 'pure-ftpd'],
      ['/vsftpd.conf', 'vsftpd'],
    ])
    expect(r.code).toBe(1)
    const folder = await ftplog('check-config', join(etc, 'pure-ftpd', 'conf'), '-f', 'json')
    expect(JSON.parse(folder.out).findings.map((f: { directive: string; source: { line: number } }) => [f.directive, f.source.line])).toEqual([['MaxClientsPerIP', 1]])
  })
})
