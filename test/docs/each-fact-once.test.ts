import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/paths.js'
import { DOC_FILES } from './doc-files.js'

/** Consecutive lines that, found again elsewhere, count as a copied block. */
const RUN = 3
/** Shorter lines (fences, table rules, `…`, short headings) are too common to count. */
const MIN_CHARS = 20

describe('each fact once: no block of README.md, CONTRIBUTING.md or docs/ stands twice', () => {
  it(`no ${RUN} consecutive lines of ${MIN_CHARS}+ characters repeat`, () => {
    const places = new Map<string, string[]>()
    for (const file of DOC_FILES) {
      const lines = readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .map((l) => l.trim().replace(/\s+/g, ' '))
      for (let i = 0; i + RUN <= lines.length; i++) {
        const run = lines.slice(i, i + RUN)
        if (run.some((l) => l.length < MIN_CHARS)) continue
        const key = run.join('\n')
        places.set(key, [...(places.get(key) ?? []), `${file}:${i + 1}`])
      }
    }
    const copies = [...places].filter(([, at]) => at.length > 1).map(([key, at]) => `${at.join(' = ')}: ${key.split('\n')[0]}`)
    expect(copies).toEqual([])
  })
})
