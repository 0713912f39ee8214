import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'vitest'
import { CORPUS, ROOT } from './paths.js'

/**
 * What some tests need beyond a clone: the shared corpus of real logs and reference texts beside
 * the clone, and a Chromium to render the HTML report in. Checked once, before any test file is
 * collected: a missing one skips the tests that need it (marked `[needs <what>]`), and
 * `test/setup/report-missing.ts` prints one line naming it; with `CI=true` it fails the run.
 */
export const NEEDS = {
  corpus: {
    path: CORPUS,
    label: '../shared/corpus',
    how: 'clone ftplog beside shared/ to run them',
  },
  reference: {
    path: resolve(ROOT, '../shared/reference/ftp-replies.md'),
    label: '../shared/reference',
    how: 'clone ftplog beside shared/ to run them',
  },
  chromium: {
    path: process.env.FTPLOG_CHROMIUM ?? '/usr/bin/chromium',
    label: 'Chromium',
    how: 'apt-get install chromium (or set FTPLOG_CHROMIUM) to run them',
  },
} as const

export type Need = keyof typeof NEEDS

/** Whether `need` is present (a file or folder at its path). */
export const has = (need: Need): boolean => existsSync(NEEDS[need].path)

/** The tag a skipped test's name carries, which the missing-needs reporter counts. */
export const needTag = (need: Need): string => `[needs ${NEEDS[need].label}]`

/** Whether the run is a CI run (`CI=true` or `CI=1`), where a missing need fails instead of skipping. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1'

/**
 * `describe(name, body)` when `need` is present; otherwise one skipped test named after the suite,
 * and `body` never runs, so nothing reads the missing corpus while tests are collected.
 */
export function describeNeeding(need: Need, name: string, body: () => void): void {
  if (has(need)) describe(name, body)
  else it.skip(`${name} ${needTag(need)}`, () => {})
}

/** `it(name, fn)` when `need` is present; otherwise a skipped test marked with the need. */
export function itNeeding(need: Need, name: string, fn: () => unknown, timeout?: number): void {
  if (has(need)) it(name, fn, timeout)
  else it.skip(`${name} ${needTag(need)}`, () => {})
}
