// The real-server lab, end to end: for each of vsftpd, ProFTPD and Pure-FTPd, start it on
// 127.0.0.1 with every log on, run every scenario with real clients, stop it, then check what the
// clients received and what the logs say. FTPLOG_RECORD=1 also writes fixtures/real/.
// Run with `npm run test:servers` (root; runs scripts/lab/setup.sh if the lab is missing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { attributeLines, proftpdPidMap, type AttributedLine, type ExpectedFile } from './lab/log-facts'
import { FIXTURES_DIR, LAB_DIR, REPO_ROOT, RUNS_DIR } from './lab/paths'
import { listeningPorts, processesMatching, runCommand, stopAll } from './lab/process'
import { buildFixture, crossCheckWithGrep, grepCount, grepForCode, writeFixture, type Fixture } from './lab/record'
import { ensureSetup, runLab, type LabRun, type Versions } from './lab/run-lab'
import {
  BIG,
  orderedScenarios,
  scenarioById,
  scenariosFor,
  type ClientExpectation,
  type LogExpectation,
  type Scenario,
  type ScenarioId,
} from './lab/scenarios'
import { PROFTPD_EXTENDED_LOGS, SERVERS, type ServerOptions } from './lab/servers'
import { checkLogFormat, type LogFormatResult } from './lab/logformat-check'
import { writeLogFormatsFixture } from './lab/record-logformats'
import { checkWithFtplog, ftplogReport, type FtplogCase } from './lab/ftplog-check'
import type { ObservedScenario, ServerName } from './lab/types'

const RECORD = process.env['FTPLOG_RECORD'] === '1'
/** FTPLOG_RECORD=proftpd-logformats rewrites only fixtures/real/proftpd-logformats (LAB_SERVERS=proftpd is enough). */
const RECORD_LOGFORMATS = RECORD || process.env['FTPLOG_RECORD'] === 'proftpd-logformats'
/** LAB_SERVERS=proftpd,vsftpd runs only those servers (recording then refuses: a fixture set is all three). */
const ONLY = process.env['LAB_SERVERS']?.split(',').filter(Boolean)
const selected = (server: ServerName): boolean => ONLY === undefined || ONLY.includes(server)
const log = (m: string): void => {
  process.stderr.write(`[lab] ${m}\n`)
}

interface ExtraRun {
  readonly runId: string
  readonly options: ServerOptions
  readonly scenarios: readonly ScenarioId[]
  /** part of the recorded fixture (Pure-FTPd's AltLog runs), or only a fact check */
  readonly fixture: boolean
}

const ALTLOG_SCENARIOS: readonly ScenarioId[] = [
  'download',
  'upload',
  'stalled-download',
  'abort-download',
  'killed-client-download',
  'reset-data-download',
]

const EXTRA_RUNS: Readonly<Record<ServerName, readonly ExtraRun[]>> = {
  vsftpd: [
    {
      runId: 'fact-no-protocol-log',
      options: { logFtpProtocol: false },
      scenarios: ['per-ip-limit', 'idle-timeout', 'reset-data-download'],
      fixture: false,
    },
  ],
  proftpd: [
    { runId: 'fact-no-q', options: { quiet: false }, scenarios: ['login-list', 'idle-timeout'], fixture: false },
    { runId: 'fact-sendfile-on', options: { useSendfile: true }, scenarios: ['abort-download'], fixture: false },
  ],
  'pure-ftpd': [
    { runId: 'altlog-clf', options: { altlog: 'clf' }, scenarios: ALTLOG_SCENARIOS, fixture: true },
    { runId: 'altlog-stats', options: { altlog: 'stats' }, scenarios: ALTLOG_SCENARIOS, fixture: true },
    { runId: 'altlog-w3c', options: { altlog: 'w3c' }, scenarios: ALTLOG_SCENARIOS, fixture: true },
    { runId: 'fact-idle-0', options: { idleMinutes: 0 }, scenarios: ['login-list'], fixture: false },
  ],
}

interface FactResult {
  readonly server: ServerName
  readonly claim: string
  readonly held: boolean
  readonly evidence: string
}
const facts: FactResult[] = []
let anyFailure = false
let versions: Versions
let clients: Record<string, string> = {}

function fact(server: ServerName, claim: string, held: boolean, evidence: string): void {
  facts.push({ server, claim, held, evidence })
  expect(held, `${server}: ${claim}\n${evidence}`).toBe(true)
}

function linesOf(run: LabRun, file: string): AttributedLine[] {
  const f = run.logFiles.find((x) => x.name === file)
  const path = run.logs[file]
  if (f === undefined || path === undefined) throw new Error(`${run.server}/${run.runId} has no log ${file}`)
  const content = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const sys = run.logs['system.log']
  const pids = run.server === 'proftpd' && sys !== undefined && existsSync(sys) ? proftpdPidMap(readFileSync(sys, 'utf8')) : new Map<number, string>()
  return attributeLines(file, f.format, content, run.timeline, pids)
}

function observedOf(run: LabRun, id: ScenarioId): ObservedScenario {
  const o = run.observed.find((x) => x.scenario === id)
  if (o === undefined) throw new Error(`${run.server}/${run.runId}: no result for ${id}`)
  return o
}

function codes(o: ObservedScenario): number[] {
  return o.replies.map((r) => r.code)
}

function isSubsequence(needle: readonly number[], hay: readonly number[]): boolean {
  let i = 0
  for (const c of hay) if (i < needle.length && c === needle[i]) i++
  return i === needle.length
}

function checkClient(o: ObservedScenario, e: ClientExpectation): void {
  const got = codes(o)
  const where = `${o.scenario}: replies ${JSON.stringify(o.replies.map((r) => `${r.code} ${r.text}`))}`
  expect(o.notes.filter((n) => n.startsWith('driver error')), where).toEqual([])
  expect(isSubsequence(e.codes, got), `${where}\nexpected in order: ${e.codes.join(',')}`).toBe(true)
  for (const c of e.absent ?? []) expect(got, `${where}\nmust not contain ${c}`).not.toContain(c)
  for (const [code, re] of Object.entries(e.texts ?? {})) {
    const r = o.replies.find((x) => x.code === Number(code))
    expect(r?.text, where).toMatch(re)
  }
  const last = o.sessions.at(-1)
  if (e.lastSession !== undefined) expect(last?.replies.map((r) => r.code), where).toEqual(e.lastSession)
  if (e.lastSessionEnd !== undefined) expect(last?.end, where).toMatch(e.lastSessionEnd)
  if (e.exitCode !== undefined) expect(o.exitCode, where).toBe(e.exitCode)
  if (e.completed !== undefined) expect(o.transfers.length > 0 && o.transfers.every((t) => t.completed), where).toBe(e.completed)
}

function checkLogs(run: LabRun, s: Scenario, present: readonly LogExpectation[], absent: readonly LogExpectation[]): void {
  for (const x of present) {
    const mine = linesOf(run, x.file).filter((l) => l.scenario === s.id && x.match.test(l.text))
    const msg = `${run.server}/${run.runId} ${s.id}: ${x.file} lines matching ${x.match}`
    if (x.count === undefined) expect(mine.length, msg).toBeGreaterThan(0)
    else expect(mine.length, `${msg}: ${JSON.stringify(mine.map((l) => l.text))}`).toBe(x.count)
  }
  for (const x of absent) {
    const mine = linesOf(run, x.file).filter((l) => l.scenario === s.id && x.match.test(l.text))
    expect(mine.map((l) => `${l.line}: ${l.text}`), `${s.id}: ${x.file} must not match ${x.match}`).toEqual([])
  }
}

async function clientVersions(): Promise<Record<string, string>> {
  const first = async (cmd: string, args: string[]): Promise<string> => {
    const r = await runCommand(cmd, args, 10_000)
    return `${r.stdout}${r.stderr}`.split('\n')[0]?.trim() ?? ''
  }
  return {
    curl: await first('curl', ['--version']),
    lftp: await first('lftp', ['--version']),
    python: await first('python3', ['--version']),
  }
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('the lab needs root (it creates users and starts servers); run it as root')
  versions = await ensureSetup(log)
  clients = await clientVersions()
})

beforeEach((ctx) => {
  ctx.onTestFailed(() => {
    anyFailure = true
  })
})

afterAll(async () => {
  await stopAll()
  mkdirSync(RUNS_DIR, { recursive: true })
  writeFileSync(join(RUNS_DIR, 'facts.json'), `${JSON.stringify(facts, null, 2)}\n`)
  const ours = new Set(Object.values(SERVERS).map((s) => s.port))
  const still = [...listeningPorts()].filter((p) => ours.has(p))
  if (still.length > 0) throw new Error(`lab ports still listening: ${still.join(', ')}`)
  const left = [...processesMatching(LAB_DIR), ...processesMatching(join(REPO_ROOT, 'scripts/lab'))]
  if (left.length > 0) throw new Error(`lab processes still running:\n${left.join('\n')}`)
})

function labSuite(server: ServerName, checks: (ctx: { main: () => LabRun; run: (id: string) => LabRun }) => void): void {
  describe.skipIf(!selected(server)).sequential(server, () => {
    const runs: LabRun[] = []
    let fixture: Fixture
    const main = (): LabRun => {
      const r = runs.find((x) => x.runId === 'main')
      if (r === undefined) throw new Error(`${server}: the main run did not happen`)
      return r
    }
    const run = (id: string): LabRun => {
      const r = runs.find((x) => x.runId === id)
      if (r === undefined) throw new Error(`${server}: run ${id} did not happen`)
      return r
    }

    beforeAll(async () => {
      runs.push(await runLab(server, orderedScenarios(server), { log }))
      for (const x of EXTRA_RUNS[server]) {
        runs.push(await runLab(server, x.scenarios.map(scenarioById), { runId: x.runId, serverOptions: x.options, log }))
      }
      const fixtureRuns = runs.filter((r) => r.runId === 'main' || EXTRA_RUNS[server].some((x) => x.runId === r.runId && x.fixture))
      fixture = buildFixture(server, fixtureRuns, versions, clients)
      // always written, for a look without touching fixtures/real
      writeFixture(fixture, join(RUNS_DIR, server, 'fixture'))
      log(`${server}: fixture preview in .lab/runs/${server}/fixture`)
    })

    for (const s of scenariosFor(server)) {
      const on = s.on[server]
      if (on === undefined) continue
      test(`${s.id}: the client received what ${server} sends`, () => {
        checkClient(observedOf(main(), s.id), on.expect)
      })
      test(`${s.id}: the logs hold the lines it should produce`, () => {
        checkLogs(main(), s, on.logs ?? [], on.absentFromLogs ?? [])
      })
    }

    test('every 421/425/426 line in every log belongs to a scenario that expects one', () => {
      const bad = fixture.logs.flatMap((l) => l.unexpected.map((u) => `${l.run.runId}/${l.file.name}:${u.line}: ${u.text}`))
      expect(bad).toEqual([])
    })

    test('reply counts agree with grep', () => {
      const dir = join(RUNS_DIR, server, 'fixture')
      expect(crossCheckWithGrep(fixture, dir)).toEqual([])
    })

    test('every fixture log is non-empty and small', () => {
      for (const l of fixture.logs) {
        expect(l.content.length, l.file.name).toBeGreaterThan(0)
        expect(l.content.length, l.file.name).toBeLessThan(150_000)
      }
    })

    checks({ main, run })

    // What ftplog reports on every log this run wrote: incidents by cause as recorded and reviewed
    // in fixtures/real/ftplog.expect.json, reply counts as in the file, transfers as the clients saw.
    const cases = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'ftplog.expect.json'), 'utf8')) as { cases: FtplogCase[] }).cases.filter((c) =>
      c.path.startsWith(`${server}/`),
    )
    for (const c of cases) {
      const file = c.path.slice(server.length + 1)
      test(`ftplog reports ${file} as the scenarios provoked it`, async () => {
        const altlog = /^(clf|stats|w3c)\.log$/.exec(file)?.[1]
        const r = altlog ? run(`altlog-${altlog}`) : main()
        // Logs that record transfers truthfully must agree with the clients' own counts; Pure-FTPd
        // logs aborted and killed transfers as complete, so only its totals from the fixture apply.
        const truthful = server !== 'pure-ftpd' && c.transfers !== undefined
        const completed = r.observed.flatMap((o) => o.transfers).filter((t) => t.completed)
        const client = truthful ? { completed: completed.length, bytes: completed.reduce((n, t) => n + t.bytes, 0) } : undefined
        // Pure-FTPd logs a partial download as complete with the bytes it moved before the abort,
        // so its download bytes depend on timing; the counts and the upload bytes do not.
        const keys = server === 'pure-ftpd' ? (['completed', 'incomplete', 'bytesIn'] as const) : undefined
        expect(await checkWithFtplog(r, file, c, client, keys)).toEqual([])
      })
    }

    test.skipIf(RECORD || !existsSync(join(FIXTURES_DIR, server, 'expected.json')))(
      `the committed fixtures/real/${server} agree with their expected.json (grep)`,
      () => {
        const dir = join(FIXTURES_DIR, server)
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, ExpectedFile>
        const problems: string[] = []
        for (const [file, facts] of Object.entries(expected)) {
          const lines = readFileSync(join(dir, file), 'utf8').split('\n').length - 1
          if (lines !== facts.lines) problems.push(`${file}: ${lines} lines, expected.json says ${facts.lines}`)
          for (const [code, n] of Object.entries(facts.replies ?? {})) {
            const cmd = grepForCode(facts.logFormat, Number(code), file)
            if (cmd !== null && grepCount(cmd, dir) !== n) problems.push(`${file}: ${cmd} != ${n}`)
          }
          for (const e of facts.events) {
            const text = readFileSync(join(dir, file), 'utf8').split('\n')[e.line - 1] ?? ''
            if (e.code !== null && !text.includes(String(e.code))) problems.push(`${file}:${e.line} does not carry ${e.code}`)
          }
        }
        expect(problems).toEqual([])
      },
    )

    test.runIf(RECORD)(`records fixtures/real/${server}`, () => {
      expect(anyFailure, 'not recording: an earlier test failed').toBe(false)
      expect(ONLY, 'not recording: LAB_SERVERS selects only some servers').toBeUndefined()
      writeFixture(fixture, join(FIXTURES_DIR, server))
      log(`${server}: wrote fixtures/real/${server}`)
    })
  })
}

const grepFile = (run: LabRun, file: string, re: RegExp): string[] => linesOf(run, file).filter((l) => re.test(l.text)).map((l) => `${l.line}: ${l.text}`)

labSuite('vsftpd', ({ main, run }) => {
  test('fact: a client abort is answered with 426 then "226 ABOR successful."', () => {
    const o = observedOf(main(), 'abort-download')
    const tail = o.replies.filter((r) => r.code === 426 || r.code === 226).map((r) => `${r.code} ${r.text}`)
    fact('vsftpd', 'answers a client ABOR during a download with 426 ... then 226 ABOR successful.', tail.join(' | ') === '426 Failure writing network stream. | 226 ABOR successful.', tail.join(' | '))
  })
  test('fact: 421/426 reach vsftpd.log only with log_ftp_protocol=YES', () => {
    const r = run('fact-no-protocol-log')
    const codesInLog = grepFile(r, 'vsftpd.log', /"4\d\d /)
    const fail = grepFile(r, 'vsftpd.log', /FAIL DOWNLOAD|Connection refused/)
    const clientGot = ['per-ip-limit', 'idle-timeout', 'reset-data-download'].flatMap((id) => codes(observedOf(r, id as ScenarioId)).filter((c) => c >= 400))
    fact(
      'vsftpd',
      'writes 421/426 replies to vsftpd.log only with log_ftp_protocol=YES (without it only CONNECT refusals and FAIL DOWNLOAD remain)',
      codesInLog.length === 0 && fail.length >= 2 && clientGot.includes(421) && clientGot.includes(426),
      `with log_ftp_protocol=NO the clients got ${clientGot.join(',')}; vsftpd.log lines with a 4xx reply: ${codesInLog.length}; code-less lines: ${fail.join(' || ')}`,
    )
  })
})

labSuite('proftpd', ({ main, run }) => {
  // The same sessions in several LogFormats: each read (without --template, or with it where the
  // entry says so) must give the TraceLog's replies less the documented differences, and the cause
  // each scenario induced.
  const logFormats: LogFormatResult[] = []
  for (const x of PROFTPD_EXTENDED_LOGS) {
    test(`${x.file} (${x.classes}, ${x.logFormat}) read ${x.readWith === 'template' ? 'with' : 'without'} --template agrees with the TraceLog and the scenarios`, async () => {
      const r = await checkLogFormat(main(), x)
      logFormats.push(r)
      log(`proftpd ${x.file}: ${r.recognized} of ${r.lines} lines recognised as ${r.detected}; replies ${JSON.stringify(r.replies)}; differences ${JSON.stringify(r.differences)}`)
      expect(r.problems).toEqual([])
    })
  }
  test.runIf(RECORD_LOGFORMATS)('records fixtures/real/proftpd-logformats', () => {
    expect(anyFailure, 'not recording: an earlier test failed').toBe(false)
    expect(logFormats.length).toBe(PROFTPD_EXTENDED_LOGS.length)
    writeLogFormatsFixture(main(), logFormats, versions, join(FIXTURES_DIR, 'proftpd-logformats'))
    log('proftpd: wrote fixtures/real/proftpd-logformats')
  })
  test('fact: MaxClients and MaxClientsPerHost are refused with 530', () => {
    const g = observedOf(main(), 'global-limit').sessions.at(-1)?.replies.at(-1)
    const p = observedOf(main(), 'per-ip-limit').sessions.at(-1)?.replies.at(-1)
    fact('proftpd', 'refuses MaxClients and MaxClientsPerHost with 530 (not 421)', g?.code === 530 && p?.code === 530, `MaxClients: ${g?.code} ${g?.text}; MaxClientsPerHost: ${p?.code} ${p?.text}`)
  })
  test('fact: MaxInstances closes the connection without a reply', () => {
    const last = observedOf(main(), 'instance-limit').sessions.at(-1)
    const line = grepFile(main(), 'system.log', /MaxInstances/)
    fact('proftpd', 'closes a connection over MaxInstances without any reply', last !== undefined && last.replies.length === 0 && /server-/.test(last.end), `refused client: replies ${JSON.stringify(last?.replies)}, end ${last?.end}; SystemLog: ${line.join(' || ')}`)
  })
  test('fact: 421 timeout replies are written only to the TraceLog', () => {
    const m = main()
    const where: Record<string, number> = {}
    // a line's own reply code where the format has one (the iso8601 ExtendedLog's ports and milliseconds are numbers too)
    for (const f of m.logFiles) where[f.name] = linesOf(m, f.name).filter((l) => l.code === 421 || (l.code === null && /(^|[" ])421( |$)/.test(l.text))).length
    const { ['trace.log']: trace = 0, ...others } = where
    fact('proftpd', 'writes 421 timeout replies only to its TraceLog', trace >= 3 && Object.values(others).every((n) => n === 0), `lines with a 421 per log: ${JSON.stringify(where)}`)
  })
  test('fact: ABOR is ignored during sendfile unless UseSendfile off', () => {
    const on = observedOf(run('fact-sendfile-on'), 'abort-download')
    const off = observedOf(main(), 'abort-download')
    const onBytes = on.transfers[0]?.bytes ?? 0
    fact(
      'proftpd',
      'ignores ABOR during a sendfile() download unless UseSendfile off',
      !codes(on).includes(426) && onBytes === BIG && codes(off).includes(426),
      `UseSendfile on: replies ${on.replies.map((r) => `${r.code} ${r.text}`).join(' | ')}, client read ${onBytes} of ${BIG} bytes; UseSendfile off: ${off.replies.filter((r) => r.code >= 226).map((r) => `${r.code} ${r.text}`).join(' | ')}`,
    )
  })
  test('fact: with -n and without -q the SystemLog goes to stderr', () => {
    const r = run('fact-no-q')
    const sys = r.logs['system.log']
    const sysLines = sys !== undefined && existsSync(sys) ? readFileSync(sys, 'utf8').split('\n').filter(Boolean).length : 0
    const errLines = r.stderr.split('\n').filter((l) => l.includes('FTP session opened')).length
    const quietErr = main().stderr.split('\n').filter((l) => l.includes('FTP session opened')).length
    fact(
      'proftpd',
      'logs to stderr with -n unless -q (and then writes nothing to the SystemLog file)',
      sysLines === 0 && errLines >= 2 && quietErr === 0,
      `-n without -q: SystemLog file ${sysLines} lines, stderr ${errLines} "FTP session opened" lines; -n -q: stderr ${quietErr} such lines`,
    )
  })
})

labSuite('pure-ftpd', ({ main, run }) => {
  test('fact: -l unix refuses a user whose shell is not in /etc/shells', () => {
    const o = observedOf(main(), 'login-noshell')
    const line = grepFile(main(), 'syslog.log', /Authentication failed for user \[ftplabns\]/)
    fact('pure-ftpd', 'rejects users whose shell is not in /etc/shells with -l unix', codes(o).includes(530) && line.length === 1, `client: ${o.replies.map((r) => `${r.code} ${r.text}`).join(' | ')}; syslog: ${line.join('')}`)
  })
  test('fact: the -c refusal is never logged; -C is logged once without a code', () => {
    const m = main()
    const refusedIp = '127.0.1.5'
    const c = grepFile(m, 'syslog.log', new RegExp(`${refusedIp.replaceAll('.', '\\.')}|maximum`))
    const cc = grepFile(m, 'syslog.log', /Too many connections/)
    const g = observedOf(m, 'global-limit').sessions.at(-1)?.replies.at(-1)
    fact('pure-ftpd', 'never logs its -c refusal', g?.code === 421 && c.length === 0, `client got ${g?.code} ${g?.text}; syslog lines naming ${refusedIp} or "maximum": ${c.length}`)
    fact('pure-ftpd', 'logs a -C refusal once, without a reply code', cc.length === 1 && !/\] 421 /.test(cc[0] ?? ''), cc.join(''))
  })
  test('ftplog counts one session per connection the syslog shows: every client connection but the -c refusal', async () => {
    // Its lines name no pid, so sessions are keyed by address; per-ip-limit's two connections
    // from 127.0.0.18 are open at once and must still be two sessions.
    const m = main()
    const connections = m.observed.flatMap((o) => o.sessions)
    const neverLogged = connections.filter((s) => s.replies[0]?.code === 421 && /\(the maximum\) are already logged in/.test(s.replies[0].text))
    expect(neverLogged).toHaveLength(1)
    const r = await ftplogReport(m.logs['syslog.log']!)
    expect(r.sessions.total, `${connections.length} client connections`).toBe(connections.length - neverLogged.length)
  })
  test('fact: the idle time cannot be set below one minute', () => {
    const lt = main().timeline.find((t) => t.scenario === 'login-timeout')
    const zero = observedOf(run('fact-idle-0'), 'login-list').replies.find((r) => r.code === 220)?.text ?? ''
    const one = observedOf(main(), 'login-list').replies.find((r) => r.code === 220)?.text ?? ''
    const said = (t: string): string => /disconnected after (.*) of inactivity/.exec(t)?.[1] ?? '?'
    fact(
      'pure-ftpd',
      'has a one-minute minimum idle timeout (-I is in minutes; -I 0 means the 15-minute default)',
      (lt?.durationMs ?? 0) >= 59_000 && said(one) === '60 seconds' && said(zero) === '15 minutes',
      `-I 1: greeting says "${said(one)}", login timeout came after ${lt?.durationMs} ms; -I 0: greeting says "${said(zero)}". A logged-in client can lower its own idle time with SITE IDLE <seconds> (used by the idle, no-transfer, stalled and PASV scenarios).`,
    )
  })
  test('fact: a killed client gets no 426 and the altlogs record the partial download as complete', () => {
    const evidence: string[] = []
    let held = true
    for (const [runId, file] of [['main', 'xferlog'], ['altlog-clf', 'clf.log'], ['altlog-stats', 'stats.log'], ['altlog-w3c', 'w3c.log']] as const) {
      const r = run(runId)
      const o = observedOf(r, 'killed-client-download')
      const lines = linesOf(r, file).filter((l) => l.scenario === 'killed-client-download' && l.transfer !== null)
      const ok = !codes(o).includes(426) && lines.length === 1 && lines[0]?.transfer?.completed === true && (lines[0]?.transfer?.bytes ?? BIG) < BIG
      held &&= ok
      evidence.push(`${file}: ${lines.map((l) => l.text).join('') || '(no line)'}`)
    }
    const syslog = grepFile(main(), 'syslog.log', /\] 426 /)
    held &&= syslog.every((l) => !l.includes('127.0.0.26'))
    fact('pure-ftpd', 'never sends 426 when a client is killed; its altlogs record the partial transfer as complete', held, evidence.join(' || '))
  })
})

describe.sequential('record', () => {
  test.runIf(RECORD)('writes fixtures/real/facts.json', () => {
    expect(anyFailure, 'not recording: an earlier test failed').toBe(false)
    expect(ONLY, 'not recording: LAB_SERVERS selects only some servers').toBeUndefined()
    const v: Record<string, unknown> = { ...versions }
    writeFileSync(join(FIXTURES_DIR, 'facts.json'), `${JSON.stringify({ versions: v, clients, facts }, null, 2)}\n`)
  })
})
