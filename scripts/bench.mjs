#!/usr/bin/env node
// ftplog's benchmark (issue 15): ftplog side by side with its peers on generated, real-shaped logs,
// each comparison measured as interleaved pairs (A B A B …) and stated as the median and min–max
// of the pairs' ratios. Not a test: docs/performance.md explains every row and how to read it.
//
//   npm run bench                         every row, then the ReDoS growth check (bench-growth.mjs)
//   npm run bench -- --quick              without the 10M-line memory row and the growth check
//   npm run bench -- --runs 5             pairs per comparison (default 10)
//   npm run bench -- --lines 200000       input size of the per-format rows (default 1000000)
//   npm run bench -- --formats vsftpd,xferlog
//   npm run bench -- --compare ../other   also this build against another checkout's (or its dist/cli.js)
//   npm run bench -- --check docs/performance.md
//                                         rerun what FILE states and say whether each median falls
//                                         within the spread FILE gives it; exit 1 if one does not
//   npm run bench -- --growth             only the ReDoS growth check
//
// Writes .bench/results.md (for docs/performance.md) and .bench/headline.md (for README.md).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { checkResults, formatCount, formatSpread, formatTarget, pairRatios, parseResults, parseRerunArgs, renderTable, spread, verdict } from './bench-stats.mjs'

const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const OPTIONS = {
  quick: { type: 'boolean', default: false },
  runs: { type: 'string', default: '10' },
  lines: { type: 'string', default: '1000000' },
  'big-lines': { type: 'string', default: '10000000' },
  'big-runs': { type: 'string', default: '3' },
  formats: { type: 'string', default: 'vsftpd,xferlog,proftpd-extended,iis' },
  compare: { type: 'string' },
  check: { type: 'string' },
  growth: { type: 'boolean', default: false },
  'no-growth': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
}
const cliArgs = process.argv.slice(2)
const first = options(cliArgs)
if (first.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 17).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'))
  process.exit(0)
}
if (first.growth) process.exit(growthCheck())

// --check FILE reruns with the options FILE states (its `Command:` line); options given here win.
const checkFile = first.check
const stated = checkFile ? parseResults(readFileSync(checkFile, 'utf8')) : undefined
if (stated && stated.size === 0) fail(`${checkFile} states no results table (a table with a "median (min–max)" column)`)
const fileArgs = checkFile ? (parseRerunArgs(readFileSync(checkFile, 'utf8')) ?? []) : []
const opts = options([...fileArgs.filter((a) => a !== '--check'), ...cliArgs])
const runs = positive('runs', opts.runs)
const lines = positive('lines', opts.lines)
const bigLines = positive('big-lines', opts['big-lines'])
const bigRuns = positive('big-runs', opts['big-runs'])
const formats = opts.formats.split(',').filter(Boolean)
/** The options that shape the results, as the `Command:` line states them for a rerun. */
const commandArgs = [
  ...(opts.quick ? ['--quick'] : []),
  ...(runs !== 10 ? ['--runs', String(runs)] : []),
  ...(lines !== 1e6 ? ['--lines', String(lines)] : []),
  ...(bigLines !== 1e7 ? ['--big-lines', String(bigLines)] : []),
  ...(bigRuns !== 3 ? ['--big-runs', String(bigRuns)] : []),
  ...(opts.formats !== OPTIONS.formats.default ? ['--formats', opts.formats] : []),
]

/** The options given, or exit 2 with a one-line message (see --help). */
function options(args) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true }).values
  } catch (e) {
    return fail(`${e.message} (npm run bench -- --help lists the options)`)
  }
}
function positive(name, text) {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) fail(`--${name} needs a whole number ≥ 1, not ${JSON.stringify(text)}`)
  return n
}
function fail(message) {
  console.error(`bench: ${message}`)
  process.exit(2)
}

const dir = join(root, '.bench')
const scratch = join(dir, 'scratch')
mkdirSync(scratch, { recursive: true })
const BIN = join(root, 'bin', 'ftplog.js')
if (!existsSync(join(root, 'dist', 'cli.js'))) fail('no build in dist/: run `npm run build` (npm run bench builds it)')
const otherBin = opts.compare ? compareBin(opts.compare) : undefined

/** bin/ftplog.js of the checkout --compare names (the checkout itself or its dist/cli.js). */
function compareBin(path) {
  const checkout = path.endsWith('.js') ? resolve(dirname(path), '..') : resolve(path)
  const bin = join(checkout, 'bin', 'ftplog.js')
  if (!existsSync(bin) || !existsSync(join(checkout, 'dist', 'cli.js'))) fail(`--compare ${path}: no bin/ftplog.js and dist/cli.js in ${checkout} (build it first)`)
  return bin
}

/** A program on PATH, or undefined. */
function which(name) {
  for (const d of (process.env.PATH ?? '').split(delimiter)) if (d && existsSync(join(d, name))) return join(d, name)
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Inputs: deterministic generated logs, cached in .bench/ (scripts/generate-logs.mjs).

const LOG_NAME = { vsftpd: 'vsftpd protocol log', xferlog: 'xferlog', 'proftpd-extended': 'ProFTPD ExtendedLog', iis: 'IIS FTP W3C log' }
for (const f of formats) if (!LOG_NAME[f]) fail(`--formats: unknown ${JSON.stringify(f)} (known: ${Object.keys(LOG_NAME).join(', ')})`)
// Bumped when a generator changes, so cached files are made again.
const GENERATOR_VERSION = { vsftpd: 1, xferlog: 1, 'proftpd-extended': 2, iis: 2 }
/** While set, groups are only asked for their rows: no file is generated, read or gzipped. */
let planning = false
function generate(format, n, seed = 42, clients = undefined) {
  const g = GENERATOR_VERSION[format]
  const file = join(dir, `${format}-${n}${seed !== 42 ? `-s${seed}` : ''}${clients ? `-c${clients}` : ''}${g > 1 ? `-g${g}` : ''}.log`)
  if (!planning && !existsSync(file)) {
    console.log(`generating ${file} …`)
    execFileSync(process.execPath, [join(root, 'scripts', 'generate-logs.mjs'), format, String(n), file, String(seed), ...(clients ? [String(clients)] : [])])
  }
  return file
}
/** The file's pages into the page cache, so no row measures the disk. */
function warm(file) {
  if (!planning) spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] })
}
function gzipped(file) {
  const gz = `${file}.gz`
  if (!planning && !existsSync(gz)) execFileSync('sh', ['-c', `gzip -6 -c '${file}' > '${gz}.tmp' && mv '${gz}.tmp' '${gz}'`])
  return gz
}

// ---------------------------------------------------------------------------------------------
// One run: wall time measured here, user + system CPU time and peak RSS by GNU time.

const TIME = '/usr/bin/time'
const hasTime = existsSync(TIME)
let ownCpuMs = 0
function measure(m) {
  m.prepare?.()
  const out = join(scratch, 'time.txt')
  const [cmd, args] = hasTime ? [TIME, ['-f', '%U %S %M', '-o', out, m.cmd, ...m.args]] : [m.cmd, m.args]
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 })
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) fail(`${m.name} failed (exit ${r.status ?? r.signal}): ${m.cmd} ${m.args.join(' ')}\n${String(r.stderr).slice(-2000)}`)
  if (!hasTime) return { wallMs }
  const [user, sys, rssKb] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
  const cpuMs = (user + sys) * 1000
  ownCpuMs += cpuMs
  return { wallMs, cpuMs, rssKb }
}

/** CPU time all processes of the machine used so far (ms), from /proc/stat; undefined elsewhere. */
function machineBusyMs() {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = f.map(Number)
    return ((user + nice + system + irq + softirq + (steal ?? 0)) * 1000) / 100 // USER_HZ is 100 on Linux
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// What is compared. A group is a set of commands run round-robin, `runs` rounds; each row is a
// ratio of two of its members over the same rounds (pair i = round i), or one member's peak RSS.

const ftplog = (name, files, extra = [], bin = BIN) => ({
  name,
  ftplog: true,
  cmd: process.execPath,
  args: [bin, 'analyze', ...files, '-f', 'json', '--fail-on', 'none', '--no-progress', ...extra],
})
// awk passes doing comparable field work: split each line and count reply codes or completion
// status, the kind of one-liner admins write.
const AWK_FIELD = {
  vsftpd: ['-F"', '/FTP response/ { split($4, a, " "); c[a[1]]++ } END { for (k in c) print k, c[k] }'],
  xferlog: ['{ c[$NF]++; b[$12] += $8 } END { for (k in c) print k, c[k] }'],
  'proftpd-extended': ['{ c[$(NF-1)]++ } END { for (k in c) print k, c[k] }'],
  iis: ['$1 !~ /^#/ { c[$9]++ } END { for (k in c) print k, c[k] }'],
}
const awk = (awkName, format, file) => ({ name: `${awkName} field pass`, cmd: awkName, args: [...AWK_FIELD[format], file] })

/** Webalizer in FTP mode with its own config: output to a scratch folder emptied before each run, no DNS, no GeoIP, quiet. */
function webalizer(file) {
  const out = join(scratch, 'webalizer')
  const conf = join(scratch, 'webalizer.conf')
  writeFileSync(conf, [`LogType ftp`, `OutputDir ${out}`, `HistoryName ${join(out, 'webalizer.hist')}`, 'Incremental no', 'DNSChildren 0', 'GeoDB no', 'GeoIP no', 'Quiet yes', 'ReallyQuiet yes', ''].join('\n'))
  return {
    name: 'Webalizer',
    cmd: 'webalizer',
    args: ['-c', conf, '-F', 'ftp', '-o', out, file],
    prepare: () => {
      rmSync(out, { recursive: true, force: true })
      mkdirSync(out)
    },
  }
}
/** ftpstats, where installed: FTPLOG_BENCH_FTPSTATS is its command line with `{}` for the file (default `ftpstats {}`). */
function ftpstats(file) {
  const words = (process.env.FTPLOG_BENCH_FTPSTATS ?? 'ftpstats {}').split(/\s+/).filter(Boolean)
  if (!words[0].includes('/') && !which(words[0])) return undefined
  return { name: 'ftpstats', cmd: words[0], args: words.slice(1).map((w) => (w === '{}' ? file : w)) }
}

/** Distinct client addresses in the second xferlog, the one of a server with few clients. */
const FEW_CLIENTS = 250
const MAWK_TARGET = { op: '<=', value: 4, note: '(stretch 2)' }
const groups = []
const n = formatCount(lines)
const has = (name) => Boolean(which(name))

for (const format of formats) {
  const log = LOG_NAME[format]
  groups.push(() => {
    const file = generate(format, lines)
    warm(file)
    const members = { ftplog: ftplog(`ftplog analyze, ${log}, ${n} lines`, [file]) }
    const rows = []
    for (const a of ['mawk', 'gawk']) {
      if (!has(a)) continue
      members[a] = awk(a, format, file)
      rows.push({ label: `ftplog / ${a} field pass, ${log}, ${n} lines`, num: 'ftplog', den: a, target: a === 'mawk' && (format === 'vsftpd' || format === 'xferlog') ? MAWK_TARGET : undefined })
    }
    if (format === 'vsftpd') {
      const gz = gzipped(file)
      warm(gz)
      members.gz = ftplog(`ftplog analyze, ${log} gzipped, ${n} lines`, [gz])
      rows.push({ label: `ftplog on .gz / on the plain file, ${log}, ${n} lines`, num: 'gz', den: 'ftplog' })
    }
    if (format === 'xferlog') {
      // The generated xferlog has a new client address on most lines, which slows Webalizer's
      // per-host table down several times over; a server with few clients is measured beside it.
      const few = generate(format, lines, 42, FEW_CLIENTS)
      warm(few)
      if (has('webalizer')) {
        members.webalizer = webalizer(file)
        members.ftplogFew = ftplog(`ftplog analyze, xferlog from ${FEW_CLIENTS} clients, ${n} lines`, [few])
        members.webalizerFew = { ...webalizer(few), name: `Webalizer, xferlog from ${FEW_CLIENTS} clients` }
        rows.push(
          { label: `Webalizer / ftplog, xferlog, ${n} lines`, num: 'webalizer', den: 'ftplog', target: { op: '>=', value: 1 } },
          { label: `Webalizer / ftplog, xferlog from ${FEW_CLIENTS} clients, ${n} lines`, num: 'webalizerFew', den: 'ftplogFew', target: { op: '>=', value: 1 } },
        )
      } else rows.push({ label: `Webalizer / ftplog, xferlog, ${n} lines`, skip: 'webalizer not installed' })
      const fs = ftpstats(file)
      if (fs) {
        members.ftpstats = fs
        rows.push({ label: `ftpstats / ftplog, xferlog, ${n} lines`, num: 'ftpstats', den: 'ftplog', target: { op: '>=', value: 1, note: '(ahead of every peer)' } })
      } else rows.push({ label: `ftpstats / ftplog, xferlog, ${n} lines`, skip: 'ftpstats not installed (not packaged in Debian; FTPLOG_BENCH_FTPSTATS gives its command line)' })
    }
    return { title: `${log}, ${n} lines (${mib(file)} MiB)`, members, rows, runs }
  })
}

const jobsRow = (title, label, files, target) => () => {
  const fs = files()
  fs.forEach(warm)
  const members = { one: ftplog(`ftplog --jobs 1, ${title}`, fs, ['--jobs', '1']), two: ftplog(`ftplog --jobs 2, ${title}`, fs, ['--jobs', '2']) }
  const rows = [{ label, num: 'one', den: 'two', target }]
  if (fs.length === 2) {
    // The machine's own ceiling for a second core: the same two analyses as two separate
    // processes, one after the other and then both at once. No thread, message or merge of
    // ftplog's is involved, so `--jobs 2` cannot beat this ratio on this machine.
    const single = fs.map((f) => ftplog('', [f]))
    const line = (m) => [m.cmd, ...m.args].map(shellQuote).join(' ')
    members.after = { name: `two ftplog processes one after the other, ${title}`, cmd: 'sh', args: ['-c', single.map(line).join('; ')] }
    members.together = { name: `two ftplog processes at once, ${title}`, cmd: 'sh', args: ['-c', `${single.map(line).join(' & ')}; wait`] }
    rows.push({ label: `two ftplog processes one after the other / at once, ${title}: the machine's ceiling for the row above`, num: 'after', den: 'together', targetText: 'none (what a second core gives two independent processes)' })
  }
  return { title, members, rows, runs }
}
/** `s` quoted for sh. */
const shellQuote = (s) => (/^[\w./=,:+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`)
groups.push(
  jobsRow(`two vsftpd protocol logs of ${n} lines`, `ftplog --jobs 1 / --jobs 2, two vsftpd protocol logs of ${n} lines`, () => [generate('vsftpd', lines), generate('vsftpd', lines, 7)], { op: '>=', value: 1.6 }),
  jobsRow(`one vsftpd protocol log of ${n} lines`, `ftplog --jobs 1 / --jobs 2, one vsftpd protocol log of ${n} lines`, () => [generate('vsftpd', lines)], { op: '>=', value: 1.5 }),
)
const bigLabel = `peak RSS (MiB) of ftplog, vsftpd protocol log, ${formatCount(bigLines)} lines`
if (!opts.quick) {
  groups.push(() => {
    const file = generate('vsftpd', bigLines)
    warm(file)
    return { title: `vsftpd protocol log, ${formatCount(bigLines)} lines (${mib(file)} MiB)`, members: { ftplog: ftplog(`ftplog analyze, vsftpd protocol log, ${formatCount(bigLines)} lines`, [file]) }, rows: [{ label: bigLabel, rss: 'ftplog', target: { op: '<=', value: 100 } }], runs: bigRuns }
  })
} else groups.push(() => ({ title: 'memory', members: {}, rows: [{ label: bigLabel, skip: 'left out by --quick' }], runs: 0 }))
groups.push(() => ({
  title: 'start-up',
  members: { version: { name: 'ftplog --version', ftplog: true, cmd: process.execPath, args: [BIN, '--version'] }, node: { name: "node -e ''", cmd: process.execPath, args: ['-e', ''] } },
  rows: [{ label: "ftplog --version / node -e ''", num: 'version', den: 'node', targetText: 'close to bare Node (item 3; no figure)' }],
  runs: Math.max(10, 2 * runs),
}))

/** A file's size in MiB, as the group titles give it. */
function mib(file) {
  return existsSync(file) ? (statSync(file).size / 1048576).toFixed(0) : '?'
}

/** With --compare, every ftplog command also runs on the other build, and each gets a row this build / other build. */
function withCompare(g) {
  if (!otherBin) return g
  for (const [key, m] of Object.entries(g.members)) {
    if (!m.ftplog) continue
    g.members[`${key}@other`] = { ...m, name: `${m.name} (--compare build)`, args: m.args.map((a) => (a === BIN ? otherBin : a)) }
    g.rows.push({ label: `this build / --compare build: ${m.name}`, num: key, den: `${key}@other` })
  }
  return g
}

// ---------------------------------------------------------------------------------------------
// Run.

const cpu = cpus()
const loadStart = loadavg()[0]
const busyStart = machineBusyMs()
const started = Date.now()
console.log(`ftplog benchmark: ${runs} interleaved rounds per comparison${checkFile ? `, checking ${checkFile}` : ''}${otherBin ? `, --compare ${otherBin}` : ''}`)
if (!hasTime) console.log(`no ${TIME} (GNU time): CPU time and peak RSS are not measured`)
const results = []
let measuringMs = 0
let busyMeasuringMs = 0
for (const makeGroup of groups) {
  // Under --check only the groups with a row the file states; the others are not run.
  planning = true
  const plan = withCompare(makeGroup())
  planning = false
  if (stated && !plan.rows.some((r) => stated.has(r.label))) continue
  const g = withCompare(makeGroup())
  if (g.rows.every((r) => r.skip)) {
    for (const r of g.rows) results.push(summarize(r, {}))
    continue
  }
  const keys = Object.keys(g.members)
  console.log(`\n${g.title}: ${g.runs} round${g.runs > 1 ? 's' : ''} of ${keys.map((k) => g.members[k].name).join(' · ')}`)
  const samples = Object.fromEntries(keys.map((k) => [k, []]))
  const b0 = machineBusyMs()
  const t0 = Date.now()
  const own0 = ownCpuMs
  for (let i = 0; i < g.runs; i++) {
    for (const k of keys) samples[k].push(measure(g.members[k]))
    process.stdout.write('.')
  }
  process.stdout.write('\n')
  const b1 = machineBusyMs()
  measuringMs += Date.now() - t0
  if (b0 !== undefined && b1 !== undefined) busyMeasuringMs += b1 - b0 - (ownCpuMs - own0)
  for (const row of g.rows) {
    const r = summarize(row, samples)
    results.push(r)
    console.log(`  ${r.label}: ${r.cells[1]}${r.cells[0] !== '—' ? `  target ${r.cells[0]}: ${r.cells[5]}` : ''}`)
  }
}

/** A table row from the samples: median (min–max) of the paired ratios, or of the peak RSS. */
function summarize(row, samples) {
  const secs = (xs) => spread(xs.map((s) => s.wallMs / 1000)).median.toFixed(2)
  if (row.skip) return { ...row, cells: ['—', `skipped: ${row.skip}`, '', '', '', '—'] }
  const peak = (xs) => (hasTime ? (Math.max(...xs.map((s) => s.rssKb)) / 1024).toFixed(0) : '—')
  if (row.rss) {
    const rss = spread(samples[row.rss].map((s) => s.rssKb / 1024))
    return { ...row, value: rss.median, cells: [formatTarget(row.target), formatSpread(rss, 0), '—', secs(samples[row.rss]), '—', verdict(rss, row.target)] }
  }
  const [a, b] = [samples[row.num], samples[row.den]]
  const wall = spread(pairRatios(a.map((s) => s.wallMs), b.map((s) => s.wallMs)))
  // GNU time counts CPU time in 10 ms ticks: a ratio over runs shorter than 0.1 s would be mostly rounding.
  const cpuCell = hasTime && b.every((s) => s.cpuMs >= 100) ? formatSpread(spread(pairRatios(a.map((s) => s.cpuMs), b.map((s) => s.cpuMs)))) : '—'
  return { ...row, value: wall.median, cells: [row.targetText ?? formatTarget(row.target), formatSpread(wall), cpuCell, `${secs(a)} / ${secs(b)}`, `${peak(a)} / ${peak(b)}`, row.targetText ? '—' : verdict(wall, row.target)] }
}

// ---------------------------------------------------------------------------------------------
// Report.

const loadEnd = loadavg()[0]
// Busy CPU time of the machine while measuring, less what the measured commands used: other work.
const otherCores = measuringMs > 0 && busyStart !== undefined ? Math.max(0, busyMeasuringMs) / measuringMs : undefined
const minutes = ((Date.now() - started) / 60000).toFixed(1)
const commit = (() => {
  try {
    const c = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'package.json'], { cwd: root, encoding: 'utf8' }).trim()
    return `${c}${dirty ? ' with uncommitted changes' : ''}`
  } catch {
    return 'unknown'
  }
})()
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
const machine =
  `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${type()} ${release()}, Node ${process.version}; ` +
  `load average ${loadStart.toFixed(2)} at the start, ${loadEnd.toFixed(2)} at the end` +
  (otherCores !== undefined ? `; other processes used ${otherCores.toFixed(2)} cores on average while measuring.` : '.')
const warnings = []
if (loadStart > 0.25 * cpu.length) warnings.push(`the load average was ${loadStart.toFixed(2)} at the start: the machine was not quiet`)
if (otherCores !== undefined && otherCores > 0.2) warnings.push(`other processes used ${otherCores.toFixed(2)} cores while measuring: figures from this run are disturbed; rerun on a quiet machine`)
const command = `npm run bench${commandArgs.length ? ` -- ${commandArgs.join(' ')}` : ''}`
const run = `Run: ftplog ${version} (commit ${commit}), ${new Date().toISOString().slice(0, 10)}, ${minutes} min; each row ${runs} interleaved pairs (${Math.max(10, 2 * runs)} for start-up${opts.quick ? '' : `, ${bigRuns} run${bigRuns > 1 ? 's' : ''} for the ${formatCount(bigLines)}-line row`}), generated logs read from the page cache. Command: \`${command}\``
const table = renderTable(results)
const doc = [machine, '', run, ...warnings.map((w) => `\n**Warning:** ${w}.`), '', table, ''].join('\n')
const headlineRows = results.filter((r) => r.target && r.value !== undefined)
const headline = [
  `Measured on ${cpu.length} cores of ${cpu[0]?.model.trim() ?? 'an unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)} (Command: \`${command}\`): median of interleaved pairs (min–max). Every row, the machine and how to rerun: [docs/performance.md](docs/performance.md).`,
  '',
  `| comparison | median (min–max) | target | met |`,
  '|---|---|---|---|',
  ...headlineRows.map((r) => `| ${r.label} | ${r.cells[1]} | ${r.cells[0]} | ${r.cells[5]} |`),
  '',
].join('\n')

console.log(`\n${doc}`)
let exit = 0
if (stated) {
  const checked = checkResults(stated, new Map(results.filter((r) => r.value !== undefined).map((r) => [r.label, r.value])))
  console.log(`Check against ${checkFile}: does each rerun median fall within the stated min–max?\n`)
  for (const c of checked) {
    const state = c.missing ? 'NOT RERUN' : c.within ? 'within' : 'OUTSIDE'
    const d = c.stated.digits
    console.log(`  ${state.padEnd(9)} ${c.label}: stated ${formatSpread(c.stated, d)}${c.missing ? '' : `, rerun ${c.median.toFixed(d)}`}`)
  }
  const bad = checked.filter((c) => !c.within)
  console.log(bad.length ? `\n${bad.length} of ${checked.length} stated figures not reproduced.` : `\nAll ${checked.length} stated figures reproduced within their spread.`)
  writeFileSync(join(dir, 'check.md'), doc)
  console.log(`This rerun's table: ${join(dir, 'check.md')}`)
  if (bad.length) exit = 1
} else {
  writeFileSync(join(dir, 'results.md'), doc)
  writeFileSync(join(dir, 'headline.md'), headline)
  console.log(`Written: ${join(dir, 'results.md')} (for docs/performance.md) and ${join(dir, 'headline.md')} (for README.md)`)
  if (!opts.quick && !opts['no-growth']) exit = growthCheck()
}
process.exitCode = exit

/** The ReDoS growth check (scripts/bench-growth.mjs) in its own process; its exit code. */
function growthCheck() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench-growth.mjs')], { cwd: root, stdio: 'inherit' })
  return r.status ?? 1
}
