import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { memoryIO } from '../helpers/memory-io.js'
import { ROOT } from '../helpers/paths.js'

/** Splits a console command line into arguments: words, or double-quoted strings. */
function argv(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!)
}

const examples = (file: string) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```console\n\$ ftplog (.*?)\n([\s\S]*?)\n```/g)].map((m) => ({
    file,
    command: m[1]!.split('    #')[0]!,
    shown: m[2]!.split('\n').filter((l) => l !== '…'),
  }))
const blocks = [...examples('docs/reference-commands.md'), ...examples('README.md')]

describe('README.md and docs/reference-commands.md show real output', () => {
  it('has examples in both', () => {
    expect(blocks.filter((b) => b.file === 'README.md').length).toBeGreaterThanOrEqual(3)
    expect(blocks.length).toBeGreaterThan(8)
  })
  for (const b of blocks) {
    it(`${b.file}: ftplog ${b.command}`, async () => {
      const io = memoryIO()
      await run(argv(b.command), io)
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
