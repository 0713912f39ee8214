import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import { buildReport } from '../../src/report/build-report.js'
import { fixture } from '../helpers/paths.js'

const catalog = createCatalog()

// The shared syslog / journal envelopes are data too: each sample yields its program and leaves
// the program's own message as the rest of the line.
const envelopes = bundledEnvelopes()

describe('syslog and journal envelopes', () => {
  for (const env of envelopes.text) {
    it(`${env.id}: every sample yields its program and message`, () => {
      const re = new RegExp(env.regex, 'u')
      for (const s of env.samples) {
        const m = re.exec(s.line)
        expect(m, s.line).not.toBeNull()
        expect(m!.groups?.program).toBe(s.program)
        expect(s.line.slice(m![0].length)).toBe(s.body)
      }
    })
  }
  for (const env of envelopes.json) {
    it(`${env.id}: every sample yields its program and message`, () => {
      for (const s of env.samples) {
        const obj = JSON.parse(s.line) as Record<string, string>
        expect(env.program.map((k) => obj[k]).find((v) => v !== undefined)).toBe(s.program)
        expect(obj[env.message]).toBe(s.body)
      }
    })
  }
  for (const marker of envelopes.markers) {
    it(`${marker.id}: matches its samples`, () => {
      for (const s of marker.samples) expect(new RegExp(marker.regex, 'u').test(s), s).toBe(true)
    })
  }
  it('the loose program-only header applies to known programs only', () => {
    expect(envelopes.text.find((e) => e.id === 'program-only')?.knownProgramsOnly).toBe(true)
  })
})

describe('journalctl text outputs of a real vsftpd log', () => {
  // What journald keeps of the lab's vsftpd log (syslog_enable=YES) and how each `journalctl -o`
  // mode prints it (systemd src/shared/logs-show.c): every shape must give the native log's report.
  const native = fixture('real', 'vsftpd', 'vsftpd.log')
  const entries = readFileSync(native, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^\w{3} (\w{3}) +(\d+) (\d\d:\d\d:\d\d) (\d{4}) \[pid (\d+)\] (.*)$/.exec(line)!
      return { time: new Date(`${m[1]} ${m[2]} ${m[4]} ${m[3]} UTC`), pid: m[5]!, message: m[6]! }
    })
  const pad = (n: number): string => String(n).padStart(2, '0')
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const short = (t: Date): string => `${MONTHS[t.getUTCMonth()]} ${pad(t.getUTCDate())} ${t.toISOString().slice(11, 19)}`
  const full = (t: Date): string => `${DAYS[t.getUTCDay()]} ${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 19)} UTC`
  const shapes: Record<string, (e: (typeof entries)[number]) => string> = {
    short: (e) => `${short(e.time)} ftp01 vsftpd[${e.pid}]: ${e.message}`,
    'short-precise': (e) => `${short(e.time)}.000417 ftp01 vsftpd[${e.pid}]: ${e.message}`,
    'short-iso': (e) => `${e.time.toISOString().slice(0, 19)}+00:00 ftp01 vsftpd[${e.pid}]: ${e.message}`,
    'short-iso-precise': (e) => `${e.time.toISOString().slice(0, 19)}.000417+00:00 ftp01 vsftpd[${e.pid}]: ${e.message}`,
    'short-full --utc': (e) => `${full(e.time)} ftp01 vsftpd[${e.pid}]: ${e.message}`,
    'with-unit --utc': (e) => `${full(e.time)} ftp01 vsftpd.service[${e.pid}]: ${e.message}`,
    'short-unix': (e) => `${e.time.getTime() / 1000}.000417 ftp01 vsftpd[${e.pid}]: ${e.message}`,
    json: (e) => JSON.stringify({ __REALTIME_TIMESTAMP: String(e.time.getTime() * 1000 + 417), _HOSTNAME: 'ftp01', SYSLOG_IDENTIFIER: 'vsftpd', _PID: e.pid, MESSAGE: e.message }),
  }
  const dir = mkdtempSync(join(tmpdir(), 'ftplog-journal-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const summary = async (path: string) => {
    const s = await analyzeInputs([path], { catalog, year: 2026 }, { jobs: 1 })
    const r = buildReport(s, { catalog, version: 'test' })
    return { logFormat: r.inputs[0]!.logFormat, recognized: r.inputs[0]!.recognizedLines, sessions: r.sessions.total, replies: r.totals.replies, incidents: r.incidents.map((i) => [i.cause, i.events, i.firstSeen?.slice(0, 19)]), logins: r.logins }
  }
  for (const [mode, render] of Object.entries(shapes)) {
    it(`journalctl -o ${mode}`, async () => {
      const path = join(dir, `${mode.replace(/\W+/g, '-')}.log`)
      writeFileSync(path, `-- Journal begins at Sun 2026-11-22 00:00:00 UTC. --\n${entries.map(render).join('\n')}\n`)
      const want = await summary(native)
      expect(want.incidents.length).toBeGreaterThan(3)
      expect(await summary(path)).toEqual({ ...want, recognized: want.recognized + 1 })
    })
  }
})
