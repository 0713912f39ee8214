import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/paths.js'

/**
 * `explain`, `compare`, `codes` and `analyze` (with its worker lanes) start without zod
 * (docs/performance.md, Start-up): their entry modules reach no module importing it through static imports that stay in the bundle. The
 * modules tsup.config.ts's `PRECOMPILED` replaces by their result are leaves, as in the bundle;
 * `import type` and `export type` vanish, while `import { type X }` stays (verbatimModuleSyntax).
 */
const PRECOMPILED = new Set([...readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8').matchAll(/'(src\/[\w/-]+\.ts)':/g)].map((m) => join(ROOT, m[1]!)))

function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const out: string[] = []
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly) out.push((s.moduleSpecifier as ts.StringLiteral).text)
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) out.push((s.moduleSpecifier as ts.StringLiteral).text)
  }
  return out
}

/** The chain from `entry` to a module importing zod, or `undefined` when none is reached. */
function chainToZod(entry: string): string[] | undefined {
  const parent = new Map<string, string | null>([[entry, null]])
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.shift()!
    if (PRECOMPILED.has(file) || !file.endsWith('.ts')) continue
    for (const spec of staticImports(file)) {
      if (spec === 'zod' || spec.startsWith('zod/')) {
        const chain = [file]
        for (let p = parent.get(file); p; p = parent.get(p)) chain.unshift(p)
        return chain.map((f) => relative(ROOT, f))
      }
      if (!spec.startsWith('.')) continue
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'))
      const path = existsSync(target) ? target : resolve(dirname(file), spec)
      if (!parent.has(path)) {
        parent.set(path, file)
        queue.push(path)
      }
    }
  }
  return undefined
}

describe('commands that start without zod', () => {
  for (const command of ['explain', 'compare', 'codes', 'analyze']) {
    it(`${command} reaches no module importing zod`, () => {
      expect(chainToZod(join(ROOT, `src/cli/commands/${command}-action.ts`))).toBeUndefined()
    })
  }

  it('an analysis worker lane reaches no module importing zod', () => {
    expect(chainToZod(join(ROOT, 'src/analyze/analyze-worker.ts'))).toBeUndefined()
  })

  it('the walk finds zod where it is (createCatalog validates a caller’s data)', () => {
    expect(PRECOMPILED.size).toBeGreaterThan(5)
    expect(chainToZod(join(ROOT, 'src/catalog/catalog.ts'))).toEqual(['src/catalog/catalog.ts', 'src/validate.ts'])
  })
})
