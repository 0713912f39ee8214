import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FORMATTER_DESCRIPTIONS } from '../../src/formatters/formatter-descriptions.js'
import { ROOT } from '../helpers/paths.js'
import { DOC_FILES } from './doc-files.js'

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

/** The lines of a `## heading` section of a Markdown document, up to the next `## `. */
function section(doc: string, heading: string): string[] {
  const lines = doc.split('\n')
  const start = lines.indexOf(`## ${heading}`)
  if (start < 0) return []
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  return lines.slice(start + 1, end < 0 ? undefined : end)
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')

/** The anchors of a Markdown document's headings (outside code blocks). */
function anchors(doc: string): Set<string> {
  const out = new Set<string>()
  let fenced = false
  for (const line of doc.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced
    else if (!fenced && /^#{1,6} /.test(line)) out.add(slug(line.replace(/^#+ /, '')))
  }
  return out
}

/**
 * Documents other branches of issue 14 write (docs/merge.md, settings, library, architecture,
 * testing, authoring-log-formats): links to them may dangle until those branches are merged.
 */
const PENDING = new Set(['merge', 'settings', 'library', 'architecture', 'testing', 'authoring-log-formats'].map((n) => `docs/${n}.md`))

describe('README.md is a map', () => {
  const readme = read('README.md')

  it('is at most 15 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024)
  })

  it('lists every formatter with its FORMATTER_DESCRIPTIONS text, in order', () => {
    const rows = section(readme, 'Formatters')
      .filter((l) => l.startsWith('| `'))
      .map((l) => /^\| `([^`]+)` \| (.*) \|$/.exec(l)?.slice(1, 3))
    expect(rows).toEqual(Object.entries(FORMATTER_DESCRIPTIONS))
  })

  it('quick start runs npm start and npm test', () => {
    const quick = section(readme, 'Quick start').join('\n')
    expect(quick).toContain('npm ci && npm start')
    expect(quick).toContain('npm ci && npm test')
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
    expect(scripts['start']).toContain('node bin/ftplog.js analyze')
    expect(scripts['test']).toContain('vitest run')
  })
})

describe('links in README.md, CONTRIBUTING.md and docs/ resolve', () => {
  for (const file of DOC_FILES) {
    it(file, () => {
      const doc = read(file)
      const broken: string[] = []
      for (const [, target] of doc.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue
        const [path = '', anchor] = target!.split('#')
        const resolved = path === '' ? file : normalize(join(dirname(file), path)).replaceAll('\\', '/')
        if (PENDING.has(resolved) && !existsSync(join(ROOT, resolved))) continue
        if (!existsSync(join(ROOT, resolved))) broken.push(`${target}: no file ${resolved}`)
        else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) {
          broken.push(`${target}: no heading #${anchor} in ${resolved}`)
        }
      }
      expect(broken).toEqual([])
    })
  }
})
