import { has, IN_CI, NEEDS, type Need } from '../helpers/needs.js'

/**
 * Vitest global setup: runs once before any test file is collected. With `CI=true`, a missing
 * corpus, reference or Chromium fails the run here, with one line saying what is missing and how
 * to get it (CI must run every test). Locally the tests that need it skip; `report-missing.ts`
 * prints the line at the end.
 */
export default function checkNeeds(): void {
  if (!IN_CI) return
  const missing = (Object.keys(NEEDS) as Need[]).filter((n) => !has(n))
  if (missing.length === 0) return
  const what = missing.map((n) => `${NEEDS[n].label} not found at ${NEEDS[n].path} (${NEEDS[n].how})`).join('; ')
  throw new Error(`CI=true: every test must run, but ${what}`)
}
