import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { memoryIO } from '../helpers/memory-io.js'
import { ROOT } from '../helpers/paths.js'
import { DOC_FILES } from './doc-files.js'

/** Splits a console command line into arguments: words, or double-quoted strings. */
function argv(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!)
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const consoleBlocks = (file: string) => [...read(file).matchAll(/^```console\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!)
const examples = (file: string) =>
  consoleBlocks(file).map((body) => {
    const [first = '', ...rest] = body.split('\n')
    return {
      file,
      command: first.replace(/^\$ ftplog /, '').split('    #')[0]!,
      shown: rest.filter((l) => l !== '…'),
    }
  })
const blocks = DOC_FILES.flatMap(examples)

describe('every console example in README.md, CONTRIBUTING.md and docs/ shows real output', () => {
  it('finds the examples', () => {
    expect(DOC_FILES).toContain('docs/reference-commands.md')
    expect(blocks.filter((b) => b.file === 'README.md').length).toBeGreaterThanOrEqual(1)
    expect(blocks.length).toBeGreaterThan(8)
  })
  it('every console block is an ftplog command, so none escapes this test', () => {
    for (const file of DOC_FILES) {
      for (const body of consoleBlocks(file)) expect(body, file).toMatch(/^\$ ftplog \S/)
    }
  })
  for (const b of blocks) {
    it(`${b.file}: ftplog ${b.command}`, async () => {
      // `<FILE` gives the command FILE as standard input, as a shell would.
      const args = argv(b.command)
      const redirect = args.findIndex((a) => a.startsWith('<'))
      const stdin = redirect === -1 ? undefined : readFileSync(args.splice(redirect, 1)[0]!.slice(1))
      const io = memoryIO(stdin === undefined ? {} : { stdin, stdinIsTTY: false })
      await run(args, io)
      const real = `${io.out()}${io.err()}`.split('\n')
      let at = 0
      for (const line of b.shown) {
        const found = real.indexOf(line, at)
        expect(found, `line not in the real output (in order): ${line}`).toBeGreaterThanOrEqual(0)
        at = found + 1
      }
    })
  }
})
