import { spawn } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleWorker } from '../helpers/bundle-worker.js'
import { ROOT } from '../helpers/paths.js'

// The only tests that spawn the real binary: a closed stdout, a stdout nobody reads and a real
// SIGINT cannot be shown in-process. The binary is built the way `npm run build` builds it, into
// a scratch directory inside the repository (test-output/ is git-ignored) so it finds node_modules.
let dir: string
let bin: string

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
function vsftpdTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`
}
/** `n` connection-limit refusals 10 minutes apart: `n` separate incidents, a report of several MB. */
function refusals(n: number): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const t = vsftpdTime(Date.UTC(2024, 0, 15) + i * 600_000)
    out.push(`${t} [pid ${1000 + i}] CONNECT: Client "198.51.100.${i % 250}"`)
    out.push(`${t} [pid ${1000 + i}] FTP response: Client "198.51.100.${i % 250}", "421 There are too many connections from your internet address."`)
  }
  return `${out.join('\n')}\n`
}

function runCommand(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

/** How far process `pid` has read `path` (its file offset, from /proc), or `undefined` while it does not have it open. */
function readPosition(pid: number, path: string): number | undefined {
  const fds = join('/proc', String(pid), 'fd')
  try {
    for (const fd of readdirSync(fds)) {
      if (readlinkSync(join(fds, fd)) !== path) continue
      const pos = /^pos:\s*(\d+)/m.exec(readFileSync(join('/proc', String(pid), 'fdinfo', fd), 'utf8'))
      return pos ? Number(pos[1]) : undefined
    }
  } catch {
    // The process or the descriptor went away between the calls.
  }
  return undefined
}

function runBin(
  args: string[],
  onStart?: (child: ReturnType<typeof spawn>) => void,
  stdin?: string,
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    // No stdin: /dev/null, as in a CI job without input.
    const child = spawn(process.execPath, [bin, ...args], { stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
    if (stdin !== undefined) child.stdin!.end(stdin)
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code, signal) => resolve({ code, signal, out, err }))
    onStart?.(child)
  })
}

beforeAll(async () => {
  dir = (await bundleWorker('e2e', { cli: join(ROOT, 'src/cli/main.ts') })).dir
  mkdirSync(join(dir, 'bin'))
  bin = join(dir, 'bin', 'ftplog.js')
  copyFileSync(join(ROOT, 'bin', 'ftplog.js'), bin)
  writeFileSync(join(dir, 'refusals.log'), refusals(1500))
  writeFileSync(join(dir, 'long.log'), refusals(200).repeat(1000))
  writeFileSync(join(dir, 'events.log'), refusals(1500).repeat(8)) // 2.5 MB in, 5 MB of events out
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the built binary', () => {
  it('exits normally when stdout is closed early (ftplog … | head -1), with no EPIPE trace', async () => {
    const r = await runBin(['analyze', join(dir, 'refusals.log'), '-f', 'json', '--fail-on', 'none'], (child) => {
      // Read the first chunk, then close the pipe, as `head -1` does; the report is ~2.7 MB.
      child.stdout!.once('data', () => child.stdout!.destroy())
    })
    expect(r.signal).toBeNull()
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    expect(r.out.startsWith('{')).toBe(true)
  })

  it('--events to standard output stops quietly when the reader goes away (| head -1)', async () => {
    for (const events of ['-', '/dev/stdout']) {
      const r = await runBin(['analyze', join(dir, 'refusals.log'), '--events', events, '-f', 'json:' + join(dir, `r${events.length}.json`), '--fail-on', 'none', '--jobs', '1'], (child) => {
        child.stdout!.once('data', () => child.stdout!.destroy())
      })
      expect(r.signal, events).toBeNull()
      expect(r.err, events).toBe('')
      expect(r.code, events).toBe(0)
      expect(r.out.startsWith('{'), events).toBe(true)
    }
  })

  it('--events - to a reader that stops reading holds the analysis back (nothing queued in memory), then delivers every event', async () => {
    const log = join(dir, 'events.log')
    const args = ['analyze', log, '-f', 'json', '--fail-on', 'none', '--no-progress', '--jobs', '1']
    const toFile = await runBin([...args, '-o', join(dir, 'events-file.json'), '--events', join(dir, 'events.ndjson')])
    expect(toFile.code).toBe(0)
    const report = join(dir, 'events-pipe.json')
    let held: { reportWritten: boolean; position: number } | undefined
    const r = await runBin([...args, '-o', report, '--events', '-'], (child) => {
      // Read nothing until the child's read position in the log stays put (it waits for the
      // reader) or its report is written (it has read the whole log: the events are in memory).
      child.stdout!.pause()
      let last = -1
      let still = 0
      const poll = setInterval(() => {
        const position = readPosition(child.pid!, log)
        still = position !== undefined && position === last ? still + 1 : 0
        last = position ?? -1
        const reportWritten = existsSync(report)
        if (reportWritten || still >= 10 || child.exitCode !== null) {
          clearInterval(poll)
          held = { reportWritten, position: position ?? -1 }
          child.stdout!.resume()
        }
      }, 20)
    })
    expect(held).toEqual({ reportWritten: false, position: expect.any(Number) })
    expect(held!.position).toBeGreaterThan(0)
    expect(held!.position).toBeLessThan(statSync(log).size / 2)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toBe(readFileSync(join(dir, 'events.ndjson'), 'utf8'))
    expect(existsSync(report)).toBe(true)
  })

  it('no input at all (stdin is /dev/null, no path) is a usage error, not a pass', async () => {
    const r = await runBin(['analyze'])
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/^ftplog: no input: .*\n$/)
  })

  it('- twice is a usage error at once, whatever is piped', async () => {
    const r = await runBin(['-', '-'], undefined, 'Mon Jan 15 10:00:00 2024 [pid 7] CONNECT: Client "192.0.2.1"\n')
    expect(r.code).toBe(2)
    expect(r.err).toBe('ftplog: - (standard input) is named twice; it can be read only once\n')
  })

  it('an unreadable subfolder is an error for that folder alone; the rest is analysed (run as an unprivileged user)', async () => {
    const tree = join(dir, 'var-log')
    mkdirSync(join(tree, 'locked'), { recursive: true })
    copyFileSync(join(ROOT, 'fixtures/real/vsftpd/vsftpd.log'), join(tree, 'vsftpd.log'))
    copyFileSync(join(ROOT, 'fixtures/real/vsftpd/vsftpd.log'), join(tree, 'locked', 'vsftpd.log'))
    writeFileSync(join(tree, 'README'), 'not a log\n')
    chmodSync(join(tree, 'locked'), 0o700)
    // root reads every folder: run the binary as nobody (setpriv, util-linux) to see a real EACCES.
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []
    for (const p of [dir, tree]) chmodSync(p, 0o755)
    const r = await runCommand([...asNobody, process.execPath, bin, 'analyze', tree, '-f', 'json', '--fail-on', 'none', '--jobs', '1'])
    expect(r.code).toBe(2)
    expect(r.err).toBe(`ftplog: ${join(tree, 'locked')}: permission denied\n`)
    const report = JSON.parse(r.out)
    expect(report.inputs.map((i: { path: string; status: string }) => [i.path.slice(tree.length + 1), i.status])).toEqual([
      ['README', 'skipped'],
      ['locked', 'error'],
      ['vsftpd.log', 'analyzed'],
    ])
    expect(report.totals.lines).toBe(329)
  })

  it('gives the same report with --jobs 1 and --jobs 2 (worker threads read the same settings)', async () => {
    const inputs = ['vsftpd-incidents.log', 'vsftpd-bruteforce.log', 'clean-xferlog.log'].map((f) => join(ROOT, 'fixtures', 'edge', f))
    const args = ['analyze', ...inputs, join(dir, 'refusals.log'), '-f', 'json', '--fail-on', 'none', '--no-progress', '--timezone', 'America/New_York', '--incident-gap', '30s', '--bruteforce', '3/60s', '--year', '2023']
    const one = await runBin([...args, '--jobs', '1'])
    const two = await runBin([...args, '--jobs', '2'])
    expect(one.code).toBe(0)
    expect(two.err).toBe(one.err)
    expect(two.out).toBe(one.out)
    const defaults = await runBin(['analyze', ...inputs, join(dir, 'refusals.log'), '-f', 'json', '--fail-on', 'none', '--no-progress', '--jobs', '2'])
    expect(defaults.out).not.toBe(one.out)
  })

  it('exits 130 on SIGINT mid-run and writes nothing to stdout', async () => {
    const log = join(dir, 'long.log')
    const r = await runBin(['analyze', log, '-f', 'json'], (child) => {
      // Interrupt once the log is open: the signal handlers are installed by then.
      const poll = setInterval(() => {
        const fds = join('/proc', String(child.pid), 'fd')
        const open = existsSync(fds) ? readdirSync(fds).some((fd) => {
          try {
            return readlinkSync(join(fds, fd)) === log
          } catch {
            return false
          }
        }) : true
        if (open) {
          clearInterval(poll)
          child.kill('SIGINT')
        }
      }, 5)
    })
    expect(r.signal).toBeNull()
    expect(r.code).toBe(130)
    expect(r.out).toBe('')
    expect(r.err).toBe('')
  })
})
