import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/** A daemon the lab started, in its own process group (so its session children go with it). */
export interface Daemon {
  readonly name: string
  readonly pid: number
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
  /** true once the process has exited */
  hasExited(): boolean
}

const running = new Set<Daemon>()

/**
 * Start a command detached (new process group), stdout/stderr into files.
 * The lab only ever signals what it started, by process-group id (= the pid returned here).
 */
export function startDaemon(name: string, command: string, args: readonly string[], stdoutFile: string, stderrFile: string, cwd: string): Daemon {
  const out = openSync(stdoutFile, 'a')
  const err = openSync(stderrFile, 'a')
  const child = spawn(command, [...args], { cwd, detached: true, stdio: ['ignore', out, err] })
  closeSync(out)
  closeSync(err)
  if (child.pid === undefined) throw new Error(`could not start ${name}: ${command}`)
  let done = false
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true
      resolve(code ?? (signal !== null ? -1 : null))
    })
    child.on('error', () => {
      done = true
      resolve(null)
    })
  })
  const d: Daemon = { name, pid: child.pid, child, exited, hasExited: () => done }
  running.add(d)
  return d
}

/** SIGTERM the daemon's process group, then SIGKILL it if it has not exited after `graceMs`. */
export async function stopDaemon(d: Daemon, graceMs = 3000): Promise<void> {
  const signalGroup = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-d.pid, sig)
    } catch {
      // the group is already gone
    }
  }
  if (!d.hasExited()) {
    signalGroup('SIGTERM')
    const timeout = sleep(graceMs).then(() => 'timeout' as const)
    if ((await Promise.race([d.exited.then(() => 'exited' as const), timeout])) === 'timeout') {
      signalGroup('SIGKILL')
      await d.exited
    }
  }
  // session processes of the group may outlive the leader by a moment
  for (let i = 0; i < 20 && groupAlive(d.pid); i++) await sleep(100)
  if (groupAlive(d.pid)) {
    signalGroup('SIGKILL')
    for (let i = 0; i < 20 && groupAlive(d.pid); i++) await sleep(100)
  }
  running.delete(d)
}

/** Is any process of process group `pgid` still alive (zombies excluded)? */
export function groupAlive(pgid: number): boolean {
  return groupMembers(pgid).length > 0
}

export function groupMembers(pgid: number): number[] {
  const out: number[] = []
  let entries: string[]
  try {
    entries = readProcDir()
  } catch {
    return out
  }
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8')
      // pid (comm) state ppid pgrp ...
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (after[0] !== 'Z' && Number(after[2]) === pgid) out.push(Number(e))
    } catch {
      // process vanished
    }
  }
  return out
}

function readProcDir(): string[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e))
}

/** Stop everything the lab started and is still running (used on failure and at exit). */
export async function stopAll(): Promise<void> {
  for (const d of [...running]) await stopDaemon(d, 1000)
}

/** TCP ports in LISTEN state on IPv4, from /proc/net/tcp (no connection is made, so no log line). */
export function listeningPorts(): Set<number> {
  const ports = new Set<number>()
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)
      if (f.length < 4 || f[3] !== '0A') continue
      const port = Number.parseInt((f[1] ?? '').split(':')[1] ?? '', 16)
      if (Number.isFinite(port)) ports.add(port)
    }
  }
  return ports
}

export async function waitListening(port: number, d: Daemon, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (listeningPorts().has(port)) return
    if (d.hasExited()) throw new Error(`${d.name} exited before listening on ${port}`)
    await sleep(50)
  }
  throw new Error(`${d.name} did not listen on ${port} within ${timeoutMs} ms`)
}

export interface CommandResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Run a command to completion (killed by pid after `timeoutMs`). */
export function runCommand(command: string, args: readonly string[], timeoutMs: number, cwd?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL')
    }, timeoutMs)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** Processes (not zombies) whose command line mentions `needle` or whose executable lies under it. */
export function processesMatching(needle: string): string[] {
  const out: string[] = []
  for (const e of readProcDir()) {
    if (Number(e) === process.pid) continue
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8')
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      // daemons rewrite their titles ("proftpd: (accepting connections)"); their executable stays
      let exe = ''
      try {
        exe = readlinkSync(`/proc/${e}/exe`)
      } catch {
        // kernel thread or no permission
      }
      if (cmd.includes(needle) || exe.startsWith(needle)) out.push(`${e}: ${cmd} (${exe})`)
    } catch {
      // gone
    }
  }
  return out
}
