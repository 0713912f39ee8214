import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { committedPart, GENERATED_PARTS, replacePart } from '../../scripts/gen-docs.js'
import { run } from '../../src/cli/main.js'
import { memoryIO } from '../helpers/memory-io.js'
import { ROOT } from '../helpers/paths.js'

/** With UPDATE_DOCS=1 the test rewrites stale parts instead of failing. */
const UPDATE = process.env['UPDATE_DOCS'] === '1'

describe('generated parts of docs/ are up to date', () => {
  for (const part of GENERATED_PARTS) {
    it(`${part.file}: ${part.name}`, () => {
      const path = join(ROOT, part.file)
      const doc = readFileSync(path, 'utf8')
      const fresh = part.render()
      if (UPDATE && committedPart(doc, part) !== fresh) writeFileSync(path, replacePart(doc, part, fresh))
      const committed = committedPart(readFileSync(path, 'utf8'), part)
      expect(committed, `${part.file} lacks the markers of ${part.name}`).toBeDefined()
      expect(committed, `${part.file} is stale: run UPDATE_DOCS=1 npx vitest run test/docs/generated-docs.test.ts`).toBe(fresh)
    })
  }

  it('the log-format part is what `ftplog formats -f markdown` prints', async () => {
    const io = memoryIO()
    expect(await run(['formats', '-f', 'markdown'], io)).toBe(0)
    const part = GENERATED_PARTS.find((p) => p.name === 'log-formats')!
    expect(io.out()).toBe(part.render())
  })

  it('the report schema part names every top-level field and the meta descriptions', () => {
    const text = GENERATED_PARTS.find((p) => p.name === 'report-schema')!.render()
    for (const field of ['schemaVersion', 'verdict.status', 'incidents[].advice.steps', 'security.bruteForce.windows[].users', 'redacted']) {
      expect(text).toContain(`\`${field}\``)
    }
    expect(text).toContain('the --fail-on rule applied')
  })
})
