import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/paths.js'

/**
 * The layers of `src/`, lowest first (docs/architecture.md explains them). A module may import
 * modules of its own layer directory and of any directory in a LOWER tier; directories that share
 * a tier do not import each other. A top-level file (`errors.ts`, `index.ts`) is its own layer.
 */
const TIERS: readonly (readonly string[])[] = [
  ['notices'],
  ['errors', 'version'],
  ['validate', 'collections'],
  ['model'],
  ['time', 'io', 'replies', 'catalog', 'security'],
  ['log-formats', 'server-config'],
  ['analyze'],
  ['report'],
  ['formatters'],
  ['explain'],
  ['cli'],
  ['index'],
]

const SRC = join(ROOT, 'src')
const tierOf = new Map(TIERS.flatMap((layers, tier) => layers.map((l) => [l, tier] as const)))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** `analyze` for src/analyze/state.ts, `errors` for src/errors.ts. */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split(sep)
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.(ts|js|json)$/, '')
}

/** Every relative module specifier of a file: imports, re-exports, `import type`, `import()`. */
function relativeImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return info.importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.'))
}

const files = sourceFiles(SRC)
const edges = files.flatMap((file) =>
  relativeImports(file).map((spec) => ({ file: relative(ROOT, file), spec, from: layerOf(file), target: resolve(dirname(file), spec) })),
)

describe('layers', () => {
  it('knows every directory and top-level module of src/', () => {
    const layers = [...new Set(files.map(layerOf))].sort()
    expect(layers.filter((l) => !tierOf.has(l))).toEqual([])
    expect(edges.length).toBeGreaterThan(200) // the parser sees the imports
  })

  it('point one way: from a higher tier to a lower one', () => {
    const wrong = edges
      .filter((e) => e.target.startsWith(SRC + sep))
      .map((e) => ({ ...e, to: layerOf(e.target) }))
      .filter((e) => e.from !== e.to && !(tierOf.get(e.to)! < tierOf.get(e.from)!))
      .map((e) => `${e.file} (${e.from}) imports ${e.spec} (${e.to})`)
    expect(wrong).toEqual([])
  })

  it('reach outside src/ only for package.json', () => {
    const outside = edges.filter((e) => !e.target.startsWith(SRC + sep)).map((e) => relative(ROOT, e.target))
    expect([...new Set(outside)]).toEqual(['package.json'])
  })

  it('keep security, io, time and model below the analysis and everything built on it', () => {
    const low = ['security', 'io', 'time', 'model', 'collections']
    const high = ['analyze', 'report', 'formatters', 'cli', 'explain']
    for (const l of low) for (const h of high) expect(tierOf.get(l)!, `${l} below ${h}`).toBeLessThan(tierOf.get(h)!)
  })
})
