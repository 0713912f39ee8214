import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/paths.js'

// The only tests that spawn the real binary: a closed stdout and a real SIGINT cannot be shown
// in-process. The binary is built the way `npm run build` builds it, into a scratch directory
// inside the repository (test-output/ is git-ignored) so it finds node_modules.
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

function runBin(args: string[], onStart?: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code, signal) => resolve({ code, signal, out, err }))
    onStart?.(child)
  })
}

beforeAll(async () => {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true })
  dir = mkdtempSync(join(ROOT, 'test-output', 'e2e-'))
  await build({
    entry: { cli: join(ROOT, 'src/cli/main.ts'), 'analyze-worker': join(ROOT, 'src/analyze/analyze-worker.ts') },
    outDir: join(dir, 'dist'),
    format: ['esm'],
    target: 'node20',
    silent: true,
    config: false,
    dts: false,
  })
  mkdirSync(join(dir, 'bin'))
  bin = join(dir, 'bin', 'ftplog.js')
  copyFileSync(join(ROOT, 'bin', 'ftplog.js'), bin)
  writeFileSync(join(dir, 'refusals.log'), refusals(1500))
  writeFileSync(join(dir, 'long.log'), refusals(200).repeat(1000))
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
