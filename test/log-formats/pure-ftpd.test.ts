import { codeEvents } from '../../src/analyze/state.js'
import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { analyze } from '../helpers/corpus.js'
import { fixture } from '../helpers/paths.js'

// Logs of a real Pure-FTPd 1.0.50 driven by real clients (fixtures/pure-ftpd/PROVENANCE.md).
const registry = createLogFormatRegistry()

describe('Pure-FTPd, real logs made here', () => {
  it('syslog with -d -d: sessions, logins, transfers, commands and replies; the logger line is not FTP', async () => {
    const state = await analyze([fixture('pure-ftpd', 'syslog-debug.log')])
    const input = state.inputs[0]!
    expect(input).toMatchObject({ logFormat: 'pure-ftpd', lines: 380, recognizedLines: 379, notFtpLines: 1, unrecognizedLines: 0 })
    expect(state.logins).toMatchObject({ ok: 15, failed: 1 })
    expect({ ...state.logins.failedByUser.counts }).toEqual({ alice: 1 })
    // Downloads and uploads logged by the server, the two aborted ones included (Pure-FTPd logs them
    // as transferred, with the partial size).
    expect(state.transfers).toMatchObject({ completed: 10, downloads: 6, uploads: 4 })
    expect(state.replies['530']).toBe(2)
    expect(state.sessions.total).toBeGreaterThanOrEqual(18)
  })

  it('carries the texts of events logged without a code to the catalog (timeout, per-IP limit)', () => {
    const format = compileLogFormat(registry.get('pure-ftpd'), { timeZone: 'UTC', year: 2026 }, { definitions: registry.list() })
    const timeout = format.parse('Nov 22 03:06:45 ftplab pure-ftpd[26203]: (alice@localhost) [INFO] Timeout - try typing a little faster next time', 1)!.record
    expect(timeout).toMatchObject({ kind: 'message', message: 'Timeout - try typing a little faster next time', user: 'alice', session: '26203' })
    const limit = format.parse('Nov 22 03:05:45 ftplab pure-ftpd[26112]: (?@?) [WARNING] Too many connections (2) from this IP: [127.0.0.1]', 2)!.record
    expect(limit).toMatchObject({ kind: 'message', message: 'Too many connections (2) from this IP: [127.0.0.1]', user: undefined, client: undefined })
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
})
