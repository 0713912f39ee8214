#!/usr/bin/env node
// Deterministic generator of large, realistic FTP logs for the benchmark.
// Usage: node scripts/generate-logs.mjs <format> <lines> <out> [seed] [clients]
//   format: vsftpd (protocol log, log_ftp_protocol=YES) | xferlog | proftpd-extended | iis
//   clients: how many distinct client addresses (default: any of 250,000, a new one on most lines
//   of an xferlog; per-host tables such as Webalizer's slow down with many)
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const [format = 'vsftpd', linesArg = '1000000', out = '-', seedArg = '42', clientsArg] = process.argv.slice(2)
const total = Number(linesArg)
let seed = Number(seedArg) >>> 0
/** mulberry32: small, fast, deterministic. */
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (a) => a[Math.floor(rand() * a.length)]
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const USERS = ['alice', 'bob', 'carol', 'deploy', 'backup', 'www-data', 'ci']
const FILES = ['/srv/release.tar.gz', '/srv/data/report 2024.csv', '/home/ci/build.zip', '/pub/iso/debian.iso', '/var/www/index.html']
let t = Date.UTC(2024, 0, 1)
const pad = (n, w = 2) => String(n).padStart(w, '0')
function vsTime() {
  const d = new Date(t)
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`
}
function clfTime() {
  const d = new Date(t)
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
}
const clients = clientsArg === undefined ? undefined : Number(clientsArg)
const ip =
  clients === undefined
    ? () => `10.${Math.floor(rand() * 4)}.${Math.floor(rand() * 250)}.${1 + Math.floor(rand() * 250)}`
    : () => {
        const i = Math.floor(rand() * clients)
        return `10.${Math.floor(i / 62500) % 4}.${Math.floor(i / 250) % 250}.${1 + (i % 250)}`
      }

/** One vsftpd session with log_ftp_protocol=YES; returns its lines. */
function vsftpdSession() {
  const pid = 1000 + Math.floor(rand() * 60000)
  const client = ip()
  const user = pick(USERS)
  const L = []
  const line = (p, u, body) => L.push(`${vsTime()} [pid ${p}] ${u ? `[${u}] ` : ''}${body}`)
  const resp = (p, u, r) => line(p, u, `FTP response: Client "${client}", "${r}"`)
  const cmd = (p, u, c) => line(p, u, `FTP command: Client "${client}", "${c}"`)
  line(pid, null, `CONNECT: Client "${client}"`)
  if (rand() < 0.01) {
    resp(pid, null, '421 There are too many connections from your internet address.')
    return L
  }
  resp(pid, null, '220 (vsFTPd 3.0.3)')
  cmd(pid, null, `USER ${user}`)
  resp(pid, user, '331 Please specify the password.')
  cmd(pid, user, 'PASS <password>')
  if (rand() < 0.05) {
    line(pid - 1, user, `FAIL LOGIN: Client "${client}"`)
    resp(pid, user, '530 Login incorrect.')
    return L
  }
  line(pid - 1, user, `OK LOGIN: Client "${client}"`)
  const p2 = pid + 1
  resp(p2, user, '230 Login successful.')
  cmd(p2, user, 'TYPE I')
  resp(p2, user, '200 Switching to Binary mode.')
  const n = 1 + Math.floor(rand() * 6)
  for (let i = 0; i < n; i++) {
    t += Math.floor(rand() * 2000)
    cmd(p2, user, 'PASV')
    resp(p2, user, `227 Entering Passive Mode (10,0,0,1,${100 + Math.floor(rand() * 50)},${Math.floor(rand() * 250)}).`)
    const file = pick(FILES)
    const up = rand() < 0.3
    cmd(p2, user, `${up ? 'STOR' : 'RETR'} ${file}`)
    resp(p2, user, up ? '150 Ok to send data.' : `150 Opening BINARY mode data connection for ${file} (${Math.floor(rand() * 1e7)} bytes).`)
    const bytes = Math.floor(rand() * 1e7)
    const r = rand()
    if (r < 0.01) {
      line(p2, user, `FAIL ${up ? 'UPLOAD' : 'DOWNLOAD'}: Client "${client}", "${file}", ${bytes} bytes, 812.20Kbyte/sec`)
      resp(p2, user, up ? '426 Failure reading network stream.' : '426 Failure writing network stream.')
    } else {
      line(p2, user, `OK ${up ? 'UPLOAD' : 'DOWNLOAD'}: Client "${client}", "${file}", ${bytes} bytes, 9812.20Kbyte/sec`)
      resp(p2, user, '226 Transfer complete.')
    }
  }
  if (rand() < 0.1) resp(p2, user, '421 Timeout.')
  else {
    cmd(p2, user, 'QUIT')
    resp(p2, user, '221 Goodbye.')
  }
  return L
}

function xferlogLine() {
  const complete = rand() < 0.98 ? 'c' : 'i'
  return `${vsTime()} ${Math.floor(rand() * 30)} ${ip()} ${Math.floor(rand() * 1e7)} ${pick(FILES).replace(/ /g, '_')} b _ ${rand() < 0.3 ? 'i' : 'o'} r ${pick(USERS)} ftp 0 * ${complete}`
}

/**
 * ProFTPD ExtendedLog (default LogFormat '%h %l %u %t "%r" %s %b') and IIS W3C lines come from
 * sessions: a client logs in, lists, moves files and quits (or is timed out), and about a dozen
 * sessions are active at once, so their lines interleave as on a real server.
 */
function* commandSession() {
  const client = ip()
  const user = pick(USERS)
  const session = Array.from({ length: 4 }, () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0')).join('-')
  const step = (u, verb, arg, code, bytes = 0) => ({ client, session, user: u, verb, arg, code, bytes })
  yield step('-', 'USER', user, 331)
  if (rand() < 0.05) {
    yield step('-', 'PASS', '(hidden)', 530)
    return
  }
  yield step(user, 'PASS', '(hidden)', 230)
  yield step(user, 'TYPE', 'I', 200)
  const n = 1 + Math.floor(rand() * 6)
  for (let i = 0; i < n; i++) {
    const file = pick(FILES)
    yield step(user, 'PASV', '', 227)
    if (rand() < 0.3) yield step(user, 'LIST', file.slice(0, file.lastIndexOf('/') + 1), 226, Math.floor(rand() * 4000))
    const up = rand() < 0.3
    yield step(user, up ? 'STOR' : 'RETR', file, rand() < 0.01 ? 426 : 226, Math.floor(rand() * 1e7))
  }
  if (rand() < 0.1) yield step(user, 'NOOP', '', 421)
  else yield step(user, 'QUIT', '', 221)
}

const active = []
/** The next command of one of the active sessions, picked at random. */
function nextCommand() {
  while (active.length < 12) active.push(commandSession())
  const i = Math.floor(rand() * active.length)
  const step = active[i].next()
  if (step.done) {
    active.splice(i, 1)
    return nextCommand()
  }
  t += Math.floor(rand() * 400)
  return step.value
}

function extendedLine() {
  const c = nextCommand()
  return `${c.client} UNKNOWN ${c.user} [${clfTime()}] "${c.verb}${c.arg ? ` ${c.arg}` : ''}" ${c.code} ${c.bytes}`
}

function iisLine() {
  const c = nextCommand()
  const d = new Date(t)
  const status = c.code === 426 ? '426 10054 22' : `${c.code} 0 0`
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} ${c.client} ${c.user} 10.0.0.1 21 ${c.verb} ${(c.arg || '-').replace(/ /g, '+')} ${status} ${c.session} -`
}

const stream = out === '-' ? process.stdout : createWriteStream(out)
let written = 0
let buffer = []
const flush = async () => {
  if (buffer.length === 0) return
  if (!stream.write(buffer.join('\n') + '\n')) await once(stream, 'drain')
  buffer = []
}
if (format === 'iis') {
  buffer.push('#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', '#Date: 2024-01-01 00:00:00',
    '#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath')
  written += 4
}
while (written < total) {
  if (format === 'vsftpd' || format === 'xferlog') t += Math.floor(rand() * 3000)
  let ls
  if (format === 'vsftpd') ls = vsftpdSession()
  else if (format === 'xferlog') ls = [xferlogLine()]
  else if (format === 'proftpd-extended') ls = [extendedLine()]
  else if (format === 'iis') ls = [iisLine()]
  else throw new Error(`unknown format ${format}`)
  for (const l of ls) {
    if (written >= total) break
    buffer.push(l)
    written++
  }
  if (buffer.length >= 4096) await flush()
}
await flush()
if (stream !== process.stdout) {
  stream.end()
  await once(stream, 'finish')
}
