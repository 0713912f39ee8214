import { mkdirSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'tsup'
import { ROOT } from './paths.js'

/**
 * Bundles the analysis worker entry the way `npm run build` does (worker threads run JavaScript)
 * into a fresh folder under test-output/ (git-ignored, inside the repository so the bundle
 * resolves node_modules), with any `also` entries beside it (name → source file; `cli` for the
 * binary's tests). Returns that folder and the worker's URL; the caller removes the folder.
 */
export async function bundleWorker(prefix: string, also: Record<string, string> = {}): Promise<{ dir: string; workerUrl: URL }> {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true })
  const dir = mkdtempSync(join(ROOT, 'test-output', `${prefix}-`))
  await build({
    entry: { ...also, 'analyze-worker': join(ROOT, 'src/analyze/analyze-worker.ts') },
    outDir: join(dir, 'dist'),
    format: ['esm'],
    target: 'node20',
    silent: true,
    config: false,
    dts: false,
  })
  return { dir, workerUrl: pathToFileURL(join(dir, 'dist', 'analyze-worker.js')) }
}
