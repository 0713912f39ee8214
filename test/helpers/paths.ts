import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The shared corpus of real logs (beside the clone, as in CI). */
export const CORPUS = resolve(ROOT, '../shared/corpus')
export const HAS_CORPUS = existsSync(CORPUS)
export const fixture = (...parts: string[]): string => join(ROOT, 'fixtures', ...parts)
export const corpus = (...parts: string[]): string => join(CORPUS, ...parts)
