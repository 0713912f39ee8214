#!/usr/bin/env node
// Builds dist/ with tsup only when a source is newer than the build (src/**, package.json,
// tsup.config.ts, tsconfig.json), so `npm start` and `npm run bench` analyse at once when nothing
// changed. `npm run build` always rebuilds.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const built = join(root, 'dist', 'index.js')

/** Newest modification time under `path` (a file or a folder, walked). */
function newest(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

const sources = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'].map((p) => join(root, p)).filter((p) => existsSync(p))
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs
if (stale) execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
