import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { listeningPorts, runCommand, startDaemon, stopDaemon, waitListening, type Daemon } from './process'
import { DRIVER, LAB_DIR, REPO_ROOT, RUNS_DIR, SETUP, SYSLOG_SINK } from './paths'
import { BIG, sourcesOf, type Scenario } from './scenarios'
import { HOME_DIR, LAB_USER, SERVERS, type ServerOptions } from './servers'
import type { LogFile, ObservedScenario, ServerName } from './types'

export interface TimelineEntry {
  readonly scenario: string
  readonly sources: readonly string[]
  readonly background: boolean
  /** size of each log file just before the scenario started and after it ended */
  readonly offsetsBefore: Readonly<Record<string, number>>
  readonly offsetsAfter: Readonly<Record<string, number>>
  readonly durationMs: number
}

export interface LabRun {
  readonly server: ServerName
  readonly runId: string
  readonly runDir: string
  readonly serverOptions: ServerOptions
  /** log name -> absolute path of the file this run wrote */
  readonly logs: Readonly<Record<string, string>>
  readonly logFiles: readonly LogFile[]
  readonly observed: readonly ObservedScenario[]
  readonly timeline: readonly TimelineEntry[]
  /** the daemon's command line and generated configuration */
  readonly command: readonly string[]
  readonly config: string | null
  /** what the daemon printed on stderr (ProFTPD -n without -q logs there) */
  readonly stderr: string
  readonly durationMs: number
}

export interface RunOptions {
  readonly runId?: string
  readonly serverOptions?: ServerOptions
  readonly log?: (message: string) => void
}

export interface Versions {
  readonly [server: string]: { readonly package: string; readonly version: string; readonly binary: string }
}

/** Make sure scripts/lab/setup.sh has run (it is idempotent; it needs root). */
export async function ensureSetup(log: (m: string) => void = () => {}): Promise<Versions> {
  const versionsFile = join(LAB_DIR, 'versions.json')
  const ready =
    existsSync(versionsFile) &&
    Object.values(SERVERS).every((s) => existsSync(s.binary)) &&
    ['/usr/bin/curl', '/usr/bin/lftp', '/etc/pam.d/ftplab-vsftpd', '/etc/pam.d/ftplab-proftpd'].every((f) => existsSync(f)) &&
    readFileSync('/etc/passwd', 'utf8').includes(`\n${LAB_USER}:`)
  if (!ready) {
    log('running scripts/lab/setup.sh')
    const r = await runCommand('bash', [SETUP], 600_000, REPO_ROOT)
    if (r.code !== 0) throw new Error(`scripts/lab/setup.sh failed (${r.code}):\n${r.stderr}`)
  }
  return JSON.parse(readFileSync(versionsFile, 'utf8')) as Versions
}

function userIds(user: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`))
  if (line === undefined) throw new Error(`user ${user} missing: run scripts/lab/setup.sh`)
  const f = line.split(':')
  return { uid: Number(f[2]), gid: Number(f[3]) }
}

/** Fresh home for the lab user: small.bin (100000 bytes) and a sparse 64 MB big.bin. */
function prepareHome(): void {
  const { uid, gid } = userIds(LAB_USER)
  mkdirSync(HOME_DIR, { recursive: true })
  for (const e of readdirSync(HOME_DIR)) rmSync(join(HOME_DIR, e), { recursive: true, force: true })
  const small = Buffer.alloc(100_000)
  for (let i = 0; i < small.length; i++) small[i] = (i * 131 + 7) & 0xff
  writeFileSync(join(HOME_DIR, 'small.bin'), small)
  writeFileSync(join(HOME_DIR, 'big.bin'), '')
  truncateSync(join(HOME_DIR, 'big.bin'), BIG)
  for (const f of [HOME_DIR, join(HOME_DIR, 'small.bin'), join(HOME_DIR, 'big.bin')]) chownSync(f, uid, gid)
}

function sizes(logs: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [name, path] of Object.entries(logs)) out[name] = existsSync(path) ? statSync(path).size : 0
  return out
}

async function runDriver(port: number, scenario: Scenario, params: Readonly<Record<string, unknown>>, workdir: string): Promise<ObservedScenario> {
  mkdirSync(workdir, { recursive: true })
  const args = [DRIVER, '--port', String(port), '--src', scenario.source, '--scenario', scenario.id, '--params', JSON.stringify(params), '--workdir', workdir]
  const r = await runCommand('python3', args, 180_000, workdir)
  if (r.code !== 0) throw new Error(`driver failed for ${scenario.id} (${r.code}): ${r.stderr}`)
  try {
    return JSON.parse(r.stdout) as ObservedScenario
  } catch {
    throw new Error(`driver printed no JSON for ${scenario.id}: ${r.stdout}\n${r.stderr}`)
  }
}

async function startSink(dir: string, runDir: string): Promise<Daemon> {
  mkdirSync(dir, { recursive: true })
  const socket = join(dir, 'log')
  const ready = join(runDir, 'syslog-sink.stdout')
  const sink = startDaemon(
    'syslog-sink',
    'python3',
    [SYSLOG_SINK, '--socket', socket, '--out', join(runDir, 'syslog.log'), '--raw', join(runDir, 'syslog.raw')],
    ready,
    join(runDir, 'syslog-sink.stderr'),
    runDir,
  )
  for (let i = 0; i < 100; i++) {
    if (existsSync(ready) && readFileSync(ready, 'utf8').includes('ready')) return sink
    if (sink.hasExited()) break
    await sleep(50)
  }
  await stopDaemon(sink)
  throw new Error(`syslog sink did not start: ${readFileSync(join(runDir, 'syslog-sink.stderr'), 'utf8')}`)
}

/**
 * Start `server` with every log on, run `scenarios` against it one after the other (those marked
 * background run alongside the next ones), stop it, and return where its logs are and what every
 * client saw. Nothing is left running, also on failure.
 */
export async function runLab(server: ServerName, scenarios: readonly Scenario[], options: RunOptions = {}): Promise<LabRun> {
  const log = options.log ?? (() => {})
  const def = SERVERS[server]
  const runId = options.runId ?? 'main'
  const serverOptions = options.serverOptions ?? {}
  const runDir = join(RUNS_DIR, server, runId)
  rmSync(runDir, { recursive: true, force: true })
  mkdirSync(runDir, { recursive: true })
  mkdirSync(join(runDir, 'empty'), { mode: 0o755 })
  prepareHome()

  const busy = listeningPorts()
  if (busy.has(def.port)) throw new Error(`port ${def.port} is already in use; is another lab run still going?`)

  const prepared = def.prepare(runDir, serverOptions)
  const logs: Record<string, string> = {}
  for (const f of prepared.logs) logs[f.name] = join(runDir, f.name)

  const started = Date.now()
  const daemons: Daemon[] = []
  const observed: ObservedScenario[] = []
  const timeline: TimelineEntry[] = []
  try {
    if (prepared.privateDev !== null) daemons.push(await startSink(prepared.privateDev, runDir))
    const daemon = startDaemon(server, prepared.command, prepared.args, join(runDir, 'server.stdout'), join(runDir, 'server.stderr'), runDir)
    daemons.push(daemon)
    await waitListening(def.port, daemon)
    log(`${server}/${runId}: listening on 127.0.0.1:${def.port} (pid ${daemon.pid})`)

    const background: Array<Promise<void>> = []
    for (const scenario of scenarios) {
      const on = scenario.on[server]
      if (on === undefined) continue
      const before = sizes(logs)
      const t0 = Date.now()
      const task = runDriver(def.port, scenario, on.params ?? {}, join(runDir, 'clients', scenario.id)).then((o) => {
        observed.push(o)
        timeline.push({
          scenario: scenario.id,
          sources: sourcesOf(scenario),
          background: on.background === true,
          offsetsBefore: before,
          offsetsAfter: sizes(logs),
          durationMs: Date.now() - t0,
        })
        log(`${server}/${runId}: ${scenario.id} done in ${Date.now() - t0} ms`)
      })
      if (on.background === true) {
        background.push(task)
        // let the background client connect before the next scenario starts
        await sleep(300)
      } else {
        await task
        // let the server finish logging the session before the next one starts
        await sleep(250)
      }
    }
    await Promise.all(background)
    await sleep(1000)
  } finally {
    for (const d of daemons.reverse()) await stopDaemon(d)
  }
  const order = new Map(scenarios.map((s, i) => [s.id, i]))
  observed.sort((a, b) => (order.get(a.scenario as Scenario['id']) ?? 0) - (order.get(b.scenario as Scenario['id']) ?? 0))
  timeline.sort((a, b) => (order.get(a.scenario as Scenario['id']) ?? 0) - (order.get(b.scenario as Scenario['id']) ?? 0))
  const result: LabRun = {
    server,
    runId,
    runDir,
    serverOptions,
    logs,
    logFiles: prepared.logs,
    observed,
    timeline,
    command: [prepared.command, ...prepared.args],
    config: prepared.configFile === null ? null : readFileSync(prepared.configFile, 'utf8'),
    stderr: existsSync(join(runDir, 'server.stderr')) ? readFileSync(join(runDir, 'server.stderr'), 'utf8') : '',
    durationMs: Date.now() - started,
  }
  writeFileSync(join(runDir, 'run.json'), `${JSON.stringify(result, null, 1)}\n`)
  return result
}
