import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { COMPRESSED_CODE, countSkipReasons, isReadElsewhereReason, mirrorReason, notALogReason, sameFileReason, settleCompressedInputs } from '../../src/analyze/skip-inputs.js'
import { emptyInputSummary } from '../../src/analyze/state.js'
import { run } from '../../src/cli/main.js'
import { buildReport } from '../../src/report/build-report.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { fixture } from '../helpers/paths.js'
import { memoryIO } from '../helpers/memory-io.js'

const catalog = createCatalog()
let varLog: string

// A /var/log as a server leaves it: FTP logs from the lab's real servers beside other programs'
// logs, a binary, a README, the server's config and an empty rotated file.
beforeAll(() => {
  varLog = mkdtempSync(join(tmpdir(), 'ftplog-varlog-'))
  mkdirSync(join(varLog, 'proftpd'))
  copyFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), join(varLog, 'vsftpd.log'))
  copyFileSync(fixture('real', 'vsftpd', 'vsftpd.conf'), join(varLog, 'vsftpd.conf'))
  copyFileSync(fixture('real', 'proftpd', 'trace.log'), join(varLog, 'proftpd', 'trace.log'))
  copyFileSync(fixture('real', 'proftpd', 'proftpd.conf'), join(varLog, 'proftpd', 'proftpd.conf'))
  writeFileSync(
    join(varLog, 'syslog'),
    'Nov 22 03:00:01 lab CRON[811]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)\n' +
      'Nov 22 03:01:12 lab systemd[1]: Starting Daily apt upgrade and clean activities...\n' +
      'Nov 22 03:01:13 lab kernel: [ 1234.5678] audit: type=1400 audit(1700000000.000:42): apparmor="STATUS"\n',
  )
  writeFileSync(join(varLog, 'dpkg.log'), '2026-11-20 10:00:00 startup archives unpack\n2026-11-20 10:00:01 install vsftpd:amd64 <none> 3.0.3-13+b2\n')
  writeFileSync(join(varLog, 'wtmp'), Buffer.from([7, 0, 0, 0, 0x9a, 0x02, 0, 0, 0, 0, 0, 0, 0x74, 0x74, 0x79, 0x31, 0, 0, 0, 0]))
  writeFileSync(join(varLog, 'README'), 'You are looking for the traditional text log files in /var/log, and they are gone?\n')
  writeFileSync(join(varLog, 'vsftpd.log.1'), '')
})
afterAll(() => rmSync(varLog, { recursive: true, force: true }))

describe('a folder as it is on disk', () => {
  it('analyses the FTP logs, lists every other file as skipped with its reason, and passes', async () => {
    const state = await analyzeInputs([varLog], { catalog, year: 2026 })
    const report = buildReport(state, { catalog, version: 'test' })
    const status = Object.fromEntries(report.inputs.map((i) => [i.path.slice(varLog.length + 1), [i.status, i.skipReason]]))
    expect(status).toEqual({
      README: ['skipped', 'no known log format'],
      'dpkg.log': ['skipped', 'no known log format'],
      'proftpd/proftpd.conf': ['skipped', 'server configuration (proftpd)'],
      'proftpd/trace.log': ['analyzed', null],
      syslog: ['skipped', 'no known log format'],
      'vsftpd.conf': ['skipped', 'server configuration (vsftpd)'],
      'vsftpd.log': ['analyzed', null],
      'vsftpd.log.1': ['skipped', 'empty file'],
      wtmp: ['skipped', 'binary file'],
    })
    for (const i of report.inputs.filter((x) => x.status === 'skipped')) expect([i.lines, i.error]).toEqual([0, null])
    // Exactly the counts of the two FTP logs named on their own.
    const alone = await analyzeInputs([join(varLog, 'proftpd', 'trace.log'), join(varLog, 'vsftpd.log')], { catalog, year: 2026 })
    const aloneReport = buildReport(alone, { catalog, version: 'test' })
    expect(report.totals).toEqual(aloneReport.totals)
    expect(report.incidents).toEqual(aloneReport.incidents)
  })

  it('the CLI exits 0 with --fail-on none and says in one line what it skipped', async () => {
    const io = memoryIO()
    expect(await run([varLog, '--fail-on', 'none', '--year', '2026'], io)).toBe(0)
    expect(io.err()).toBe('')
    expect(io.out()).toMatch(/^ftplog .*: 2 inputs, /)
    expect(io.out().replace(/\s+/g, ' ')).toContain('7 files skipped (not FTP logs): 3× no known log format, 2× server configuration, 1× binary file, 1× empty file (listed in -f json inputs[])')
  })

  it('a file named on the command line that is not an FTP log stays an error (exit 2)', async () => {
    const io = memoryIO()
    expect(await run([join(varLog, 'README'), join(varLog, 'vsftpd.log'), '--fail-on', 'none', '--year', '2026'], io)).toBe(2)
    expect(io.err()).toMatch(/README: no known log format matches/)
  })

  it('a folder where nothing is an FTP log is an error naming it, never a silent pass', async () => {
    const io = memoryIO()
    expect(await run(['--include', 'syslog', '--include', 'README', varLog, '--fail-on', 'none'], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: ${varLog}: no FTP log among its 9 files (skipped: 7× not matched by an include pattern, 2× no known log format)\n`)
  })

  it('counts skip reasons by kind', () => {
    expect(countSkipReasons(['empty file', 'server configuration (vsftpd)', 'server configuration (proftpd)', 'binary file'])).toBe(
      '2× server configuration, 1× binary file, 1× empty file',
    )
    // Paths are never part of a kind.
    expect(countSkipReasons([mirrorReason('/var/log/syslog'), mirrorReason('/srv/log/syslog'), sameFileReason('/a.log')])).toBe(
      '2× mirror of another input, 1× same file as another input',
    )
  })

  it('a file read as another one (same file, mirror) counts as read: its folder is no error', () => {
    for (const reason of [sameFileReason('/var/log/syslog'), mirrorReason('/var/log/syslog')]) expect(isReadElsewhereReason(reason)).toBe(true)
    for (const reason of ['empty file', 'no known log format', null]) expect(isReadElsewhereReason(reason)).toBe(false)
  })

  it('tells found files that are not FTP logs from those that are; named files are never skipped', () => {
    const found = { path: 'x', size: 10, mtimeMs: 0, origin: 'folder' as const }
    const summary = (counts: Partial<ReturnType<typeof emptyInputSummary>>) => ({ ...emptyInputSummary('x'), ...counts })
    expect(notALogReason(summary({ lines: 10, recognizedLines: 10 }), found)).toBeUndefined()
    expect(notALogReason(summary({ lines: 10, recognizedLines: 1, notFtpLines: 6 }), found)).toBeUndefined()
    expect(notALogReason(summary({ lines: 10, notFtpLines: 10 }), found)).toBe("other programs' log (no FTP lines)")
    expect(notALogReason(summary({ lines: 13, recognizedLines: 1, unrecognizedLines: 12, logFormat: 'lftp-debug' }), found)).toBe(
      'mostly unrecognized (1 of 13 lines read as lftp-debug)',
    )
    expect(notALogReason(summary({}), found)).toBe('empty file')
    expect(notALogReason(summary({ error: { code: 'FTPLOG_INPUT', message: 'x: permission denied' } }), found)).toBeUndefined()
    expect(notALogReason(summary({ error: { code: 'FTPLOG_NOT_TEXT', message: 'x: binary' } }), found)).toBe('binary file')
    expect(notALogReason(summary({ lines: 13, recognizedLines: 1, unrecognizedLines: 12 }), { ...found, origin: 'argument' })).toBeUndefined()
  })

  it('a compressed file found in a folder stays an error when it rotates a log that was read, else is skipped', () => {
    const compressed = (path: string, format: string) => ({ ...emptyInputSummary(path), bytes: 7, error: { code: COMPRESSED_CODE, message: `${path}: ${format}-compressed data, which ftplog does not read` } })
    const log = (path: string) => ({ ...emptyInputSummary(path), logFormat: 'vsftpd', lines: 5, recognizedLines: 5 })
    const inputs = [
      log('/var/log/vsftpd.log'),
      compressed('/var/log/vsftpd.log.2.xz', 'xz'),
      compressed('/var/log/vsftpd.log-20261101.zst', 'zstd'),
      compressed('/var/log/apt/eipp.log.xz', 'xz'),
      compressed('/var/log/old.log.bz2', 'bzip2'),
      compressed('named.log.xz', 'xz'),
    ]
    const origin = (path: string) => (path === 'named.log.xz' ? 'argument' : 'folder')
    settleCompressedInputs(inputs, origin)
    expect(inputs.map((s) => [s.path, s.error?.code ?? null, s.skipReason, s.bytes])).toEqual([
      ['/var/log/vsftpd.log', null, null, 0],
      ['/var/log/vsftpd.log.2.xz', COMPRESSED_CODE, null, 7],
      ['/var/log/vsftpd.log-20261101.zst', COMPRESSED_CODE, null, 7],
      ['/var/log/apt/eipp.log.xz', null, 'xz-compressed (not read)', 7],
      ['/var/log/old.log.bz2', null, 'bzip2-compressed (not read)', 7],
      ['named.log.xz', COMPRESSED_CODE, null, 7],
    ])
  })
})
