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
//   npm run bench -- --repeat 5              runs per measurement (median wall time is shown)
//   FTPLOG_BENCH_CLI=/path/to/dist/cli.js npm run bench   measure another build (before/after)
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
const repeat = Number(opt('repeat', '3'))
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
/** Median wall time of a command. */
function time(cmd, args) {
  const runs = []
  for (let i = 0; i < repeat; i++) {
    const t = performance.now()
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] })
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`)
    runs.push(performance.now() - t)
  }
  return { ms: median(runs) }
}
/** Runs ftplog through bench-child (fresh process per run): median wall time, CPU, peak RSS. */
function timeFtplog(args) {
  const runs = []
  for (let i = 0; i < repeat; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, [join('scripts', 'bench-child.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    const wall = performance.now() - t
    if (r.status !== 0) throw new Error(`bench-child failed: ${r.stderr}`)
    runs.push({ ...JSON.parse(r.stdout), wall })
  }
  const exit = runs[0].code
  return { ms: median(runs.map((r) => r.wall)), cpuMs: median(runs.map((r) => r.cpuMs)), maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)), exit }
}
const analyze = (files, extra = []) => ['analyze', ...files, '-f', 'json', '--fail-on', 'none', '--no-progress', ...extra]
function warm(file) {
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] })
}

function header(title) {
  console.log(`\n${title}`)
  console.log(`${'tool'.padEnd(34)}${'wall'.padStart(8)}${'cpu'.padStart(8)}${'lines/s'.padStart(12)}${'MB/s'.padStart(7)}${'peak RSS'.padStart(10)}${'× awk'.padStart(8)}`)
}
function row(name, r, n, bytes, awkMs) {
  const s = r.ms / 1000
  console.log(
    `${name.padEnd(34)}${`${s.toFixed(2)} s`.padStart(8)}${(r.cpuMs !== undefined ? `${(r.cpuMs / 1000).toFixed(2)} s` : '').padStart(8)}` +
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
    `median of ${repeat} runs${process.env.FTPLOG_BENCH_CLI ? `, build ${process.env.FTPLOG_BENCH_CLI}` : ''}`,
)
console.log('wall = elapsed time of a fresh process (startup included); cpu = its CPU time (all threads); × awk = wall / awk field pass')

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
  row('ftplog analyze -f json', timeFtplog(analyze([file])), lines, bytes, awkField.ms)
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
  const onPlain = timeFtplog(analyze([file]))
  const onGz = timeFtplog(analyze([gz]))
  row('ftplog (plain file)', onPlain, lines, bytes, awkField.ms)
  row('ftplog (.gz)', onGz, lines, bytes, awkField.ms)
  console.log(`.gz speed = ${((100 * onPlain.ms) / onGz.ms).toFixed(0)}% of plain (wall), ${((100 * onPlain.cpuMs) / onGz.cpuMs).toFixed(0)}% by CPU time`)
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
  const one = timeFtplog(analyze([a, b], ['--jobs', '1']))
  const two = timeFtplog(analyze([a, b], ['--jobs', '2']))
  row('ftplog --jobs 1', one, 2 * lines, bytes)
  row('ftplog --jobs 2', two, 2 * lines, bytes)
  console.log(`speed-up with 2 jobs: ${(one.ms / two.ms).toFixed(2)}× (wall)`)

  const big = generate('vsftpd', bigLines)
  const bigBytes = statSync(big).size
  warm(big)
  header(`memory: vsftpd ${bigLines.toLocaleString('en-US')} lines, ${mib(bigBytes)} MiB (1 run)`)
  const r = (() => {
    const t = performance.now()
    const out = execFileSync(process.execPath, [join('scripts', 'bench-child.mjs'), ...analyze([big])], { encoding: 'utf8' })
    return { ...JSON.parse(out), ms: performance.now() - t }
  })()
  row('ftplog analyze -f json', r, bigLines, bigBytes)
}
