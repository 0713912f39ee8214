import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { sameFile } from '../../src/analyze/log-pairing.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { buildReport } from '../../src/report/build-report.js'
import type { Report } from '../../src/report/report-schema.js'
import { fixture } from '../helpers/paths.js'
import { clientTruth } from '../helpers/client-truth.js'

const catalog = createCatalog()

async function report(paths: string[], pairing = true): Promise<Report> {
  return buildReport(await analyzeInputs(paths, { catalog }, { pairing }), { catalog, version: '0.1.0' })
}

const counts = (r: Report): { completed: number; incomplete: number; failedToStart: number } => ({
  completed: r.transfers.completed,
  incomplete: r.transfers.incomplete,
  failedToStart: r.transfers.failedToStart,
})
const unknown = (r: Report): number => r.incidents.filter((i) => i.cause === 'unknown').reduce((n, i) => n + i.events, 0)

describe('paired logs of one server count each transfer once', () => {
  const vsftpd = fixture('real', 'vsftpd', 'vsftpd.log')
  const vsftpdXfer = fixture('real', 'vsftpd', 'xferlog')

  it('vsftpd dual logging (vsftpd.log + xferlog) gives the transfers the clients made, without an unknown incident', async () => {
    const pair = await report([vsftpdXfer, vsftpd])
    expect(clientTruth('vsftpd')).toEqual({ completed: 2, incomplete: 5, failedToStart: 3 })
    expect(counts(pair)).toEqual(clientTruth('vsftpd'))
    expect(unknown(pair)).toBe(0)
    // Every failure the clients saw is one classified incident event, as in vsftpd.log alone.
    const alone = await report([vsftpd])
    expect(pair.incidents.map((i) => [i.cause, i.events, i.codes])).toEqual(alone.incidents.map((i) => [i.cause, i.events, i.codes]))
    expect(pair.transfers).toEqual(alone.transfers)
    expect(pair.inputs.map((i) => [i.path, i.pairedWith])).toEqual([
      [vsftpd, [vsftpdXfer]],
      [vsftpdXfer, [vsftpd]],
    ])
  })

  it('each file alone is unchanged (xferlog alone still reports its failures as unknown)', async () => {
    const xfer = await report([vsftpdXfer])
    expect(counts(xfer)).toEqual({ completed: 2, incomplete: 8, failedToStart: 0 })
    expect(unknown(xfer)).toBe(8)
    expect(xfer.inputs[0]!.pairedWith).toEqual([])
  })

  it('--no-pairing (pairing: false) counts both logs, as before', async () => {
    const both = await report([vsftpd, vsftpdXfer], false)
    expect(both.transfers.completed).toBe(4)
    expect(unknown(both)).toBe(8)
    expect(both.inputs.every((i) => i.pairedWith.length === 0)).toBe(true)
  })

  it('ProFTPD TransferLog + TraceLog: every transfer once; the TraceLog has no client addresses, so failures fold by time', async () => {
    const transfer = fixture('real', 'proftpd', 'transfer.log')
    const trace = fixture('real', 'proftpd', 'trace.log')
    const pair = await report([trace, transfer])
    const truth = clientTruth('proftpd')
    expect(truth).toEqual({ completed: 2, incomplete: 5, failedToStart: 3 })
    // The missing-file RETR (550) is in neither log: the TraceLog has no commands, the TransferLog
    // only finished or broken transfers. Everything else is what the clients did.
    expect(counts(pair)).toEqual({ ...truth, failedToStart: truth.failedToStart - 1 })
    expect(unknown(pair)).toBe(0)
  })

  it('ProFTPD folder (TransferLog beside its ExtendedLog, TraceLog and SystemLog) gives the transfers the clients made', async () => {
    const state = await analyzeInputs(
      ['transfer.log', 'extended.log', 'trace.log', 'system.log'].map((f) => fixture('real', 'proftpd', f)),
      { catalog },
    )
    const r = buildReport(state, { catalog, version: '0.1.0' })
    expect(counts(r)).toEqual(clientTruth('proftpd'))
    expect(unknown(r)).toBe(0)
    expect(r.inputs.find((i) => i.path.endsWith('transfer.log'))!.pairedWith.length).toBeGreaterThan(0)
  })

  it('Pure-FTPd syslog + xferlog: the 7 transfers both logs record are counted once', async () => {
    const syslog = fixture('real', 'pure-ftpd', 'syslog.log')
    const xfer = fixture('real', 'pure-ftpd', 'xferlog')
    const [pair, a, b] = await Promise.all([report([syslog, xfer]), report([syslog]), report([xfer])])
    // xferlog says 7 complete; the syslog knows the stalled download timed out before its final
    // reply (incomplete, its bytes partial). The pair counts each transfer once, as the syslog does.
    expect(b.transfers.completed).toBe(7)
    expect(a.transfers).toMatchObject({ completed: 6, incomplete: 1, partialBytes: 2752512 })
    expect(pair.transfers).toEqual(a.transfers)
    expect(pair.inputs.map((i) => i.pairedWith)).toEqual([[xfer], [syslog]])
  })

  it('records found in one log only still count (an altlog of another run of the same server)', async () => {
    const syslog = fixture('real', 'pure-ftpd', 'syslog.log')
    const clf = fixture('real', 'pure-ftpd', 'clf.log')
    const [pair, a, b] = await Promise.all([report([syslog, clf]), report([syslog]), report([clf])])
    expect(pair.transfers.completed).toBe(a.transfers.completed + b.transfers.completed)
    expect(pair.inputs.every((i) => i.pairedWith.length === 0)).toBe(true)
  })
})

describe('paired deletes', () => {
  it('vsftpd.log OK DELETE + the xferlog d record of the same delete: one delete, one file operation', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-pair-del-'))
    try {
      // vsftpd's own format (xferlog_std_format=NO) as in corpus vsftpd-protocol/qbox-vsftpd.log,
      // and an xferlog `d` record (wu-ftpd layout, as ProFTPD's TransferLog writes deletes).
      writeFileSync(
        join(dir, 'vsftpd.log'),
        [
          'Wed Feb 19 18:57:50 2020 [pid 2] CONNECT: Client "192.0.2.10"',
          'Wed Feb 19 18:57:52 2020 [pid 1] [alice] OK LOGIN: Client "192.0.2.10"',
          'Wed Feb 19 18:58:04 2020 [pid 3] [alice] OK DELETE: Client "192.0.2.10", "/home/alice/old.txt"',
          'Wed Feb 19 18:58:09 2020 [pid 3] [alice] OK MKDIR: Client "192.0.2.10", "/home/alice/new"',
          '',
        ].join('\n'),
      )
      writeFileSync(join(dir, 'xferlog'), 'Wed Feb 19 18:58:04 2020 0 192.0.2.10 0 /home/alice/old.txt a _ d r alice ftp 0 * c\n')
      const [pair, unpaired] = await Promise.all([report([dir]), report([dir], false)])
      expect(unpaired.transfers.deletes).toBe(2)
      expect(pair.transfers.deletes).toBe(1)
      expect(pair.fileOps).toEqual({ ok: 2, failed: 0 })
      expect(pair.inputs.every((i) => i.pairedWith.length === 1)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('sameFile', () => {
  it('matches a command argument with the full path, and collapses repeated slashes', () => {
    expect(sameFile('big.bin', '/srv/ftplab/big.bin')).toBe(true)
    expect(sameFile('//srv/ftplab/big.bin', '/srv/ftplab/big.bin')).toBe(true)
    expect(sameFile('ftplab/big.bin', '/srv/ftplab/big.bin')).toBe(true)
    expect(sameFile('g.bin', '/srv/ftplab/big.bin')).toBe(false)
    expect(sameFile('/a/big.bin', '/b/big.bin')).toBe(false)
    expect(sameFile(undefined, '/b/big.bin')).toBe(true)
  })
})

describe('pairing at scale', () => {
  it('a dual log of 3,000 sessions read in step counts each transfer once; a record in one log only still counts', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { dualLog } = await import('../helpers/dual-log.js')
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-pair-'))
    try {
      const sessions = 3000
      const log = dualLog(sessions, 10, 7)
      writeFileSync(join(dir, 'vsftpd.log'), log.vsftpd)
      writeFileSync(join(dir, 'xferlog'), log.xferlog)
      const r = await report([dir])
      expect(r.transfers.completed).toBe(log.completed)
      expect(r.transfers.incomplete).toBe(log.incomplete)
      // Failures logged only in xferlog (no 426 in vsftpd.log for them) stay unknown incidents.
      let onlyX = 0
      for (let i = 0; i < sessions; i++) if (i % 7 === 0 && i % 10 === 9) onlyX++
      expect(onlyX).toBeGreaterThan(0)
      expect(unknown(r)).toBe(onlyX)
      expect(r.incidents.filter((i) => i.cause !== 'unknown').reduce((n, i) => n + i.events, 0)).toBe(log.incomplete - onlyX)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('paired rotated sets', () => {
  it('vsftpd.log.1 + vsftpd.log beside xferlog.1.gz + xferlog: each transfer once, as the uncut pair', async () => {
    const { mkdtempSync, writeFileSync, rmSync, utimesSync, statSync } = await import('node:fs')
    const { gzipSync } = await import('node:zlib')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-pair-rot-'))
    try {
      const mtime = statSync(fixture('real', 'vsftpd', 'vsftpd.log')).mtime
      const split = (file: string, at: (line: string) => boolean, older: string, current: string): void => {
        const lines = readFileSync(fixture('real', 'vsftpd', file), 'utf8').trimEnd().split('\n')
        const cut = lines.findIndex(at)
        const write = (name: string, part: string[]): void => {
          const text = `${part.join('\n')}\n`
          writeFileSync(join(dir, name), name.endsWith('.gz') ? gzipSync(text) : text)
          utimesSync(join(dir, name), mtime, mtime)
        }
        write(older, lines.slice(0, cut))
        write(current, lines.slice(cut))
      }
      // Rotated at 03:03:30 (between the abort-download sessions) in both logs.
      const after = (line: string): boolean => line.slice(11, 19) >= '03:03:30'
      split('vsftpd.log', after, 'vsftpd.log.1', 'vsftpd.log')
      split('xferlog', after, 'xferlog.1.gz', 'xferlog')
      const cutPair = await report([dir])
      const whole = await report([fixture('real', 'vsftpd', 'vsftpd.log'), fixture('real', 'vsftpd', 'xferlog')])
      expect(cutPair.transfers).toEqual(whole.transfers)
      expect(counts(cutPair)).toEqual(clientTruth('vsftpd'))
      expect(unknown(cutPair)).toBe(0)
      expect(cutPair.inputs.find((i) => i.path.endsWith('xferlog.1.gz'))!.pairedWith).toEqual([join(dir, 'vsftpd.log'), join(dir, 'vsftpd.log.1')])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
