#!/usr/bin/env node
// ftplog benchmark: times a full `ftplog analyze -f json` beside `wc -l` and two one-line awk
// passes over the same generated file, in the same run, and prints lines/s, MB/s, peak RSS and
// the ratio to awk. Not a test: numbers depend on the machine; read them as ratios.
//
//   npm run bench                       1M-line vsftpd protocol log and 1M-line xferlog
//   npm run bench -- --lines 5000000    bigger inputs
//   npm run bench -- --formats vsftpd   one log format
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'

const argv = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : fallback
}
const lines = Number(opt('lines', '1000000'))
const formats = opt('formats', 'vsftpd,xferlog').split(',')
const repeat = Number(opt('repeat', '3'))
const dir = join(process.cwd(), '.bench')
mkdirSync(dir, { recursive: true })

// awk passes: a line count, and a pass that does comparable field work (split each line and
// count reply codes or completion status), the kind of one-liner admins write.
const AWK_FIELD = {
  vsftpd: ['-F"', '/FTP response/ { split($4, a, " "); c[a[1]]++ } END { for (k in c) print k, c[k] }'],
  xferlog: ['{ c[$NF]++; b[$12] += $8 } END { for (k in c) print k, c[k] }'],
  'proftpd-extended': ['{ c[$(NF-1)]++ } END { for (k in c) print k, c[k] }'],
  iis: ['$1 !~ /^#/ { c[$9]++ } END { for (k in c) print k, c[k] }'],
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}
function time(cmd, args) {
  const runs = []
  for (let i = 0; i < repeat; i++) {
    const t = performance.now()
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] })
    if (r.status !== 0) throw new Error(`${cmd} failed`)
    runs.push(performance.now() - t)
  }
  return { ms: median(runs) }
}
function timeFtplog(args) {
  const runs = []
  for (let i = 0; i < repeat; i++) {
    const t = performance.now()
    const out = execFileSync(process.execPath, [join('scripts', 'bench-child.mjs'), ...args], { encoding: 'utf8' })
    const wall = performance.now() - t
    runs.push({ ...JSON.parse(out), wall })
  }
  const ms = median(runs.map((r) => r.wall))
  return { ms, maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)) }
}

const cpu = cpus()
console.log(`ftplog benchmark: node ${process.version}, ${cpu.length} CPU × ${cpu[0]?.model ?? '?'}, median of ${repeat} runs`)
for (const format of formats) {
  const file = join(dir, `${format}-${lines}.log`)
  if (!existsSync(file)) execFileSync(process.execPath, [join('scripts', 'generate-logs.mjs'), format, String(lines), file])
  const bytes = statSync(file).size
  // Warm the page cache so every tool reads from memory.
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] })
  const rows = []
  rows.push(['wc -l', time('wc', ['-l', file])])
  rows.push(["awk 'END { print NR }'", time('awk', ['END { print NR }', file])])
  const awkField = time('awk', [...AWK_FIELD[format], file])
  rows.push(['awk field pass', awkField])
  rows.push(['ftplog analyze -f json', timeFtplog(['analyze', file, '-f', 'json', '--fail-on', 'none', '--no-progress'])])
  console.log(`\n${format}: ${lines.toLocaleString('en-US')} lines, ${(bytes / 1048576).toFixed(1)} MiB (${file})`)
  console.log(`${'tool'.padEnd(26)}${'time'.padStart(9)}${'lines/s'.padStart(12)}${'MB/s'.padStart(8)}${'peak RSS'.padStart(10)}${'× awk'.padStart(8)}`)
  for (const [name, r] of rows) {
    const s = r.ms / 1000
    console.log(
      `${name.padEnd(26)}${`${s.toFixed(2)} s`.padStart(9)}${Math.round(lines / s).toLocaleString('en-US').padStart(12)}` +
        `${(bytes / 1e6 / s).toFixed(0).padStart(8)}${(r.maxRssKb ? `${Math.round(r.maxRssKb / 1024)} MB` : '').padStart(10)}` +
        `${(r.ms / awkField.ms).toFixed(2).padStart(8)}`,
    )
  }
}
console.log('\n× awk is the ratio to the awk field pass (split every line, count reply codes or completion status).')
