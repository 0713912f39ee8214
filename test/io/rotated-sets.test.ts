import { describe, expect, it } from 'vitest'
import { groupRotatedSets, parseRotationName } from '../../src/io/rotated-sets.js'

describe('parseRotationName', () => {
  it('reads the numbered, dateext and current schemes of logrotate', () => {
    expect(parseRotationName('/var/log/vsftpd.log')).toEqual({ set: '/var/log/vsftpd.log', scheme: 'current', index: 0 })
    expect(parseRotationName('/var/log/vsftpd.log.1')).toEqual({ set: '/var/log/vsftpd.log', scheme: 'numbered', index: 1 })
    expect(parseRotationName('/var/log/vsftpd.log.12.gz')).toEqual({ set: '/var/log/vsftpd.log', scheme: 'numbered', index: 12 })
    expect(parseRotationName('logs/xferlog-20261101')).toEqual({ set: 'logs/xferlog', scheme: 'dateext', index: 20261101 })
    expect(parseRotationName('logs/xferlog-20261101.gz')).toEqual({ set: 'logs/xferlog', scheme: 'dateext', index: 20261101 })
    expect(parseRotationName('logs/xferlog-2026110103.gz')).toEqual({ set: 'logs/xferlog', scheme: 'dateext', index: 2026110103 })
    expect(parseRotationName('logs/xferlog-2026-11-01')).toEqual({ set: 'logs/xferlog', scheme: 'dateext', index: 20261101 })
    // IIS: one file per day or hour, no current file; the set is the folder's u_ex (or ex) files.
    expect(parseRotationName('LogFiles/FTPSVC2/u_ex261201.log')).toEqual({ set: 'LogFiles/FTPSVC2/u_ex', scheme: 'dateext', index: 261201 })
    expect(parseRotationName('LogFiles/FTPSVC2/u_ex26120113.log')).toEqual({ set: 'LogFiles/FTPSVC2/u_ex', scheme: 'dateext', index: 26120113 })
    expect(parseRotationName('LogFiles/MSFTPSVC1/ex061201.log').set).toBe('LogFiles/MSFTPSVC1/ex')
    expect(parseRotationName('LogFiles/FTPSVC2/u_ex2612.log')).toEqual({ set: 'LogFiles/FTPSVC2/u_ex', scheme: 'dateext', index: 2612 })
    expect(parseRotationName('LogFiles/FTPSVC2/u_extend12.log')).toEqual({ set: 'LogFiles/FTPSVC2/u_extend', scheme: 'dateext', index: 12 })
    expect(parseRotationName('LogFiles/FTPSVC2/u_ex12345.log').scheme).toBe('current')
    // FileZilla Server 0.9, one file a day.
    expect(parseRotationName('Logs/fzs-2026-12-01.log')).toEqual({ set: 'Logs/fzs', scheme: 'dateext', index: 20261201 })
    expect(parseRotationName('Logs/FileZilla Server.log')).toEqual({ set: 'Logs/FileZilla Server.log', scheme: 'current', index: 0 })
    // The kubelet's container logs: 0.log, then 0.log.20261122-030247 (gzip from the second rotation on).
    expect(parseRotationName('pods/ftp/vsftpd/0.log.20261122-030247')).toEqual({ set: 'pods/ftp/vsftpd/0.log', scheme: 'dateext', index: 20261122030247 })
    expect(parseRotationName('pods/ftp/vsftpd/0.log.20261121-230000.gz')).toEqual({ set: 'pods/ftp/vsftpd/0.log', scheme: 'dateext', index: 20261121230000 })
    // Parts compressed by another compresscmd are named parts of the set too (only gzip is read).
    expect(parseRotationName('/var/log/vsftpd.log.2.xz')).toEqual({ set: '/var/log/vsftpd.log', scheme: 'numbered', index: 2 })
    expect(parseRotationName('logs/xferlog-20261101.zst')).toEqual({ set: 'logs/xferlog', scheme: 'dateext', index: 20261101 })
  })

  it('leaves names that only look rotated alone', () => {
    expect(parseRotationName('a/vsftpd.log.0').scheme).toBe('current')
    expect(parseRotationName('a/proftpd-1.3.8.log').scheme).toBe('current')
    expect(parseRotationName('a/report-2026.log').scheme).toBe('current')
  })
})

describe('groupRotatedSets', () => {
  const paths = (groups: { path: string }[][]): string[][] => groups.map((g) => g.map((i) => i.path))

  it('orders a numbered set oldest first: highest number, then down to the current file', () => {
    const got = groupRotatedSets([{ path: 'd/vsftpd.log' }, { path: 'd/vsftpd.log.1' }, { path: 'd/xferlog' }, { path: 'd/vsftpd.log.2.gz' }])
    expect(paths(got)).toEqual([['d/vsftpd.log.2.gz', 'd/vsftpd.log.1', 'd/vsftpd.log'], ['d/xferlog']])
  })

  it('orders a dateext set by date, the current file last', () => {
    const got = groupRotatedSets([{ path: 'd/xferlog' }, { path: 'd/xferlog-20261102.gz' }, { path: 'd/xferlog-20261101.gz' }, { path: 'd/xferlog-2026110215' }])
    expect(paths(got)).toEqual([['d/xferlog-20261101.gz', 'd/xferlog-20261102.gz', 'd/xferlog-2026110215', 'd/xferlog']])
  })

  it('orders a kubelet set by its rotation times, the live 0.log last', () => {
    const got = groupRotatedSets([{ path: 'c/0.log' }, { path: 'c/0.log.20261122-030247' }, { path: 'c/0.log.20261121-230000.gz' }])
    expect(paths(got)).toEqual([['c/0.log.20261121-230000.gz', 'c/0.log.20261122-030247', 'c/0.log']])
  })

  it('puts the first timestamp before the suffix (a set rotated with copytruncate, renumbered by hand…)', () => {
    const got = groupRotatedSets([
      { path: 'd/x.log', firstTime: 100 },
      { path: 'd/x.log.1', firstTime: 300 },
      { path: 'd/x.log.2', firstTime: 200 },
    ])
    expect(paths(got)).toEqual([['d/x.log', 'd/x.log.2', 'd/x.log.1']])
  })

  it('keeps files of other folders and other log formats apart', () => {
    const got = groupRotatedSets([
      { path: 'a/x.log', logFormat: 'vsftpd' },
      { path: 'b/x.log.1', logFormat: 'vsftpd' },
      { path: 'a/x.log.1', logFormat: 'xferlog' },
    ])
    expect(paths(got)).toEqual([['a/x.log'], ['b/x.log.1'], ['a/x.log.1']])
  })
})
