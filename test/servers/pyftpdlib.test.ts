// pyftpdlib in the lab: scripts/pyftpdlib/record.sh starts a real pyftpdlib (Debian
// python3-pyftpdlib under /usr/bin/python3) on 127.0.0.1, three times (DEBUG, INFO, DEBUG without
// the '[L date time]' prefix), drives drive.py's scenarios against it and writes the three logs and
// client-observed.json (every reply each client read, and each transfer's bytes and final reply).
// ftplog then reads each log in-process, and its counts must equal what the clients of that same run
// received. FTPLOG_RECORD=1 also copies the run into fixtures/real/pyftpdlib/.
// Run with `npm run test:servers` (needs python3-pyftpdlib: `apt-get install python3-pyftpdlib`).
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../../src/report/report-schema'
import { ftplogReport } from './lab/ftplog-check'
import { FIXTURES_DIR, LAB_DIR, REPO_ROOT } from './lab/paths'
import { listeningPorts, runCommand, startDaemon, stopDaemon } from './lab/process'

const RECORD = process.env['FTPLOG_RECORD'] === '1'
/** Control port; record.sh puts the passive ports at PORT+10…PORT+40, all inside 22300–22399. */
const PORT = Number(process.env['PYFTPD_PORT'] ?? 22301)
const PYTHON = '/usr/bin/python3'
const RECORD_SH = join(REPO_ROOT, 'scripts/pyftpdlib/record.sh')
/** record.sh runs the scenarios three times (about a minute); far more than that means it hangs. */
const RUN_LIMIT_MS = 480_000
const LOGS = ['debug.log', 'info.log', 'debug-noprefix.log'] as const
type LogName = (typeof LOGS)[number]
/** Logs written at DEBUG: they carry every reply with its code. */
const WITH_CODES: ReadonlySet<LogName> = new Set(['debug.log', 'debug-noprefix.log'])

interface ObservedTransfer {
  readonly command: 'RETR' | 'STOR'
  readonly bytes: number
  readonly reply: string
}
interface ObservedScenario {
  readonly scenario: string
  readonly source: string
  readonly replies: readonly string[]
  readonly received: readonly string[]
  readonly transfers: readonly ObservedTransfer[]
}

/**
 * The failure each scenario of drive.py provokes: the reply that tells it (text as pyftpdlib 1.5.7
 * sends it) and the cause ftplog must give it; for the two 421 limits, the catalog message
 * (src/catalog/messages/pyftpdlib.json) that tells max_cons from max_cons_per_ip.
 */
const FAILURES: Readonly<Record<string, { reply: RegExp; cause: string; limit?: string }>> = {
  'per-ip-limit': { reply: /^421 Too many connections from the same IP address\./, cause: 'capacity', limit: 'pyftpdlib-max-cons-per-ip' },
  'global-limit': { reply: /^421 Too many connections\. Service temporarily unavailable\./, cause: 'capacity', limit: 'pyftpdlib-max-cons' },
  'idle-timeout': { reply: /^421 Control connection timed out\./, cause: 'idle-timeout' },
  'stalled-download': { reply: /^421 Data connection timed out\./, cause: 'data-timeout' },
  'abort-download-ftplib': { reply: /^426 Transfer aborted via ABOR\./, cause: 'client-abort' },
  'reset-data-download': { reply: /^426 Transfer aborted; \d+ bytes transmitted\./, cause: 'data-connection-lost' },
}

const codeOf = (reply: string): string | null => /^(\d{3})[ -]/.exec(reply)?.[1] ?? null
const bump = (m: Record<string, number>, k: string, n = 1): void => {
  m[k] = (m[k] ?? 0) + n
}

/** Reply code → how many replies the clients read, over all scenarios. */
function receivedCodes(observed: readonly ObservedScenario[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const s of observed) for (const r of s.received) if (codeOf(r) !== null) bump(counts, codeOf(r)!)
  return counts
}

/** Per cause: events and reply codes ("none" for a log without codes), from the failures the clients received. */
function expectedIncidents(observed: readonly ObservedScenario[], withCodes: boolean): Record<string, { events: number; codes: Record<string, number> }> {
  const want: Record<string, { events: number; codes: Record<string, number> }> = {}
  for (const s of observed) {
    const f = FAILURES[s.scenario]
    if (f === undefined) continue
    for (const r of s.received.filter((x) => f.reply.test(x))) {
      const w = (want[f.cause] ??= { events: 0, codes: {} })
      w.events++
      bump(w.codes, withCodes ? codeOf(r)! : 'none')
    }
  }
  return want
}

function reportedIncidents(r: Report): Record<string, { events: number; codes: Record<string, number> }> {
  const got: Record<string, { events: number; codes: Record<string, number> }> = {}
  for (const i of r.incidents) {
    const g = (got[i.cause] ??= { events: 0, codes: {} })
    g.events += i.events
    for (const [code, n] of Object.entries(i.codes)) bump(g.codes, code, n)
  }
  return got
}

/** Catalog message id → events, over the capacity incidents. */
function capacityMessages(r: Report): Record<string, number> {
  const got: Record<string, number> = {}
  for (const i of r.incidents) if (i.cause === 'capacity') for (const m of i.matchedBy) bump(got, m.id, m.events)
  return got
}

/** This run's logs and client record, kept for a look until the next run (.lab is gitignored). */
const outDir = join(LAB_DIR, 'pyftpdlib')
let observed: Record<LogName, ObservedScenario[]>
const reports = new Map<LogName, Report>()

beforeAll(async () => {
  if (!(PORT >= 22300 && PORT + 40 <= 22399)) throw new Error(`PYFTPD_PORT ${PORT}: the pyftpdlib lab uses 22300–22399 (control port + 10…40 passive)`)
  const probe = await runCommand(PYTHON, ['-c', 'import pyftpdlib; print(pyftpdlib.__ver__)'], 60_000)
  if (probe.code !== 0) throw new Error(`${PYTHON} cannot import pyftpdlib: apt-get install -y python3-pyftpdlib\n${probe.stderr}`)
  if (listeningPorts().has(PORT)) throw new Error(`port ${PORT} is already in use: set PYFTPD_PORT to a free port in 22300–22359`)
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  // its own process group, so a hang is ended with the server it started
  const d = startDaemon('record.sh', 'env', [`PYFTPD_PORT=${PORT}`, 'sh', RECORD_SH, outDir], join(outDir, 'record.out'), join(outDir, 'record.err'), REPO_ROOT)
  const limit = new Promise<'limit'>((resolve) => setTimeout(() => resolve('limit'), RUN_LIMIT_MS).unref())
  const ended = await Promise.race([d.exited, limit])
  if (ended === 'limit') {
    await stopDaemon(d)
    throw new Error(`scripts/pyftpdlib/record.sh did not finish in ${RUN_LIMIT_MS / 1000} s`)
  }
  await stopDaemon(d)
  if (ended !== 0) throw new Error(`scripts/pyftpdlib/record.sh exited ${ended}:\n${readFileSync(join(outDir, 'record.err'), 'utf8')}`)
  observed = JSON.parse(readFileSync(join(outDir, 'client-observed.json'), 'utf8')) as Record<LogName, ObservedScenario[]>
  for (const name of LOGS) reports.set(name, await ftplogReport(join(outDir, name)))
  if (RECORD) {
    const fixture = join(FIXTURES_DIR, 'pyftpdlib')
    mkdirSync(fixture, { recursive: true })
    for (const f of [...LOGS, 'client-observed.json', 'VERSION']) copyFileSync(join(outDir, f), join(fixture, f))
    process.stderr.write(`[lab] pyftpdlib: wrote fixtures/real/pyftpdlib (review EXPECTED.md, expected.json and ftplog.expect.json)\n`)
  }
}, RUN_LIMIT_MS + 120_000)

describe.sequential('pyftpdlib', () => {
  test('the server stopped: nothing listens on its port any more', () => {
    expect(listeningPorts().has(PORT)).toBe(false)
  })

  for (const name of LOGS) {
    describe(name, () => {
      const report = (): Report => reports.get(name)!
      const clients = (): ObservedScenario[] => observed[name]

      test('every scenario provoked its failure exactly once, and the transfers ended as designed', () => {
        for (const [scenario, f] of Object.entries(FAILURES)) {
          const s = clients().find((x) => x.scenario === scenario)
          expect(s, scenario).toBeDefined()
          expect(s!.received.filter((r) => f.reply.test(r)), `${scenario}: ${JSON.stringify(s!.replies)}`).toHaveLength(1)
        }
        const ends = clients().flatMap((s) => s.transfers.map((t) => `${s.scenario} ${t.command} ${codeOf(t.reply)}`))
        expect(ends).toEqual([
          'download RETR 226',
          'upload STOR 226',
          'stalled-download RETR 421',
          'abort-download-ftplib RETR 426',
          'reset-data-download RETR 426',
        ])
        expect(clients().find((x) => x.scenario === 'login-fail')!.received.map(codeOf)).toEqual(['220', '331', '530'])
      })

      test('ftplog detects the pyftpdlib log format and accounts for every line', () => {
        const input = report().inputs[0]!
        expect(input.error).toBeNull()
        expect(input.logFormat).toBe('pyftpdlib')
        expect(input.lines).toBe(readFileSync(join(outDir, name), 'utf8').split('\n').filter((l) => l !== '').length)
        expect(input.unrecognizedSamples).toEqual([])
        expect(input.unrecognizedLines).toBe(0)
        expect(input.lines).toBe(input.recognizedLines + input.notFtpLines + input.unrecognizedLines + input.skippedLines)
      })

      if (WITH_CODES.has(name)) {
        test('reply counts per code equal the replies the clients received (and the "-> NNN" lines of the log)', () => {
          const want = receivedCodes(clients())
          expect(report().totals.replies).toEqual(want)
          const logged: Record<string, number> = {}
          for (const l of readFileSync(join(outDir, name), 'utf8').split('\n')) {
            const m = / -> (\d{3})[ -]/.exec(l)
            if (m) bump(logged, m[1]!)
          }
          expect(logged).toEqual(want)
        })
      }

      test('421s and 426s: incidents by cause, with their codes, exactly as the clients received them', () => {
        expect(reportedIncidents(report())).toEqual(expectedIncidents(clients(), WITH_CODES.has(name)))
      })

      test('the 421 capacity refusals are told apart: max_cons_per_ip and max_cons', () => {
        // at INFO the limit lines carry no code and match the catalog's code-less "-log" messages
        const suffix = WITH_CODES.has(name) ? '' : '-log'
        const want: Record<string, number> = {}
        for (const s of clients()) {
          const f = FAILURES[s.scenario]
          if (f?.limit !== undefined) bump(want, f.limit + suffix, s.received.filter((r) => f.reply.test(r)).length)
        }
        expect(capacityMessages(report())).toEqual(want)
      })

      test('transfers and logins equal what the clients did; partial bytes equal the completed=0 records', () => {
        const transfers = clients().flatMap((s) => s.transfers)
        const done = transfers.filter((t) => codeOf(t.reply) === '226')
        const sum = (ts: readonly ObservedTransfer[]): number => ts.reduce((n, t) => n + t.bytes, 0)
        const partial = [...readFileSync(join(outDir, name), 'utf8').matchAll(/ completed=0 bytes=(\d+) /g)].reduce((n, m) => n + Number(m[1]), 0)
        const codes = receivedCodes(clients())
        // The RETR refused with 550 writes no completed= record: only a log with codes shows it.
        const refused = clients().find((s) => s.scenario === 'missing-file')!.received.filter((r) => /^550 /.test(r)).length
        expect(refused).toBe(1)
        expect(report().transfers).toMatchObject({
          completed: done.length,
          incomplete: transfers.length - done.length,
          failedToStart: WITH_CODES.has(name) ? refused : 0,
          downloads: done.filter((t) => t.command === 'RETR').length,
          uploads: done.filter((t) => t.command === 'STOR').length,
          bytesOut: sum(done.filter((t) => t.command === 'RETR')),
          bytesIn: sum(done.filter((t) => t.command === 'STOR')),
          partialBytes: partial,
        })
        expect(partial).toBeGreaterThanOrEqual(sum(transfers.filter((t) => codeOf(t.reply) !== '226')))
        expect(report().logins).toMatchObject({ ok: codes['230'] ?? 0, failed: codes['530'] ?? 0 })
      })

      // At INFO a delete is log_cmd's `DELE /path 250` record; at DEBUG only `<- DELE` and `-> 250`.
      test('deletes equal the 250 replies to DELE the clients received', () => {
        const deleted = clients().flatMap((s) => s.received).filter((r) => /^250 File removed/.test(r)).length
        expect(deleted).toBe(1)
        expect(report().transfers.deletes).toBe(deleted)
        expect(report().fileOps).toEqual({ ok: deleted, failed: 0 })
      })
    })
  }
})
