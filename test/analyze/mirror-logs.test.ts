import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { run } from '../../src/cli/main.js'
import { buildReport } from '../../src/report/build-report.js'
import type { Report } from '../../src/report/report-schema.js'
import { memoryIO } from '../helpers/memory-io.js'
import { fixture } from '../helpers/paths.js'

const catalog = createCatalog()
const dir = mkdtempSync(join(tmpdir(), 'ftplog-mirror-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function report(paths: string[], pairing = true): Promise<Report> {
  return buildReport(await analyzeInputs(paths, { catalog, timeZone: 'UTC' }, { pairing }), { catalog, version: '0.1.0' })
}

/** What must not depend on which files the lines were read from. */
function figures(r: Report): unknown {
  return {
    replies: r.totals.replies,
    sessions: r.sessions,
    logins: r.logins,
    transfers: r.transfers,
    incidents: r.incidents.map((i) => ({ id: i.id, cause: i.cause, events: i.events, firstSeen: i.firstSeen, lastSeen: i.lastSeen, clients: i.clients, codes: i.codes })),
    timeline: r.timeline,
    security: r.security,
  }
}

// What a real rsyslogd wrote to /var/log/syslog (every level) and /var/log/messages (info, notice and
// warning: not Pure-FTPd's [DEBUG] lines) under Debian 11's rules, from the lab's real Pure-FTPd
// datagrams of six days (fixtures/real/pure-ftpd-rsyslog/README.md).
interface Line {
  readonly text: string
  /** Day 0–5. */
  readonly day: number
  /** Index of the line within its day in its file. */
  readonly at: number
  readonly time: Date
}
function read(name: string): Line[] {
  const perDay = new Map<number, number>()
  return readFileSync(fixture('real', 'pure-ftpd-rsyslog', name), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((text) => {
      const day = Number(text.slice(4, 6)) - 21
      const [h, m, sec] = text.slice(7, 15).split(':').map(Number)
      const at = perDay.get(day) ?? 0
      perDay.set(day, at + 1)
      return { text, day, at, time: new Date(Date.UTC(2026, 10, 21 + day, h!, m!, sec!)) }
    })
}
const SYSLOG = read('syslog')
const MESSAGES = read('messages')
/** The syslog index of each messages line (messages holds syslog's lines, in order). */
const atInSyslog = (() => {
  const out = new Map<Line, number>()
  let j = 0
  for (const m of MESSAGES) {
    while (SYSLOG[j]!.text !== m.text) j++
    out.set(m, j++)
  }
  return out
})()

/** Writes `lines` cut into parts at the given indexes (oldest first; `.gz` names gzipped), each part's mtime its last line's time. */
function writeSet(folder: string, lines: readonly Line[], cuts: number[], names: string[]): string[] {
  const bounds = [0, ...cuts, lines.length]
  return names.map((name, i) => {
    const part = lines.slice(bounds[i], bounds[i + 1])
    const text = part.map((l) => l.text).join('\n') + '\n'
    const path = join(folder, name)
    writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text)
    const mtime = part[part.length - 1]!.time
    utimesSync(path, mtime, mtime)
    return path
  })
}

function folder(name: string): string {
  const f = join(dir, name)
  rmSync(f, { recursive: true, force: true })
  mkdirSync(f, { recursive: true })
  return f
}


describe('syslog and messages written by one rsyslog (Debian 11 and older)', () => {
  it('the fixture: messages holds a part of syslog\'s lines, byte for byte', () => {
    expect(MESSAGES.length).toBeGreaterThan(100)
    expect(atInSyslog.size).toBe(MESSAGES.length)
    expect(MESSAGES.some((l) => l.text.includes('[DEBUG]'))).toBe(false)
    expect(SYSLOG.filter((l) => l.text.includes('[DEBUG]')).length).toBeGreaterThan(MESSAGES.length)
  })

  // syslog rotates daily: it starts mid-scenario on day 2 (its older parts were rotated away), and
  // each later day is a part; messages rotates weekly and holds days 0–5 in two parts, the newer
  // one starting mid-day 4.
  const first = SYSLOG.findIndex((l) => l.day === 2 && l.at >= 200)
  const syslogLines = SYSLOG.slice(first)
  const syslogCuts = [3, 4, 5].map((d) => syslogLines.findIndex((l) => l.day === d))
  const syslogNames = ['syslog.3.gz', 'syslog.2.gz', 'syslog.1', 'syslog']
  const start = syslogLines[0]!
  const messagesCut = MESSAGES.findIndex((l) => l.day === 4 && l.at >= 40)

  it('counts every line once: messages up to where syslog starts, then syslog', async () => {
    const f = folder('debian')
    writeSet(f, syslogLines, syslogCuts, syslogNames)
    writeSet(f, MESSAGES, [messagesCut], ['messages.1', 'messages'])
    // The same lines in one file: messages' lines logged before syslog's first line, then syslog.
    const u = folder('union')
    const before = MESSAGES.filter((l) => atInSyslog.get(l)! < first)
    writeSet(u, [...before, ...syslogLines], [], ['syslog'])

    const r = await report([f])
    const union = await report([join(u, 'syslog')])
    expect(figures(r)).toEqual(figures(union))
    expect(r.transfers.completed).toBeGreaterThan(0)
    expect(r.incidents.length).toBeGreaterThan(0)

    // messages.1 is read up to syslog's start; messages, wholly within syslog's span, is skipped.
    const byName = new Map(r.inputs.map((i) => [i.path.split('/').pop()!, i]))
    const m1 = byName.get('messages.1')!
    expect(m1.status).toBe('analyzed')
    expect(m1.lines).toBe(messagesCut)
    expect(m1.mirror).toEqual({ of: join(f, 'syslog.3.gz'), lines: messagesCut - before.length })
    expect(m1.recognizedLines + m1.notFtpLines).toBe(before.length)
    expect(byName.get('messages')).toMatchObject({ status: 'skipped', skipReason: `mirror of ${join(f, 'syslog')} (the same lines)` })
    for (const name of syslogNames) expect(byName.get(name)).toMatchObject({ status: 'analyzed' })
    expect(r.notices.some((n) => n.includes('holds the same lines as') && n.includes(start.time.toISOString()))).toBe(true)
    expect(r.notices.filter((n) => n.includes('start together'))).toEqual([])

    // The CLI warns once; the mirror is not among the files "skipped (not FTP logs)".
    const io = memoryIO()
    expect(await run(['analyze', f, '--fail-on', 'none', '--no-color', '--no-progress'], io)).toBe(0)
    expect(io.err().split('\n').filter((l) => l !== '')).toEqual([expect.stringMatching(/^ftplog: warning: .*messages holds the same lines as .*syslog/)])
    expect(io.out()).not.toContain('skipped (not FTP logs)')

    // Without the mirror found, the days both cover count twice.
    const twice = await report([f], false)
    expect(twice.transfers.completed).toBeGreaterThan(r.transfers.completed)
    expect(twice.logins.ok).toBeGreaterThan(r.logins.ok)
  })

  it("a messages that starts after syslog is skipped; the counts are syslog's", async () => {
    const f = folder('later')
    const late = MESSAGES.filter((l) => l.day >= 3)
    writeSet(f, syslogLines, syslogCuts, syslogNames)
    writeSet(f, late, [late.findIndex((l) => l.day === 5)], ['messages.1', 'messages'])
    const r = await report([f])
    const alone = await report(syslogNames.map((n) => join(f, n)))
    expect(figures(r)).toEqual(figures(alone))
    const skipped = r.inputs.filter((i) => i.status === 'skipped').map((i) => i.path.split('/').pop())
    expect(skipped.sort()).toEqual(['messages', 'messages.1'])
  })

  it('one syslog with two mirrors: messages read before it, a debug log (only [DEBUG] lines, from day 3) skipped', async () => {
    const f = folder('two-mirrors')
    writeSet(f, syslogLines, syslogCuts, syslogNames)
    writeSet(f, MESSAGES, [messagesCut], ['messages.1', 'messages'])
    writeSet(f, SYSLOG.filter((l) => l.day >= 3 && l.text.includes('[DEBUG]')), [], ['debug'])
    const u = folder('union-2')
    writeSet(u, [...MESSAGES.filter((l) => atInSyslog.get(l)! < first), ...syslogLines], [], ['syslog'])
    const r = await report([f])
    expect(figures(r)).toEqual(figures(await report([join(u, 'syslog')])))
    expect(r.inputs.find((i) => i.path.endsWith('debug'))).toMatchObject({ status: 'skipped', skipReason: `mirror of ${join(f, 'syslog')} (the same lines)` })
    expect(r.inputs.find((i) => i.path.endsWith('messages.1'))!.mirror).toBeDefined()
  })

  it('two logs that differ in one FTP line near their ends stay two logs', async () => {
    const f = folder('differ')
    const last = MESSAGES.findLastIndex((l) => l.text.includes('Logout.'))
    const changed = MESSAGES.map((l, i) => (i === last ? { ...l, text: l.text.replace('Logout.', 'Logout!') } : l))
    writeSet(f, syslogLines, syslogCuts, syslogNames)
    writeSet(f, changed, [messagesCut], ['messages.1', 'messages'])
    const r = await report([f])
    expect(r.inputs.filter((i) => i.status === 'skipped' || i.mirror)).toEqual([])
  })

  it('two servers of one family are not mirrors', async () => {
    const f = folder('two-hosts')
    writeSet(f, syslogLines, [], ['a.log'])
    writeSet(f, syslogLines.map((l) => ({ ...l, text: l.text.replace(' vm ', ' vm2 ') })), [], ['b.log'])
    const r = await report([f])
    expect(r.inputs.map((i) => i.status)).toEqual(['analyzed', 'analyzed'])
    expect(r.notices.some((n) => n.includes('start together'))).toBe(true)
  })
})

describe('a big part is read from near the moment the other set starts', () => {
  // The lab's real vsftpd protocol log, logged once a day through November: 30 copies, 960 KB.
  const REAL_VSFTPD = readFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), 'utf8').split('\n').filter((l) => l !== '')
  const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const month: Line[] = []
  for (let day = 0; day < 30; day++) {
    for (const l of REAL_VSFTPD) {
      const [h, m, sec] = l.slice(11, 19).split(':').map(Number)
      const time = new Date(Date.UTC(2026, 10, 1 + day, h!, m!, sec!))
      month.push({ text: `${DAY[time.getUTCDay()]} Nov ${String(1 + day).padStart(2, ' ')}${l.slice(10)}`, day, at: 0, time })
    }
  }
  const later = month.filter((l) => l.day >= 20)

  it('the file is cut by bisection and the counts are those of the lines once', async () => {
    // A log without the commands (a mirror holding part of the lines) over the month, beside the
    // whole log of the last ten days.
    const f = folder('big')
    const [part] = writeSet(f, month.filter((l) => !l.text.includes('FTP command')), [], ['partial.log'])
    writeSet(f, later, [], ['whole.log'])
    const u = folder('big-union')
    writeSet(u, [...month.filter((l) => l.day < 20 && !l.text.includes('FTP command')), ...later], [], ['u.log'])
    const r = await report([f])
    expect(figures(r)).toEqual(figures(await report([join(u, 'u.log')])))
    expect(r.inputs.find((i) => i.path === part)!.mirror).toMatchObject({ of: join(f, 'whole.log') })

    // The bisection lands before the cut, within two probes (64 KiB each) of it.
    const { compileLogFormat } = await import('../../src/log-formats/compile.js')
    const { bundledLogFormats } = await import('../../src/log-formats/bundled-log-formats.js')
    const { offsetBefore } = await import('../../src/analyze/mirror-logs.js')
    const vsftpd = bundledLogFormats().find((d) => d.name === 'vsftpd')!
    const format = compileLogFormat(vsftpd, { timeZone: 'UTC', year: undefined, referenceTime: Date.now(), usage: { yearless: 0, zoneless: 0 } })
    const text = readFileSync(part!, 'utf8')
    const size = Buffer.byteLength(text)
    const cut = later[0]!.time.getTime()
    const offset = await offsetBefore(format, { path: part!, size, mtimeMs: undefined }, cut)
    const lines = text.split('\n')
    const cutLine = lines.findIndex((l) => l !== '' && format.parse(l, 1)!.record.time! >= cut - 60_000)
    const cutOffset = Buffer.byteLength(lines.slice(0, cutLine).join('\n'))
    expect(cutOffset).toBeGreaterThan(size / 2)
    expect(offset).toBeLessThanOrEqual(cutOffset)
    expect(cutOffset - offset).toBeLessThan(2 * 64 * 1024)
  })
})

describe('vsftpd logging to syslog through a real rsyslog (fixtures/real/vsftpd-rsyslog)', () => {
  it('syslog and messages hold the same lines: read once, with the figures of the sessions as logged', async () => {
    const r = await report([fixture('real', 'vsftpd-rsyslog')])
    const analysed = r.inputs.filter((i) => i.status === 'analyzed')
    const skipped = r.inputs.filter((i) => i.status === 'skipped' && i.path.endsWith('README.md') === false)
    expect(analysed).toHaveLength(1)
    expect(skipped.map((i) => i.skipReason)).toEqual([`mirror of ${analysed[0]!.path} (the same lines)`])
    expect(analysed[0]).toMatchObject({ logFormat: 'vsftpd', lines: 63, recognizedLines: 63 })
    // Five logins and a wrong password; a download of small.bin and an upload; a delete; the 550.
    expect(r.logins).toMatchObject({ ok: 5, failed: 1 })
    expect(r.transfers).toMatchObject({ completed: 2, downloads: 1, uploads: 1, bytesOut: 100000, bytesIn: 3, incomplete: 0 })
    expect(r.fileOps).toMatchObject({ ok: 1, failed: 0 })
    expect(r.totals.replies['550']).toBe(1)
    // The client of session 7 was refused with a 421, which vsftpd never sent to syslog (README).
    expect(r.totals.replies['421']).toBeUndefined()
    expect(r.incidents).toEqual([])
  })
})

