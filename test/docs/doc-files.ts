import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../helpers/paths.js'

/** The documentation the docs tests cover: README.md, CONTRIBUTING.md and every Markdown file under docs/. */
export const DOC_FILES: readonly string[] = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f.replaceAll('\\', '/')}`),
]
