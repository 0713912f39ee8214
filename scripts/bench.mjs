#!/usr/bin/env node
// ftplog benchmark. Not a test: numbers depend on the machine, so every figure is printed beside
// baselines measured in the same run (wc -l and one-line awk passes over the same file), and the
// ratios are what to compare across machines.
//
//   npm run bench                            everything below (a few minutes; generated files are
//                                            cached in .bench/)
//   npm run bench -- --quick                 1M-line tables only (no 10M run, no parallel run)
//   npm run bench -- --lines 5000000         other input size for the per-format tables
//   npm run bench -- --formats vsftpd,xferlog
//   npm run bench -- --repeat 5              runs per measurement (default 5; best and median shown)
//   FTPLOG_BENCH_CLI=/path/to/dist/cli.js npm run bench   measure another build instead
//   npm run bench -- --compare /path/to/other/dist/cli.js  also time another build (e.g. an older
//                                            commit's), run for run alternating with this one
//
// Sections:
//   1. per log format (vsftpd protocol log, xferlog, ProFTPD ExtendedLog, IIS W3C): wc -l, awk NR,
//      an awk field pass, ftplog analyze -f json; lines/s, MB/s, peak RSS, ratio to the awk pass
//   2. gzip: the same files gzipped; ftplog on .gz against ftplog on the plain file, and zcat|awk
//   3. parallel: two large files with --jobs 1 and --jobs 2 (worker threads)
//   4. memory: peak RSS over a 10M-line vsftpd log
import { execFileSync, spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'

const argv = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : fallback
}
const quick = argv.includes('--quick')
const lines = Number(opt('lines', '1000000'))
const bigLines = Number(opt('big-lines', '10000000'))
const formats = opt('formats', 'vsftpd,xferlog,proftpd-extended,iis').split(',')
const repeat = Number(opt('repeat', '5'))
const compare = opt('compare', undefined)
const dir = join(process.cwd(), '.bench')
mkdirSync(dir, { recursive: true })

// awk passes doing comparable field work: split each line and count reply codes or completion
// status, the kind of one-liner admins write.
const AWK_FIELD = {
  vsftpd: ['-F"', '/FTP response/ { split($4, a, " "); c[a[1]]++ } END { for (k in c) print k, c[k] }'],
  xferlog: ['{ c[$NF]++; b[$12] += $8 } END { for (k in c) print k, c[k] }'],
  'proftpd-extended': ['{ c[$(NF-1)]++ } END { for (k in c) print k, c[k] }'],
  iis: ['$1 !~ /^#/ { c[$9]++ } END { for (k in c) print k, c[k] }'],
}
// Which `ftplog formats` names read each generated log (the IIS log format may not be in this build).
const LOG_FORMAT_PREFIX = { vsftpd: 'vsftpd', xferlog: 'xferlog', 'proftpd-extended': 'proftpd-extended', iis: 'iis' }

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
// On a machine shared with other work, the fastest of several runs is the least disturbed one;
// the median is shown beside it. Both apply to every tool alike.
const best = (xs) => Math.min(...xs)
const mib = (bytes) => (bytes / 1048576).toFixed(1)

// Bumped when a generator changes, so cached files are made again.
const GENERATOR_VERSION = { vsftpd: 1, xferlog: 1, 'proftpd-extended': 2, iis: 2 }
function generate(format, n) {
  const file = join(dir, `${format}-${n}${GENERATOR_VERSION[format] > 1 ? `-g${GENERATOR_VERSION[format]}` : ''}.log`)
  if (!existsSync(file)) execFileSync(process.execPath, [join('scripts', 'generate-logs.mjs'), format, String(n), file])
  return file
}
async function gzipped(file) {
  const gz = `${file}.gz`
  if (!existsSync(gz)) await pipeline(createReadStream(file), createGzip({ level: 6 }), createWriteStream(gz))
  return gz
}
/** Wall time of a command: best and median of `repeat` runs. */
function time(cmd, args) {
  const runs = []
  for (let i = 0; i < repeat; i++) {
    const t = performance.now()
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] })
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`)
    runs.push(performance.now() - t)
  }
  return { ms: best(runs), medianMs: median(runs) }
}
/** One ftplog run through bench-child (a fresh process): wall time, CPU, peak RSS, exit code. */
function ftplogOnce(args, cli = process.env.FTPLOG_BENCH_CLI) {
  const t = performance.now()
  const env = cli ? { ...process.env, FTPLOG_BENCH_CLI: cli } : process.env
  const r = spawnSync(process.execPath, [join('scripts', 'bench-child.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env })
  const wall = performance.now() - t
  if (r.status !== 0) throw new Error(`bench-child failed: ${r.stderr}`)
  return { ...JSON.parse(r.stdout), wall }
}
function summarize(runs) {
  const fastest = runs.reduce((a, b) => (b.wall < a.wall ? b : a))
  return { ms: fastest.wall, medianMs: median(runs.map((r) => r.wall)), cpuMs: fastest.cpuMs, maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)), exit: runs[0].code }
}
/**
 * Times ftplog runs, alternating them run by run so disturbances hit all alike. Each entry is an
 * argument list, or `[args, cli]` for another build.
 */
function timeFtplog(...entries) {
  const runs = entries.map(() => [])
  for (let i = 0; i < repeat; i++) {
    entries.forEach((e, k) => runs[k].push(typeof e[1] === 'string' && Array.isArray(e[0]) ? ftplogOnce(e[0], e[1]) : ftplogOnce(e)))
  }
  return runs.map(summarize)
}
const analyze = (files, extra = []) => ['analyze', ...files, '-f', 'json', '--fail-on', 'none', '--no-progress', ...extra]
function warm(file) {
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] })
}

function header(title) {
  console.log(`\n${title}`)
  console.log(`${'tool'.padEnd(30)}${'wall'.padStart(8)}${'median'.padStart(8)}${'cpu'.padStart(8)}${'lines/s'.padStart(12)}${'MB/s'.padStart(7)}${'peak RSS'.padStart(10)}${'× awk'.padStart(8)}`)
}
function row(name, r, n, bytes, awkMs) {
  const s = r.ms / 1000
  const secs = (ms) => (ms !== undefined ? `${(ms / 1000).toFixed(2)} s` : '')
  console.log(
    `${name.padEnd(30)}${secs(r.ms).padStart(8)}${secs(r.medianMs).padStart(8)}${secs(r.cpuMs).padStart(8)}` +
      `${Math.round(n / s).toLocaleString('en-US').padStart(12)}${(bytes / 1e6 / s).toFixed(0).padStart(7)}` +
      `${(r.maxRssKb ? `${Math.round(r.maxRssKb / 1024)} MB` : '').padStart(10)}${(awkMs ? (r.ms / awkMs).toFixed(2) : '').padStart(8)}` +
      `${r.exit !== undefined && r.exit !== 0 ? `  (exit ${r.exit})` : ''}`,
  )
}

const supported = JSON.parse(
  execFileSync(process.execPath, [join('scripts', 'bench-child.mjs'), '--print-stdout', 'formats', '-f', 'json'], { encoding: 'utf8' }),
).map((f) => f.name)
const cpu = cpus()
console.log(
  `ftplog benchmark: node ${process.version}, ${cpu.length} CPU × ${cpu[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ` +
    `best and median of ${repeat} runs${process.env.FTPLOG_BENCH_CLI ? `, build ${process.env.FTPLOG_BENCH_CLI}` : ''}`,
)
console.log(
  `wall = best of ${repeat} runs of a fresh process (startup included), median beside it; cpu = CPU time of the best run (all threads); × awk = wall / awk field pass${compare ? `\n--compare build: ${compare}` : ''}`,
)

const plain = new Map()
for (const format of formats) {
  const file = generate(format, lines)
  const bytes = statSync(file).size
  plain.set(format, file)
  warm(file)
  header(`${format}: ${lines.toLocaleString('en-US')} lines, ${mib(bytes)} MiB`)
  const awkField = time('awk', [...AWK_FIELD[format], file])
  row('wc -l', time('wc', ['-l', file]), lines, bytes, awkField.ms)
  row("awk 'END { print NR }'", time('awk', ['END { print NR }', file]), lines, bytes, awkField.ms)
  row('awk field pass', awkField, lines, bytes, awkField.ms)
  if (!supported.some((name) => name.startsWith(LOG_FORMAT_PREFIX[format]))) {
    console.log(`${'ftplog analyze -f json'.padEnd(34)}  skipped: no ${format} log format in this build (see ftplog formats)`)
    continue
  }
  const [current, other] = timeFtplog(analyze([file]), ...(compare ? [[analyze([file]), compare]] : []))
  row('ftplog analyze -f json', current, lines, bytes, awkField.ms)
  if (other) row('ftplog (--compare build)', other, lines, bytes, awkField.ms)
}

// gzip: ftplog reads .gz by its magic bytes; zlib inflates in the thread pool while lines are parsed.
for (const format of formats.filter((f) => f === 'vsftpd' || f === 'xferlog')) {
  const file = plain.get(format)
  const gz = await gzipped(file)
  const bytes = statSync(file).size
  warm(gz)
  header(`${format}.gz: ${mib(statSync(gz).size)} MiB compressed, ${mib(bytes)} MiB of text`)
  const awkField = time('sh', ['-c', `zcat '${gz}' | awk ${AWK_FIELD[format].map((a) => `'${a}'`).join(' ')}`])
  row('zcat | awk field pass', awkField, lines, bytes, awkField.ms)
  const [onPlain, onGz, otherPlain, otherGz] = timeFtplog(analyze([file]), analyze([gz]), ...(compare ? [[analyze([file]), compare], [analyze([gz]), compare]] : []))
  row('ftplog (plain file)', onPlain, lines, bytes, awkField.ms)
  row('ftplog (.gz)', onGz, lines, bytes, awkField.ms)
  if (otherPlain && otherGz) {
    row('(--compare build) plain file', otherPlain, lines, bytes, awkField.ms)
    row('(--compare build) .gz', otherGz, lines, bytes, awkField.ms)
  }
  console.log(`.gz speed = ${((100 * onPlain.ms) / onGz.ms).toFixed(0)}% of plain (best wall), ${((100 * onPlain.medianMs) / onGz.medianMs).toFixed(0)}% (median wall)`)
}

if (!quick) {
  // Two large inputs: one worker per input with --jobs 2, both in the main thread with --jobs 1.
  const a = generate('vsftpd', lines)
  const b = join(dir, `vsftpd-${lines}-b.log`)
  if (!existsSync(b)) execFileSync(process.execPath, [join('scripts', 'generate-logs.mjs'), 'vsftpd', String(lines), b, '7'])
  const bytes = statSync(a).size + statSync(b).size
  warm(a)
  warm(b)
  header(`parallel: 2 × vsftpd ${lines.toLocaleString('en-US')} lines, ${mib(bytes)} MiB`)
  const [one, two] = timeFtplog(analyze([a, b], ['--jobs', '1']), analyze([a, b], ['--jobs', '2']))
  row('ftplog --jobs 1', one, 2 * lines, bytes)
  row('ftplog --jobs 2', two, 2 * lines, bytes)
  console.log(`speed-up with 2 jobs: ${(one.ms / two.ms).toFixed(2)}× (best wall), ${(one.medianMs / two.medianMs).toFixed(2)}× (median wall)`)

  const big = generate('vsftpd', bigLines)
  const bigBytes = statSync(big).size
  warm(big)
  header(`memory: vsftpd ${bigLines.toLocaleString('en-US')} lines, ${mib(bigBytes)} MiB (1 run)`)
  row('ftplog analyze -f json', summarize([ftplogOnce(analyze([big]))]), bigLines, bigBytes)
  if (compare) row('ftplog (--compare build)', summarize([ftplogOnce(analyze([big]), compare)]), bigLines, bigBytes)
}
