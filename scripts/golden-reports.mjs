#!/usr/bin/env node
// Paths are given relative to the clone so that reports of two clones side by side compare equal.
// Writes the JSON report of every corpus folder (../shared/corpus) and every bundled
// real-server log folder (fixtures/real/*) into OUTDIR, one file each, so that a refactor
// can be checked byte for byte: run it before and after, then `diff -r BEFORE AFTER`.
// Usage: npm run build && node scripts/golden-reports.mjs OUTDIR
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const out = process.argv[2]
if (!out) {
  console.error('usage: node scripts/golden-reports.mjs OUTDIR')
  process.exit(2)
}
mkdirSync(out, { recursive: true })
const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'bin/ftplog.js')
const targets = []
const corpus = resolve(root, '../shared/corpus')
if (existsSync(corpus)) {
  for (const name of readdirSync(corpus).sort()) {
    const p = join(corpus, name)
    if (statSync(p).isDirectory()) targets.push([`corpus-${name}`, `../shared/corpus/${name}`])
  }
}
for (const name of readdirSync(join(root, 'fixtures/real')).sort()) {
  const dir = join(root, 'fixtures/real', name)
  if (!statSync(dir).isDirectory()) continue
  for (const file of readdirSync(dir).sort()) {
    if (/\.(log)$|^xferlog$/.test(file)) targets.push([`real-${name}-${file}`, `fixtures/real/${name}/${file}`])
  }
}
for (const [id, path] of targets) {
  let stdout
  try {
    stdout = execFileSync(process.execPath, [bin, 'analyze', path, '-f', 'json', '--fail-on', 'none', '--year', '2024', '--jobs', '1', '--no-progress'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (error) {
    stdout = `exit ${error.status}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`
  }
  writeFileSync(join(out, `${id}.json`), stdout)
}
console.log(`${targets.length} reports written to ${out}`)
