import { describe, expect, it } from 'vitest'
import { SessionTracker } from '../../src/analyze/session-tracker.js'
import { emptyState, type IncidentEvent } from '../../src/analyze/state.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { readFileSync } from 'node:fs'
import { analyzeText, lines } from '../helpers/analyze-text.js'
import { fixture } from '../helpers/paths.js'

const V = (t: string, pid: number, user: string | null, body: string): string =>
  `Mon Jan 15 ${t} 2024 [pid ${pid}] ${user ? `[${user}] ` : ''}${body}`
const resp = (t: string, pid: number, user: string | null, reply: string): string =>
  V(t, pid, user, `FTP response: Client "192.0.2.10", "${reply}"`)
const cmd = (t: string, pid: number, user: string | null, command: string): string =>
  V(t, pid, user, `FTP command: Client "192.0.2.10", "${command}"`)

describe('session tracker on vsftpd protocol logs', () => {
  it('stitches one session across the connect, login and post-login pids', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
        resp('10:00:00', 100, null, '220 (vsFTPd 3.0.3)'),
        cmd('10:00:01', 100, null, 'USER alice'),
        resp('10:00:01', 100, 'alice', '331 Please specify the password.'),
        cmd('10:00:02', 100, 'alice', 'PASS <password>'),
        V('10:00:02', 99, 'alice', 'OK LOGIN: Client "192.0.2.10"'),
        resp('10:00:02', 101, 'alice', '230 Login successful.'),
        cmd('10:06:00', 101, 'alice', 'NOOP'),
        resp('10:11:00', 101, 'alice', '421 Timeout.'),
      ),
    )
    expect(r.sessions).toMatchObject({ total: 1, loggedIn: 1 })
    // One session across three pids: one at once, and its end logged (the 421).
    expect(r.sessions.peakConcurrent).toMatchObject({ global: 1, byClient: [{ client: '192.0.2.10', peak: 1 }], endsNotLogged: 0, estimated: false })
    expect(r.logins.ok).toBe(1)
    expect(r.incidents).toHaveLength(1)
    expect(r.incidents[0]).toMatchObject({ cause: 'idle-timeout', code: 421, users: ['alice'], clients: ['192.0.2.10'] })
    // Cut after 5 min of silence (10:06:00 → 10:11:00): the default 300 s is what cut it, so twice that.
    expect(r.incidents[0]!.advice.settings).toMatchObject([{ directive: 'idle_session_timeout', configured: '300', isDefault: true, source: null, recommended: '600' }])
    expect(r.incidents[0]!.samples[0]!.line).toBe(9)
  })

  it('calls a 421 Timeout before login a login timeout', async () => {
    const r = await analyzeText(
      lines(V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'), resp('10:00:00', 100, null, '220 (vsFTPd 3.0.3)'), resp('10:05:00', 100, null, '421 Timeout.')),
    )
    expect(r.incidents.map((i) => i.cause)).toEqual(['login-timeout'])
    expect(r.incidents[0]!.advice.directives[0]!.name).toBe('idle_session_timeout')
  })

  it('joins multi-line replies and counts them once', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
        cmd('10:00:01', 100, null, 'FEAT'),
        resp('10:00:01', 100, null, '211-Features:'),
        resp('10:00:01', 100, null, ' EPRT'),
        resp('10:00:01', 100, null, ' 421 this line is text inside the block'),
        resp('10:00:01', 100, null, '211 End'),
      ),
    )
    expect(r.totals.replies).toEqual({ '211': 1 })
    expect(r.incidents).toEqual([])
  })

  it('treats 426 followed by 226 ABOR successful as a client abort (notice)', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
        V('10:00:02', 99, 'alice', 'OK LOGIN: Client "192.0.2.10"'),
        cmd('10:00:03', 101, 'alice', 'RETR big.iso'),
        resp('10:00:03', 101, 'alice', '150 Opening BINARY mode data connection for big.iso (1048576 bytes).'),
        resp('10:00:09', 101, 'alice', '426 Failure writing network stream.'),
        V('10:00:09', 101, 'alice', 'FAIL DOWNLOAD: Client "192.0.2.10", "/srv/big.iso", 65536 bytes, 10.00Kbyte/sec'),
        resp('10:00:09', 101, 'alice', '226 ABOR successful.'),
      ),
    )
    expect(r.incidents).toHaveLength(1)
    expect(r.incidents[0]).toMatchObject({ cause: 'client-abort', severity: 'notice', events: 1, bytesLost: 65536, files: ['/srv/big.iso'] })
    expect(r.transfers).toMatchObject({ incomplete: 1, partialBytes: 65536, completed: 0 })
    expect(r.verdict.exitCode).toBe(0)
  })

  it('a 426 right after 226 Abort successful is a client abort; with another reply between, it is not', async () => {
    const abort = (between: string[]) =>
      analyzeText(
        lines(
          V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
          V('10:00:02', 99, 'alice', 'OK LOGIN: Client "192.0.2.10"'),
          cmd('10:00:03', 101, 'alice', 'RETR big.iso'),
          resp('10:00:03', 101, 'alice', '150 Opening BINARY mode data connection for big.iso (1048576 bytes).'),
          resp('10:00:09', 101, 'alice', '226 Abort successful'),
          ...between,
          resp('10:00:09', 101, 'alice', '426 Transfer aborted. Data connection closed'),
        ),
      )
    expect((await abort([])).incidents.map((i) => i.cause)).toEqual(['client-abort'])
    expect((await abort([resp('10:00:09', 101, 'alice', '200 NOOP ok.')])).incidents.map((i) => i.cause)).not.toContain('client-abort')
  })

  it('merges a 426 and its FAIL DOWNLOAD line into one data-connection-lost event', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
        V('10:00:02', 99, 'alice', 'OK LOGIN: Client "192.0.2.10"'),
        cmd('10:00:03', 101, 'alice', 'RETR big.iso'),
        resp('10:00:03', 101, 'alice', '150 Opening BINARY mode data connection.'),
        resp('10:00:09', 101, 'alice', '426 Failure writing network stream.'),
        V('10:00:09', 101, 'alice', 'FAIL DOWNLOAD: Client "192.0.2.10", "/srv/big.iso", 4096 bytes, 10.00Kbyte/sec'),
        cmd('10:00:10', 101, 'alice', 'QUIT'),
        resp('10:00:10', 101, 'alice', '221 Goodbye.'),
      ),
    )
    expect(r.incidents).toHaveLength(1)
    expect(r.incidents[0]).toMatchObject({ cause: 'data-connection-lost', severity: 'error', events: 1, code: 426, bytesLost: 4096 })
    expect(r.verdict).toMatchObject({ status: 'fail', exitCode: 1 })
  })

  it('does not count a 550-refused RETR as a broken transfer', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
        V('10:00:02', 99, 'alice', 'OK LOGIN: Client "192.0.2.10"'),
        cmd('10:00:03', 101, 'alice', 'RETR missing.txt'),
        resp('10:00:03', 101, 'alice', '550 Failed to open file.'),
        V('10:00:03', 101, 'alice', 'FAIL DOWNLOAD: Client "192.0.2.10", "/srv/missing.txt", 0.00Kbyte/sec'),
      ),
    )
    expect(r.incidents).toEqual([])
    expect(r.transfers).toMatchObject({ incomplete: 0, failedToStart: 1 })
  })

  it('reports a capacity refusal once although both CONNECT and the 421 show it', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 200, null, 'CONNECT: Client "192.0.2.77", "Connection refused: too many sessions for this address."'),
        V('10:00:00', 200, null, 'FTP response: Client "192.0.2.77", "421 There are too many connections from your internet address."'),
      ),
    )
    expect(r.incidents).toHaveLength(1)
    expect(r.incidents[0]).toMatchObject({ cause: 'capacity', events: 1, code: 421, clients: ['192.0.2.77'] })
    expect(r.incidents[0]!.advice.directives.map((d) => d.name)).toEqual(['max_per_ip'])
  })

  it('groups events of one cause within the gap and splits them beyond it', async () => {
    const refuse = (t: string, pid: number): string =>
      V(t, pid, null, 'FTP response: Client "192.0.2.77", "421 There are too many connected users, please try later."')
    const r = await analyzeText(lines(refuse('10:00:00', 1), refuse('10:03:00', 2), refuse('10:07:59', 3), refuse('10:20:00', 4)))
    expect(r.incidents.map((i) => i.events)).toEqual([3, 1])
    expect(r.incidents[0]!.firstSeen).toBe('2024-01-15T10:00:00.000Z')
    expect(r.incidents[0]!.lastSeen).toBe('2024-01-15T10:07:59.000Z')
  })

  it('classifies a data timeout and keeps the partial bytes', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
        V('10:00:02', 99, 'bob', 'OK LOGIN: Client "192.0.2.10"'),
        cmd('10:00:03', 101, 'bob', 'STOR up.bin'),
        resp('10:00:03', 101, 'bob', '150 Ok to send data.'),
        V('10:05:03', 101, 'bob', 'FAIL UPLOAD: Client "192.0.2.10", "/srv/up.bin", 1000 bytes, 0.01Kbyte/sec'),
        resp('10:05:03', 101, 'bob', '421 Data timeout. Reconnect. Sorry.'),
      ),
    )
    expect(r.incidents).toHaveLength(1)
    expect(r.incidents[0]).toMatchObject({ cause: 'data-timeout', events: 1, bytesLost: 1000, files: ['/srv/up.bin'] })
    expect(r.incidents[0]!.advice.directives[0]!.name).toBe('data_connection_timeout')
  })
})

describe('file operations', () => {
  it('counts the real vsftpd.log of an lftp put, rm, mkdir, rmdir: one delete, three file operations', async () => {
    const r = await analyzeText(readFileSync(fixture('vsftpd-utf8', 'vsftpd.log')))
    expect(r.inputs[0]!.logFormat).toBe('vsftpd')
    expect(r.transfers).toMatchObject({ uploads: 1, deletes: 1 })
    expect(r.fileOps).toEqual({ ok: 3, failed: 0 })
    // lftp's own transcript of the same session counts them from the replies to DELE, MKD and RMD.
    const t = await analyzeText(readFileSync(fixture('vsftpd-utf8', 'lftp-d.log')))
    expect(t.transfers).toMatchObject({ uploads: 1, deletes: 1 })
    expect(t.fileOps).toEqual({ ok: 3, failed: 0 })
  })

  it('counts vsftpd OK/FAIL DELETE, MKDIR, RMDIR, RENAME, CHMOD lines; a successful DELETE is also a delete', async () => {
    const r = await analyzeText(
      lines(
        V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
        V('10:00:01', 99, 'alice', 'OK LOGIN: Client "192.0.2.10"'),
        V('10:00:02', 101, 'alice', 'OK DELETE: Client "192.0.2.10", "/home/alice/a.txt"'),
        V('10:00:03', 101, 'alice', 'FAIL DELETE: Client "192.0.2.10", "/home/alice/b.txt"'),
        V('10:00:04', 101, 'alice', 'OK MKDIR: Client "192.0.2.10", "/home/alice/d"'),
        V('10:00:05', 101, 'alice', 'OK RENAME: Client "192.0.2.10", "/home/alice/d /home/alice/e"'),
        V('10:00:06', 101, 'alice', 'OK RMDIR: Client "192.0.2.10", "/home/alice/e"'),
        V('10:00:07', 101, 'alice', 'FAIL CHMOD: Client "192.0.2.10", "/home/alice/c 777"'),
      ),
    )
    expect(r.transfers.deletes).toBe(1)
    expect(r.fileOps).toEqual({ ok: 4, failed: 2 })
  })

  it('counts the final replies to DELE, MKD, RMD, RNTO and SITE CHMOD in a log that tallies from replies, once each', async () => {
    const r = await analyzeText(
      lines(
        '---> USER alice',
        '<--- 331 Password required',
        '---> PASS secret',
        '<--- 230 Logged in',
        '---> DELE a.txt',
        '<--- 250 DELE command successful',
        '---> DELE b.txt',
        '<--- 550 b.txt: No such file or directory',
        '---> MKD d',
        '<--- 257 "/d" - Directory successfully created',
        '---> RNFR d',
        '<--- 350 File or directory exists, ready for destination name',
        '---> RNTO e',
        '<--- 250 Rename successful',
        '---> SITE CHMOD 644 e',
        '<--- 200 SITE CHMOD command successful',
        '---> SITE HELP',
        '<--- 214 Help',
        '---> NOOP',
        '<--- 200 NOOP command successful',
      ),
      { logFormat: 'lftp-debug' },
    )
    expect(r.transfers.deletes).toBe(1)
    // DELE a.txt, MKD, RNTO and SITE CHMOD succeeded, DELE b.txt failed; RNFR, SITE HELP and NOOP are none.
    expect(r.fileOps).toEqual({ ok: 4, failed: 1 })
  })
})

describe('pipelined commands (a reply answers the oldest unanswered command)', () => {
  // lftp 4.9.2 with ftp:sync-mode off against vsftpd 3.0.3 (utf8_filesystem=YES): it sends
  // OPTS UTF8 ON and USER before the first reply (fixtures/vsftpd-utf8/PROVENANCE.md).
  const real = readFileSync(fixture('vsftpd-utf8', 'lftp-d-sync-mode-off.log'), 'utf8')

  it('reads the real pipelined lftp transcript as one good login', async () => {
    expect(real).toMatch(/---> OPTS UTF8 ON\n---> USER ftplab\n<--- 200 Always in UTF8 mode\.\n<--- 331 /)
    const r = await analyzeText(real)
    expect(r.inputs[0]!.logFormat).toBe('lftp-debug')
    expect(r.logins).toMatchObject({ ok: 1, failed: 0 })
  })

  it('a 530 answering the OPTS sent before USER, then a good login, is not a failed login', async () => {
    // The same transcript with the OPTS answered as vsftpd answers commands before login when it
    // does not take them (corpus vsftpd-protocol/qbox-vsftpd.log: `530 Please login with USER and PASS.`).
    const refused = real.replace('<--- 200 Always in UTF8 mode.', '<--- 530 Please login with USER and PASS.')
    expect(refused).not.toBe(real)
    const r = await analyzeText(refused)
    expect(r.totals.replies['530']).toBe(1)
    expect(r.logins).toMatchObject({ ok: 1, failed: 0 })
  })

  it('a 530 answering a pipelined PASS is still a failed login', async () => {
    const r = await analyzeText(
      lines('<--- 220 (vsFTPd 3.0.3)', '---> OPTS UTF8 ON', '---> USER ftplab', '<--- 200 Always in UTF8 mode.', '<--- 331 Please specify the password.', '---> PASS ****', '<--- 530 Login incorrect.'),
      { logFormat: 'lftp-debug' },
    )
    expect(r.logins).toMatchObject({ ok: 0, failed: 1 })
  })
})

describe('Pure-FTPd session ends and undecided transfers', () => {
  const P = (t: string, who: string, body: string): string => `Jan 15 ${t} ftp01 pure-ftpd: (${who}@192.0.2.10) [${body}`
  it('a bare "NNN Logout." after the session ended opens no session and counts no reply', async () => {
    const r = await analyzeText(
      lines(
        P('10:00:00', '?', 'INFO] New connection from 192.0.2.10'),
        P('10:00:00', '?', 'DEBUG] 220 Welcome'),
        P('10:00:01', '?', 'DEBUG] Command [user] [alice]'),
        P('10:00:01', '?', 'DEBUG] 331 User alice OK. Password required'),
        P('10:00:02', '?', 'DEBUG] Command [pass] [<*>]'),
        P('10:00:05', '?', 'DEBUG] 530 Login authentication failed'),
        P('10:00:05', '?', 'WARNING] Authentication failed for user [alice]'),
        P('10:00:05', '?', 'INFO] Logout.'),
        P('10:00:05', '?', 'DEBUG] 530 Logout.'),
      ),
    )
    expect(r.totals.replies).toEqual({ '220': 1, '331': 1, '530': 1 })
    expect(r.sessions.total).toBe(1)
  })

  it('its Logout. before the reply to QUIT does not end the session: the 221 does (one session)', async () => {
    const r = await analyzeText(
      lines(
        P('10:00:00', '?', 'INFO] New connection from 192.0.2.10'),
        P('10:00:00', '?', 'DEBUG] 220 Welcome'),
        P('10:00:01', '?', 'DEBUG] Command [quit] []'),
        P('10:00:01', '?', 'INFO] Logout.'),
        P('10:00:01', '?', 'DEBUG] 221-Goodbye. You uploaded 0 and downloaded 0 kbytes.'),
        P('10:00:01', '?', 'DEBUG] 221 Logout.'),
        P('10:00:02', '?', 'INFO] New connection from 192.0.2.10'),
        P('10:00:02', '?', 'INFO] Logout.'),
      ),
    )
    expect(r.totals.replies).toEqual({ '220': 1, '221': 1 })
    expect(r.sessions.total).toBe(2)
  })

  it('the lab syslog: one session per connection the server logged, also for two connections from one address at once', async () => {
    // fixtures/real/pure-ftpd (lab run `main`): its syslog lines name no pid, so sessions are keyed
    // by address; per-ip-limit keeps two connections from 127.0.0.18 open at once, and their QUIT,
    // Logout. and 221 lines interleave. The clients opened 25 connections; the one refused by -c
    // (global-limit's fifth, 127.0.1.5) is never logged (fixtures/real/facts.json).
    const observed = JSON.parse(readFileSync(fixture('real', 'pure-ftpd', 'client-observed.json'), 'utf8')) as {
      scenarios: { run: string; sessions: { transcript: string[] }[] }[]
    }
    const connections = observed.scenarios.filter((s) => s.run === 'main').flatMap((s) => s.sessions)
    const neverLogged = connections.filter((c) => c.transcript.some((l) => / < 421 \d+ users \(the maximum\) are already logged in/.test(l)))
    expect([connections.length, neverLogged.length]).toEqual([25, 1])
    const r = await analyzeText(readFileSync(fixture('real', 'pure-ftpd', 'syslog.log')), { year: 2026 })
    expect(r.inputs[0]!.logFormat).toBe('pure-ftpd')
    expect(r.sessions).toMatchObject({ total: connections.length - neverLogged.length, loggedIn: r.logins.ok })
    expect(r.totals.replies['221']).toBe(15)
  })

  it('each -C refusal (its one line, "(?@?) Too many connections") is a connection of its own, a capacity event', async () => {
    // fixtures/real/pure-ftpd/syslog.log line 23, and the same refusal of a later connection.
    const refusal = (t: string): string => `Nov 22 ${t} vm pure-ftpd: (?@?) [WARNING] Too many connections (2) from this IP: [127.0.0.18]`
    const r = await analyzeText(lines(refusal('03:04:44'), refusal('03:04:50'), refusal('03:05:10')), { year: 2026 })
    expect(r.sessions.total).toBe(3)
    expect(r.incidents.map((i) => [i.cause, i.events])).toEqual([['capacity', 3]])
  })

  it('two connections from one address at once, each ending with Logout. and NNN Logout.: two sessions', async () => {
    const r = await analyzeText(
      lines(
        P('10:00:00', '?', 'INFO] New connection from 192.0.2.10'),
        P('10:00:00', '?', 'DEBUG] 220 Welcome'),
        P('10:00:01', '?', 'INFO] alice is now logged in'),
        P('10:00:01', 'alice', 'DEBUG] 230 OK.'),
        P('10:00:02', '?', 'INFO] New connection from 192.0.2.10'),
        P('10:00:02', '?', 'DEBUG] 220 Welcome'),
        P('10:00:03', '?', 'INFO] alice is now logged in'),
        P('10:00:03', 'alice', 'DEBUG] 230 OK.'),
        P('10:00:04', 'alice', 'DEBUG] Command [retr] [a.bin]'),
        P('10:00:04', 'alice', 'DEBUG] 550 Sorry, but that file doesn\'t exist'),
        P('10:00:05', 'alice', 'INFO] Logout.'),
        P('10:00:05', 'alice', 'DEBUG] 550 Logout.'),
        P('10:00:06', 'alice', 'DEBUG] Command [noop] []'),
        P('10:00:06', 'alice', 'DEBUG] 200 Zzz...'),
        P('10:00:07', 'alice', 'INFO] Logout.'),
        P('10:00:07', 'alice', 'DEBUG] 200 Logout.'),
      ),
    )
    expect(r.sessions).toMatchObject({ total: 2, loggedIn: 2 })
    expect(r.sessions.peakConcurrent.byClient[0]).toMatchObject({ client: '192.0.2.10', peak: 2 })
    expect(r.totals.replies).toEqual({ '200': 1, '220': 2, '230': 2, '550': 1 })
  })

  it('a transfer line before the final reply is decided by it: 451 makes it incomplete, 226 complete', async () => {
    const transfer = (code: string): string =>
      lines(
        P('10:00:00', 'alice', 'DEBUG] Command [stor] [up.bin]'),
        P('10:00:00', 'alice', 'DEBUG] 150 Accepted data connection'),
        P('10:01:00', 'alice', 'NOTICE] //srv/alice/up.bin uploaded  (123456 bytes, 2.01KB/sec)'),
        ...(code === '451'
          ? [P('10:01:00', 'alice', 'DEBUG] 451-Timeout'), P('10:01:00', 'alice', 'DEBUG] 451-Transfer aborted'), P('10:01:00', 'alice', 'DEBUG] 451 60.059 seconds (measured here), 2.01 Kbytes per second')]
          : [P('10:01:00', 'alice', 'DEBUG] 226-File successfully transferred'), P('10:01:00', 'alice', 'DEBUG] 226 60.059 seconds (measured here), 2.01 Kbytes per second')]),
      )
    const stalled = await analyzeText(transfer('451'))
    expect(stalled.transfers).toMatchObject({ completed: 0, incomplete: 1, partialBytes: 123456 })
    expect(stalled.incidents.map((i) => [i.cause, i.events, i.bytesLost])).toEqual([['data-timeout', 1, 123456]])
    const done = await analyzeText(transfer('226'))
    expect(done.transfers).toMatchObject({ completed: 1, uploads: 1, incomplete: 0, bytesIn: 123456 })
    expect(done.incidents).toEqual([])
  })
})

describe('records without sessions (xferlog)', () => {
  it('counts complete and incomplete transfers and turns i into an event', async () => {
    const r = await analyzeText(
      lines(
        'Mon Jan 15 10:24:02 2024 1 192.0.2.10 1048576 /home/alice/report.pdf b _ o r alice ftp 0 * c',
        'Mon Jan 15 10:31:10 2024 62 192.0.2.10 52428800 /home/alice/big.iso b _ i r alice ftp 0 * i',
        'Mon Jan 15 10:32:10 2024 0 192.0.2.10 10 /home/alice/x b _ d r alice ftp 0 * c',
      ),
    )
    expect(r.inputs[0]!.logFormat).toBe('xferlog')
    expect(r.transfers).toMatchObject({ completed: 1, incomplete: 1, downloads: 1, bytesOut: 1048576, partialBytes: 52428800, deletes: 1 })
    expect(r.incidents).toHaveLength(1)
    expect(r.incidents[0]).toMatchObject({ cause: 'unknown', severity: 'error', code: null, files: ['/home/alice/big.iso'] })
  })
})

describe('ProFTPD', () => {
  it('reads capacity refusals and timeouts from the SystemLog without reply codes', async () => {
    const P = (t: string, pid: number, msg: string): string => `2026-11-22 ${t},000 vm proftpd[${pid}] 127.0.0.1 (127.0.0.33[127.0.0.33]): ${msg}`
    const r = await analyzeText(
      lines(
        P('02:30:45', 7855, 'FTP session opened.'),
        P('02:30:46', 7855, 'Connection refused (MaxClientsPerHost 2)'),
        P('02:30:46', 7855, 'FTP session closed.'),
        P('02:31:00', 8326, 'FTP session opened.'),
        P('02:31:00', 8326, 'USER ftplab: Login successful.'),
        P('02:31:04', 8326, 'FTP no transfer timeout, disconnected'),
        P('02:31:04', 8326, 'Passive data transfer failed, possibly due to network issues'),
      ),
    )
    expect(r.inputs[0]!.logFormat).toBe('proftpd-system')
    expect(r.incidents.map((i) => [i.cause, i.events])).toEqual([
      ['capacity', 1],
      ['data-connection-failed', 1],
    ])
    expect(r.incidents[1]!.advice.directives.map((d) => d.name)).toContain('PassivePorts')
    expect(r.sessions.total).toBe(2)
  })

  it('reads 421 timeouts from the TraceLog, async prefix included', async () => {
    const T = (t: string, pid: number, reply: string): string => `2026-11-22 ${t},500 [${pid}] <response:1>: ${reply}`
    const r = await analyzeText(
      lines(
        T('02:30:53', 8156, '220 ProFTPD Server (ftplab ProFTPD) [127.0.0.1]'),
        T('02:30:53', 8156, '331 Password required for ftplab'),
        T('02:30:53', 8156, '230 User ftplab logged in'),
        T('02:30:56', 8156, 'async: 421 Idle timeout (3 seconds): closing control connection'),
        T('02:31:00', 8326, '220 ProFTPD Server (ftplab ProFTPD) [127.0.0.1]'),
        T('02:31:00', 8326, '230 User ftplab logged in'),
        T('02:31:04', 8326, 'async: 421 No transfer timeout (4 seconds): closing control connection'),
      ),
    )
    expect(r.inputs[0]!.logFormat).toBe('proftpd-trace')
    expect(r.totals.replies).toMatchObject({ '421': 2, '230': 2 })
    expect(r.incidents.map((i) => i.cause).sort()).toEqual(['idle-timeout', 'no-transfer-timeout'])
    expect(r.logins.ok).toBe(2)
  })
})

describe('FileZilla Server 1.x', () => {
  const F = (t: string, body: string) => `2024-01-15T${t}.000Z ${body}`
  it("ends a session at its 221 or 421; the 'Session N ended' line after it opens no new one", async () => {
    const r = await analyzeText(
      lines(
        F('10:00:00', '<< [FTP Session 7 192.0.2.10] 220 Please visit https://filezilla-project.org/'),
        F('10:00:01', '>> [FTP Session 7 192.0.2.10] QUIT'),
        F('10:00:01', '<< [FTP Session 7 192.0.2.10] 221 Goodbye.'),
        F('10:00:01', '== [FTP Server] Session 7 ended gracefully.'),
        F('10:00:02', '<< [FTP Session 8 192.0.2.11] 220 Please visit https://filezilla-project.org/'),
        F('10:01:02', '<< [FTP Session 8 192.0.2.11] 421 Login time exceeded. Closing control connection.'),
        F('10:01:02', '== [FTP Server] Session 8 ended gracefully.'),
        // An end line of a session whose start is not in the log still counts as one.
        F('10:02:00', '== [FTP Server] Session 5 ended gracefully.'),
      ),
    )
    expect(r.inputs[0]!.logFormat).toBe('filezilla-server-1x')
    expect(r.sessions.total).toBe(3)
    expect(r.incidents.map((i) => i.cause)).toEqual(['login-timeout'])
  })
})

describe('SessionTracker fed directly', () => {
  const registry = createLogFormatRegistry()
  const catalog = createCatalog()

  /** A tracker over one log format; `feed` parses and pushes lines, `emitted` fills as events leave. */
  function tracker(formatName: string, options: { sessionIdleMs?: number; maxOpenSessions?: number } = {}) {
    const definition = registry.get(formatName)
    const format = compileLogFormat(definition, { timeZone: 'UTC', year: 2024 }, { definitions: registry.list() })
    const state = emptyState()
    const emitted: IncidentEvent[] = []
    const replies: [number, string | undefined][] = []
    const t = new SessionTracker({
      path: 'direct.log',
      definition,
      catalog,
      state,
      emit: (e) => emitted.push(e),
      observer: { reply: (code, _time, _line, _text, _client, user) => replies.push([code, user]) },
      ...options,
    })
    let lineNo = 0
    const feed = (...ls: string[]): void => {
      for (const l of ls) {
        const parsed = format.parse(l, ++lineNo)
        if (!parsed) throw new Error(`unparsed: ${l}`)
        t.push(parsed.record, l)
      }
    }
    return { t, feed, state, emitted, replies }
  }

  it('emits an event of a log without sessions at once', () => {
    const { t, feed, emitted, state } = tracker('xferlog')
    feed('Mon Jan 15 10:31:10 2024 62 192.0.2.10 52428800 /home/alice/big.iso b _ i r alice ftp 0 * i')
    expect(emitted).toHaveLength(1)
    expect(emitted[0]).toMatchObject({ code: null, client: '192.0.2.10', user: 'alice', file: '/home/alice/big.iso', bytesLost: 52428800, family: 'generic' })
    expect(emitted[0]!.sample).toMatchObject({ path: 'direct.log', line: 1 })
    expect(state.transfers.incomplete).toBe(1)
    t.end()
    expect(emitted).toHaveLength(1)
  })

  it('keeps a session’s events until it ends, then emits them merged', () => {
    const { t, feed, emitted } = tracker('vsftpd')
    feed(
      V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
      V('10:00:02', 99, 'alice', 'OK LOGIN: Client "192.0.2.10"'),
      cmd('10:00:03', 101, 'alice', 'RETR big.iso'),
      resp('10:00:03', 101, 'alice', '150 Opening BINARY mode data connection.'),
      resp('10:00:09', 101, 'alice', '426 Failure writing network stream.'),
      V('10:00:09', 101, 'alice', 'FAIL DOWNLOAD: Client "192.0.2.10", "/srv/big.iso", 4096 bytes, 10.00Kbyte/sec'),
      cmd('10:00:10', 101, 'alice', 'NOOP'),
    )
    expect(emitted).toEqual([])
    t.end()
    expect(emitted).toHaveLength(1)
    expect(emitted[0]).toMatchObject({ cause: 'data-connection-lost', code: 426, file: '/srv/big.iso', bytesLost: 4096, user: 'alice', server: 'vsftpd' })
  })

  it('tells the observer of each reply with the user trying to log in', () => {
    const { feed, replies } = tracker('vsftpd')
    feed(
      V('10:00:00', 100, null, 'CONNECT: Client "192.0.2.10"'),
      resp('10:00:00', 100, null, '220 (vsFTPd 3.0.3)'),
      cmd('10:00:01', 100, null, 'USER bob'),
      resp('10:00:01', 100, null, '331 Please specify the password.'),
    )
    expect(replies).toEqual([
      [220, undefined],
      [331, 'bob'],
    ])
  })

  it('closes the least recently active session when more than maxOpenSessions are open', () => {
    const { t, feed, emitted, state } = tracker('vsftpd', { maxOpenSessions: 2 })
    const lost = (pid: number, client: string): string => V('10:00:00', pid, null, `FTP response: Client "${client}", "426 Failure writing network stream."`)
    feed(lost(1, '192.0.2.1'), lost(2, '192.0.2.2'))
    expect(emitted).toEqual([])
    feed(V('10:00:01', 3, null, 'CONNECT: Client "192.0.2.3"'))
    expect(emitted.map((e) => e.client)).toEqual(['192.0.2.1'])
    // Session 2 is active again, so the next one over the limit closes session 3.
    feed(cmd('10:00:02', 2, null, 'NOOP'), V('10:00:03', 4, null, 'CONNECT: Client "192.0.2.4"'))
    expect(emitted.map((e) => e.client)).toEqual(['192.0.2.1'])
    t.end()
    expect(emitted.map((e) => e.client)).toEqual(['192.0.2.1', '192.0.2.2'])
    expect(state.sessions.total).toBe(4)
  })

  it('closes sessions idle for sessionIdleMs, checked every 4096 records', () => {
    const { feed, emitted } = tracker('vsftpd', { sessionIdleMs: 60_000 })
    feed(V('10:00:00', 1, null, 'CONNECT: Client "192.0.2.1"'), V('10:00:00', 1, null, 'FTP response: Client "192.0.2.1", "426 Failure writing network stream."'))
    const later = Array.from({ length: 4096 }, () => cmd('11:00:00', 2, null, 'NOOP'))
    feed(...later)
    expect(emitted.map((e) => [e.code, e.client])).toEqual([[426, '192.0.2.1']])
  })
})

describe('session end (sessions.endsAt)', () => {
  // pyftpdlib 1.5.7 at DEBUG (fixtures/real/pyftpdlib/debug.log): the stalled download's record
  // comes after its 421, and 'FTP session closed' last.
  const P = (t: string, body: string): string => `[I 2024-01-15 ${t}] 127.0.0.23:44481-[ftplab] ${body}`
  const stalled = lines(
    P('10:00:00', 'FTP session opened (connect)'),
    P('10:00:00', "USER 'ftplab' logged in."),
    P('10:00:00', '<- RETR big.bin'),
    P('10:00:00', '-> 150 File status okay. About to open data connection.'),
    P('10:00:04', '-> 421 Data connection timed out.'),
    P('10:00:04', 'RETR /srv/big.bin completed=0 bytes=2949120 seconds=4.119'),
    P('10:00:04', 'FTP session closed (disconnect).'),
  )

  it("keeps a pyftpdlib session open after its 421 until the disconnect record (endsAt 'disconnect')", async () => {
    const r = await analyzeText(stalled)
    expect(r.inputs[0]!.logFormat).toBe('pyftpdlib')
    expect(r.sessions.total).toBe(1)
    expect(r.incidents.map((i) => [i.cause, i.events])).toEqual([['data-timeout', 1]])
    expect(r.transfers).toMatchObject({ incomplete: 1, partialBytes: 2949120 })
  })

  it("ends the session at the 421 when the log format keeps the default (endsAt 'reply')", async () => {
    const raw = createLogFormatRegistry().get('pyftpdlib')
    const custom = { ...structuredClone(raw), name: 'pyftpdlib-reply-end', sessions: { ...raw.sessions, endsAt: 'reply' } }
    const registry = createLogFormatRegistry([custom])
    const definition = registry.get('pyftpdlib-reply-end')
    const format = compileLogFormat(definition, { timeZone: 'UTC', year: 2024 }, { definitions: registry.list() })
    const state = emptyState()
    const emitted: IncidentEvent[] = []
    const t = new SessionTracker({ path: 'p.log', definition, catalog: createCatalog(), state, emit: (e) => emitted.push(e) })
    stalled.trim().split('\n').forEach((l, i) => t.push(format.parse(l, i + 1)!.record, l))
    t.end()
    // The transfer record then opens a second session: a second event, which the pyftpdlib rule for
    // a lone completed=0 record (pyftpdlib-download-cut) misreads as a cut download.
    expect(emitted.map((e) => e.cause).sort()).toEqual(['data-connection-lost', 'data-timeout'])
  })
})
