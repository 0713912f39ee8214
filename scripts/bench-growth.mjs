#!/usr/bin/env node
// ReDoS growth check (part of `npm run bench`, never of `npm test`: it measures time). recheck in
// the test suite proves every pattern safe statically; this checks the same thing end to end on
// the bundled code: for every bundled log format, adversarial lines of 64 KiB and of 1 MiB go
// through the compiled format's parse() (every pattern, wrapper and envelope it tries), and every
// catalog pattern runs on adversarial texts. Time must grow about linearly with the line: 16× the
// length may take at most GROWTH_LIMIT× the time (a quadratic pattern takes ~256×), counting a
// 64 KiB time as at least FLOOR_MS and only 1 MiB lines over MIN_LARGE_MS. Prints the slowest
// shapes; exits 1 and names the offenders when a ratio is over the limit.
//
//   node scripts/bench-growth.mjs            (npm run bench runs it last; npm run bench -- --growth runs only it)
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'tsup'

/**
 * 16× the length may cost at most this many times the time: linear is ~16× (more when 1 MiB no
 * longer fits the CPU caches), quadratic ~256×; 64 is the geometric middle.
 */
export const GROWTH_LIMIT = 64
/**
 * Times under this are timer noise and fixed costs (a pattern failing on the first characters does
 * not scan the line at all), so the ratio is taken against at least this much.
 */
const FLOOR_MS = 0.5
/**
 * A 1 MiB line must also take at least this long to count as super-linear: a linear pattern takes
 * tens of ms on a busy machine, a quadratic one seconds.
 */
const MIN_LARGE_MS = 500
/** Over this on 64 KiB, a shape is super-linear without trying 1 MiB. */
const SLOW_SMALL_MS = 250
const SMALL = 64 * 1024
const LARGE = 1024 * 1024

// compileLogFormat is not public (src/index.ts), so the check bundles what it needs from src/ the
// way `npm run build` does, into .bench/growth/ (inside the repository, so node_modules resolve).
const root = new URL('..', import.meta.url).pathname
const out = join(root, '.bench', 'growth')
mkdirSync(out, { recursive: true })
writeFileSync(
  join(out, 'entry.ts'),
  ['compileLogFormat } from \'../../src/log-formats/compile.js', 'createLogFormatRegistry } from \'../../src/log-formats/registry.js', 'createCatalog } from \'../../src/catalog/catalog.js']
    .map((e) => `export { ${e}'\n`)
    .join(''),
)
await build({ entry: { lib: join(out, 'entry.ts') }, outDir: out, format: ['esm'], target: 'node20', silent: true, config: false, dts: false, clean: false })
const lib = await import(pathToFileURL(join(out, 'lib.js')).href)

/** Fastest of `runs` timings of fn (ms per call); a fast call is repeated until the run takes ≥ 20 ms. */
function timeOf(fn, runs = 3) {
  let best = Infinity
  for (let r = 0; r < runs; r++) {
    let n = 0
    const t0 = performance.now()
    let ms = 0
    do {
      fn()
      n++
      ms = performance.now() - t0
    } while (ms < 20 && n < 10_000)
    best = Math.min(best, ms / n)
  }
  return best
}

// Characters that patterns repeat (blanks, word and digit characters, quotes, brackets, separators)
// and line terminators other than \n, which make `.*$` fail at the very end of a long line.
const RUN_CHARS = [' ', '\t', 'a', '0', '"', '[', ':', '.']
const TAILS = ['', '\u2028', '\r!', '\u0000']

/**
 * Adversarial lines of about `size` characters built from a real line: a run of one character
 * spliced in at field boundaries, the line's own fields repeated, each with endings that fail.
 */
function shapes(sample, size) {
  const out = []
  const cuts = [0]
  for (let i = 1; i < sample.length; i++) if (' "[]:,='.includes(sample[i])) cuts.push(i)
  const step = Math.max(1, Math.ceil(cuts.length / 3))
  for (let j = 0; j < cuts.length; j += step) {
    const k = cuts[j]
    RUN_CHARS.forEach((c, n) => {
      const line = sample.slice(0, k) + c.repeat(size - sample.length) + sample.slice(k)
      // Each run also with an ending that fails the pattern, the tails taken in turn.
      const tail = TAILS[1 + (n % (TAILS.length - 1))]
      out.push({ name: `run of ${JSON.stringify(c)} at ${k}`, line }, { name: `run of ${JSON.stringify(c)} at ${k} + ${JSON.stringify(tail)}`, line: line + tail })
    })
    // The line's own text from this boundary repeated (field after field after field …).
    const unit = sample.slice(k, cuts[j + 1] ?? sample.length) || sample
    for (const tail of TAILS) out.push({ name: `${JSON.stringify(unit.slice(0, 20))} repeated at ${k}${tail ? ` + ${JSON.stringify(tail)}` : ''}`, line: sample.slice(0, k) + unit.repeat(Math.ceil((size - sample.length) / unit.length)) + tail })
  }
  for (const tail of TAILS.slice(1)) out.push({ name: `line + spaces + ${JSON.stringify(tail)}`, line: sample + ' '.repeat(size - sample.length) + tail })
  return out
}

const results = []
const check = (owner, sample, run) => {
  const small = shapes(sample, SMALL)
  const large = shapes(sample, LARGE)
  for (let i = 0; i < small.length; i++) {
    const a = timeOf(() => run(small[i].line), 3)
    // Super-linear already at 64 KiB (a quadratic pattern takes seconds there): 1 MiB would take minutes.
    const b = a > SLOW_SMALL_MS ? Infinity : timeOf(() => run(large[i].line), 3)
    results.push({ owner, shape: small[i].name, small: a, large: b, ratio: b / Math.max(a, FLOOR_MS) })
  }
}

const started = performance.now()
// The check must see a quadratic pattern: an unanchored \s+$ on a run of blanks, 1 KiB vs 16 KiB.
{
  const blanks = (n) => `a${' '.repeat(n)}b`
  const [short, long] = [blanks(1024), blanks(16 * 1024)]
  const ratio = timeOf(() => /\s+$/.exec(long), 1) / timeOf(() => /\s+$/.exec(short), 1)
  if (!(ratio > GROWTH_LIMIT)) {
    console.log(`growth check cannot see the quadratic /\\s+$/ (16× the length took ${ratio.toFixed(1)}× the time): fix scripts/bench-growth.mjs`)
    process.exit(1)
  }
}
const registry = lib.createLogFormatRegistry()
const time = { timeZone: 'UTC', year: 2024 }
for (const def of registry.list()) {
  const format = lib.compileLogFormat(def, time)
  for (const sample of def.samples.slice(0, 2)) {
    check(`log format ${def.name}`, sample.line, (line) => {
      format.reset()
      for (const c of sample.context ?? []) format.parse(c, 0)
      format.parse(line, 1)
    })
  }
}
const catalog = lib.createCatalog()
for (const m of catalog.messages) {
  const re = new RegExp(m.pattern, 'iu')
  check(`catalog ${m.id}`, m.samples[0] ?? m.pattern, (text) => re.exec(text))
}

results.sort((x, y) => y.ratio - x.ratio)
const over = results.filter((r) => r.ratio > GROWTH_LIMIT && r.large > MIN_LARGE_MS)
console.log(`\n== ReDoS growth: ${results.length} adversarial line shapes, 64 KiB vs 1 MiB (16× longer), limit ${GROWTH_LIMIT}× the time; ${((performance.now() - started) / 1000).toFixed(0)} s`)
// The slowest 1 MiB lines, with their 64 KiB times: what the check is about.
for (const r of [...results].sort((x, y) => y.large - x.large).slice(0, 5)) {
  console.log(`${r.ratio.toFixed(1).padStart(7)}×  ${r.small.toFixed(2).padStart(8)} ms → ${r.large.toFixed(2).padStart(9)} ms  ${r.owner}: ${r.shape}`)
}
if (over.length > 0) {
  for (const r of over.slice(0, 20)) console.log(`super-linear: ${r.owner}: ${r.shape}: ${r.small.toFixed(2)} ms → ${r.large.toFixed(2)} ms`)
  console.log(`growth check FAILED: ${over.length} shape(s) grow faster than ${GROWTH_LIMIT}× for 16× the length (super-linear)`)
  process.exitCode = 1
} else {
  console.log('growth check passed: every shape grows about linearly')
}
