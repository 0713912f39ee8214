import { readFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import * as api from '../src/index.js'
import { ROOT } from './helpers/paths.js'

const MAX_RUNTIME_NAMES = 40
const SRC = join(ROOT, 'src') + sep
const INDEX = join(ROOT, 'src', 'index.ts')

/** The README's library section: from the `## Library` heading to the next `## ` heading. */
function librarySection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const start = readme.search(/^## Library\b/m)
  if (start < 0) throw new Error('README.md has no "## Library" section')
  const rest = readme.slice(start + 3)
  const end = rest.search(/^## /m)
  return end < 0 ? rest : rest.slice(0, end)
}

const section = librarySection()
const runtimeNames = Object.keys(api).sort()

describe('the public API (src/index.ts)', () => {
  it(`has at most ${MAX_RUNTIME_NAMES} runtime names`, () => {
    expect(runtimeNames.length).toBeGreaterThan(10)
    expect(runtimeNames.length).toBeLessThanOrEqual(MAX_RUNTIME_NAMES)
  })

  it("names each runtime export in the README's library section, and no other", () => {
    const named = new Set([...section.matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1]!))
    expect(runtimeNames.filter((n) => !named.has(n))).toEqual([])
    // Backticked names that look like exports (camelCase functions, SCREAMING constants, Error classes) must be exports.
    const exportLike = [...named].filter((n) => /^(?:[a-z]+[A-Z]\w*|[A-Z][A-Z0-9_]{2,}|[A-Z]\w*Error)$/.test(n))
    expect(exportLike.filter((n) => !(n in api))).toEqual([])
  })

  it('documents each runtime export in docs/library.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'library.md'), 'utf8')
    const headings = new Set([...doc.matchAll(/^#{3,4} `([\w$]+)`/gm)].map((m) => m[1]!))
    expect(runtimeNames.filter((n) => !headings.has(n))).toEqual([])
  })
})

describe('the README library example and the exported types', () => {
  // One TypeScript program over src/index.ts and two virtual files that import 'ftplog' (mapped to
  // src/index.ts): the README's first ```ts block, and a file that must fail (so the check can).
  const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
  const EXAMPLE = join(ROOT, 'readme-library-example.ts')
  const BROKEN = join(ROOT, 'readme-library-broken.ts')
  const virtual = new Map([
    [EXAMPLE, example ?? ''],
    [BROKEN, "import { analyzeSource } from 'ftplog'\nconst n: number = 'x'\nexport { analyzeSource, n }\n"],
  ])
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT)
  const compilerOptions: ts.CompilerOptions = { ...options, noEmit: true, baseUrl: ROOT, paths: { ftplog: ['src/index.ts'] } }
  const host = ts.createCompilerHost(compilerOptions)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, lang, ...rest) => (virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, lang) : getSourceFile(name, lang, ...rest))
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (name) => virtual.has(name) || fileExists(name)
  const readFile = host.readFile.bind(host)
  host.readFile = (name) => virtual.get(name) ?? readFile(name)
  const program = ts.createProgram([INDEX, EXAMPLE, BROKEN], compilerOptions, host)
  const diagnostics = (file: string): string[] => {
    const sf = program.getSourceFile(file)!
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
      const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0)
      return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
    })
  }

  it('has a ts example of at most 10 lines', () => {
    expect(example, 'a ```ts block in the library section').toBeDefined()
    expect(example!.trimEnd().split('\n').length).toBeLessThanOrEqual(10)
    expect(example).toContain("from 'ftplog'")
  })

  it('type-checks the example against src/index.ts', () => {
    expect(diagnostics(EXAMPLE)).toEqual([])
    expect(diagnostics(BROKEN).length).toBe(2) // an internal name and a type error are both caught
  })

  it('exports every type of src/ that a public signature mentions', () => {
    const checker = program.getTypeChecker()
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!
    const resolve = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s)
    const exports = checker.getExportsOfModule(moduleSymbol).map(resolve)
    const exported = new Set(exports)
    const ours = (s: ts.Symbol): boolean => (s.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(SRC) && !d.getSourceFile().fileName.endsWith('.json'))
    const NAMED = ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum
    const missing = new Set<string>()
    const seen = new Set<ts.Type>()
    const named = (s: ts.Symbol): void => {
      if (s.flags & NAMED && ours(s) && !exported.has(s)) missing.add(`${s.name} (${s.declarations![0]!.getSourceFile().fileName.slice(SRC.length)})`)
    }
    const visit = (type: ts.Type): void => {
      if (seen.has(type)) return
      seen.add(type)
      if (type.aliasSymbol) {
        named(type.aliasSymbol)
        for (const t of type.aliasTypeArguments ?? []) visit(t)
      }
      if (type.isUnionOrIntersection()) for (const t of type.types) visit(t)
      if (!(type.flags & ts.TypeFlags.Object)) return
      const symbol = type.getSymbol()
      if (symbol) named(symbol)
      if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) for (const t of checker.getTypeArguments(type as ts.TypeReference)) visit(t)
      // Interfaces and classes declared elsewhere (lib, zod, node) are not walked into: only their
      // type arguments. Object types that zod infers are walked (their properties are ours).
      if (symbol && symbol.flags & NAMED && !ours(symbol)) return
      for (const p of checker.getPropertiesOfType(type)) visit(checker.getTypeOfSymbol(p))
      for (const sig of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
        for (const p of sig.getParameters()) visit(checker.getTypeOfSymbol(p))
        visit(sig.getReturnType())
      }
      for (const info of checker.getIndexInfosOfType(type)) visit(info.type)
    }
    // Named in the source: every type reference in the declarations of the exports (signatures,
    // interface members, alias bodies; not function bodies or initializers), transitively.
    const walked = new Set<ts.Symbol>()
    const walkDeclarations = (s: ts.Symbol): void => {
      if (walked.has(s)) return
      walked.add(s)
      for (const d of s.declarations ?? []) walkTypes(d)
    }
    const walkTypes = (node: ts.Node): void => {
      if (ts.isBlock(node)) return
      if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isPropertyDeclaration(node)) {
        if (node.type) walkTypes(node.type)
        return
      }
      if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
        const at = ts.isTypeReferenceNode(node) ? node.typeName : node.expression
        const target = checker.getSymbolAtLocation(at)
        if (target) {
          const s = resolve(target)
          named(s)
          if (s.flags & NAMED && ours(s)) walkDeclarations(s)
        }
      }
      ts.forEachChild(node, walkTypes)
    }
    for (const s of exports) {
      if (s.flags & (ts.SymbolFlags.Value | ts.SymbolFlags.Class)) visit(checker.getTypeOfSymbol(s))
      if (s.flags & NAMED) visit(checker.getDeclaredTypeOfSymbol(s))
      if (ours(s)) walkDeclarations(s)
    }
    expect(seen.size).toBeGreaterThan(100) // the walk reached into the signatures
    expect([...missing].sort()).toEqual([])
  })
})
