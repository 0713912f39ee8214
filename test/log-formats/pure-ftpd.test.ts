import { codeEvents } from '../../src/analyze/state.js'
import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { readFileSync } from 'node:fs'
import { analyze } from '../helpers/corpus.js'
import { analyzeText } from '../helpers/analyze-text.js'
import { fixture } from '../helpers/paths.js'

// Logs of a real Pure-FTPd 1.0.50 driven by real clients (fixtures/pure-ftpd/PROVENANCE.md).
const registry = createLogFormatRegistry()

describe('Pure-FTPd, real logs made here', () => {
  it('syslog with -d -d: sessions, logins, transfers, commands and replies; the logger line is not FTP', async () => {
    const state = await analyze([fixture('pure-ftpd', 'syslog-debug.log')])
    const input = state.inputs[0]!
    expect(input).toMatchObject({ logFormat: 'pure-ftpd', lines: 380, recognizedLines: 379, notFtpLines: 1, unrecognizedLines: 0 })
    expect(state.logins).toMatchObject({ ok: 15, failed: 1 })
    expect(Object.fromEntries(state.logins.failedByUser.counts)).toEqual({ alice: 1 })
    // Downloads and uploads logged by the server, the two aborted ones included (Pure-FTPd logs them
    // as transferred, with the partial size).
    expect(state.transfers).toMatchObject({ completed: 10, downloads: 6, uploads: 4 })
    // One 530 refused the login; the other 530 line is `530 Logout.` at the end of that session.
    expect(state.replies['530']).toBe(1)
    // 16 connections (one pid each, -1), and the parent's pid that logged the per-IP refusal.
    expect(state.sessions.total).toBe(17)
  })

  it('carries the texts of events logged without a code to the catalog (timeout; the per-IP refusal, which also ends its connection)', () => {
    const format = compileLogFormat(registry.get('pure-ftpd'), { timeZone: 'UTC', year: 2026 }, { definitions: registry.list() })
    const timeout = format.parse('Nov 22 03:06:45 ftplab pure-ftpd[26203]: (alice@localhost) [INFO] Timeout - try typing a little faster next time', 1)!.record
    expect(timeout).toMatchObject({ kind: 'message', message: 'Timeout - try typing a little faster next time', user: 'alice', session: '26203' })
    const limit = format.parse('Nov 22 03:05:45 ftplab pure-ftpd[26112]: (?@?) [WARNING] Too many connections (2) from this IP: [127.0.0.1]', 2)!.record
    expect(limit).toMatchObject({ kind: 'disconnect', message: 'Too many connections (2) from this IP: [127.0.0.1]', user: undefined, client: undefined })
  })

  it('altlogs: clf, stats, w3c and xferlog', async () => {
    const cases = [
      ['altlog-clf.log', 'pure-ftpd-clf', 3, 300018],
      ['altlog-stats.log', 'pure-ftpd-stats', 3, 11206662],
      ['altlog-w3c.log', 'pure-ftpd-w3c', 2, 18],
      ['altlog-xferlog.log', 'xferlog', 2, 18],
    ] as const
    for (const [file, format, completed, bytes] of cases) {
      const state = await analyze([fixture('pure-ftpd', file)])
      expect(state.inputs[0]!.logFormat, file).toBe(format)
      expect(state.inputs[0]!.unrecognizedLines, file).toBe(0)
      expect(state.transfers.completed, file).toBe(completed)
      expect(state.transfers.incomplete, file).toBe(0)
      expect(state.transfers.bytesIn + state.transfers.bytesOut, file).toBe(bytes)
    }
  })

  it('client transcripts of the limit and timeout refusals', async () => {
    for (const [file, format] of [
      ['client-curl-v-server-full.log', 'curl-verbose'],
      ['client-lftp-d-server-full.log', 'lftp-debug'],
      ['client-ftplib-idle-timeout.log', 'ftplib-debug'],
      ['client-ftplib-per-ip-limit.log', 'ftplib-debug'],
    ] as const) {
      const state = await analyze([fixture('pure-ftpd', file)])
      expect(state.inputs[0]!.logFormat, file).toBe(format)
      expect(state.inputs[0]!.unrecognizedLines, file).toBe(0)
      expect(state.replies['421'], file).toBe(1)
      expect(state.incidents.map((i) => codeEvents(i, '421')), file).toContain(1)
    }
  })

  it('reads the lab syslog with the 530 and 550 counts the clients received (NNN Logout. ends a session)', async () => {
    const state = await analyze([fixture('real', 'pure-ftpd', 'syslog.log')])
    const observed = JSON.parse(readFileSync(fixture('real', 'pure-ftpd', 'client-observed.json'), 'utf8')) as ClientObserved
    const received = (code: number): number =>
      observed.scenarios.filter((s) => s.run === 'main').flatMap((s) => s.replies).filter((r) => r.code === code).length
    expect(received(530)).toBe(3)
    expect(state.replies['530']).toBe(received(530))
    expect(state.replies['550']).toBe(received(550))
    // `150 Logout.` after the killed download is no reply either.
    expect(state.replies['150']).toBe(11)
    // The stalled download: logged as `downloaded` with its partial size, then the session timed out.
    expect(state.transfers).toMatchObject({ completed: 6, incomplete: 1, partialBytes: 2752512 })
    const stall = state.incidents.find((i) => i.cause === 'data-timeout')
    expect(stall?.bytesLost).toBe(2752512)
  })

  it('a stalled upload is a data-timeout incident with its partial bytes, not a completed upload', async () => {
    const state = await analyze([fixture('pure-ftpd', 'syslog-stalled-upload.log')])
    expect(state.inputs[0]).toMatchObject({ logFormat: 'pure-ftpd', unrecognizedLines: 0 })
    expect(state.replies).toMatchObject({ '451': 1 })
    expect(state.transfers).toMatchObject({ completed: 0, uploads: 0, incomplete: 1, partialBytes: 123456 })
    expect(state.incidents).toHaveLength(1)
    expect(state.incidents[0]).toMatchObject({ cause: 'data-timeout', events: 1, bytesLost: 123456 })
    expect(codeEvents(state.incidents[0]!, '451')).toBe(1)
    expect(state.sessions.total).toBe(1)
  })

  it('keeps its PAM and init-script lines out of the unrecognized ones', () => {
    const format = compileLogFormat(registry.get('pure-ftpd'), { timeZone: 'UTC', year: 2026 }, { definitions: registry.list() })
    const kind = (line: string): string | undefined => format.parse(line, 1)?.record.kind
    expect(kind('Aug 18 22:07:19 WebServer pure-ftpd[318024]: pam_unix(pure-ftpd:auth): check pass; user unknown')).toBe('not-ftp')
    expect(kind('Aug 18 22:07:20 WebServer pure-ftpd[318024]: pam_systemd(pure-ftpd:session): Failed to release session: Access denied')).toBe('not-ftp')
    expect(kind('Aug 18 22:07:44 WebServer pure-ftpd[318177]: Starting ftp server:')).toBe('meta')
    // A 221 Logout. ends the reply to QUIT, which the client receives.
    expect(format.parse('Nov 22 03:04:44 vm pure-ftpd: (ftplab@127.0.0.18) [DEBUG] 221 Logout.', 1)?.record).toMatchObject({ kind: 'reply', code: 221 })
    expect(format.parse('Nov 22 03:04:44 vm pure-ftpd: (ftplab@127.0.0.18) [DEBUG] 550 Logout.', 1)?.record).toMatchObject({ kind: 'disconnect' })
  })

  it('recognizes docker logs of a pure-ftpd image; supervisord and entrypoint lines are not FTP', async () => {
    // The entrypoint's own output and supervisord's log are lines of crazy-max/docker-pure-ftpd
    // issues #2 and #6; the pure-ftpd lines are in the prefix-less form some images print (issue 12
    // of this project; corpus pureftpd/ossec-docs-pureftpd-samples.log has the same form).
    const text = [
      'Setting timezone to UTC...',
      'Use PureDB authentication method',
      'Flags',
      '  Secure: --maxclientsnumber 5 --maxclientsperip 5 --antiwarez --customerproof --dontresolve --norename --prohibitdotfilesread --prohibitdotfileswrite',
      '  Additional: -d -d',
      '2020-05-14 18:10:18,110 INFO Included extra file "/etc/supervisord/pure-ftpd.conf" during parsing',
      '2020-05-14 18:10:18,112 INFO supervisord started with pid 1',
      'pure-ftpd: (?@172.17.0.1) [INFO] New connection from 172.17.0.1',
      'pure-ftpd: (?@172.17.0.1) [WARNING] Authentication failed for user [root]',
      'pure-ftpd: (?@172.17.0.1) [INFO] Logout.',
      'pure-ftpd: (?@172.17.0.1) [INFO] New connection from 172.17.0.1',
      'pure-ftpd: (?@172.17.0.1) [INFO] alice is now logged in',
      'pure-ftpd: (alice@172.17.0.1) [NOTICE] /home/ftpusers/alice//report.pdf downloaded  (1048576 bytes, 2048.00KB/sec)',
      'pure-ftpd: (alice@172.17.0.1) [INFO] Logout.',
      '2020-01-04 12:20:37,891 WARN received SIGTERM indicating exit request',
      '2020-01-04 12:20:40,014 INFO stopped: pure-ftpd (exit status 0)',
    ].join('\n')
    const state = await analyzeText(text)
    expect(state.inputs[0]).toMatchObject({ logFormat: 'pure-ftpd', lines: 16, recognizedLines: 7, notFtpLines: 9, unrecognizedLines: 0 })
    expect(state.logins).toMatchObject({ ok: 1, failed: 1 })
    expect(state.transfers).toMatchObject({ completed: 1, bytesOut: 1048576 })
  })
})

describe('Pure-FTPd docker logs with a syslog prefix (crazy-max/docker-pure-ftpd issue #2)', () => {
  it('reads the FTP lines and counts supervisord lines as not FTP', async () => {
    const state = await analyzeText(
      [
        'Jan  4 11:14:17 f812ef1dd8ea pure-ftpd: (toto@192.168.1.122) [DEBUG] 200 TYPE is now ASCII',
        'Jan  4 11:14:17 f812ef1dd8ea pure-ftpd: (toto@192.168.1.122) [DEBUG] Command [pasv] []',
        'Jan  4 11:14:17 f812ef1dd8ea pure-ftpd: (toto@192.168.1.122) [DEBUG] 227 Entering Passive Mode (109,XXX,XXX,XXX,117,57)',
        'Jan  4 11:14:17 f812ef1dd8ea pure-ftpd: (toto@192.168.1.122) [DEBUG] Command [mlsd] []',
        '2020-01-04 12:20:37,891 WARN received SIGTERM indicating exit request',
        '2020-01-04 12:20:37,892 INFO waiting for pure-ftpd, syslog-ng to die',
        '2020-01-04 12:20:40,014 INFO stopped: pure-ftpd (exit status 0)',
      ].join('\n'),
    )
    expect(state.inputs[0]).toMatchObject({ logFormat: 'pure-ftpd', recognizedLines: 4, notFtpLines: 3, unrecognizedLines: 0 })
    expect(state.totals.replies).toEqual({ '200': 1, '227': 1 })
  })
})

interface ClientObserved {
  readonly scenarios: readonly { run: string; replies: readonly { code: number }[] }[]
}
