import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { checkSync, type Diagnostics, type Parameters } from 'recheck'
import { ROOT } from './paths.js'

/**
 * recheck parameters for a deterministic verdict: no wall-clock limit anywhere (the fuzzer's and
 * the attack's limits count characters read, the seed is fixed), so a loaded machine gets the same
 * answer as an idle one, only later.
 */
export const RECHECK_PARAMS: Parameters = {
  timeout: null,
  incubationTimeout: null,
  attackTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
  randomSeed: 0,
}

const RECHECK_VERSION: string = (createRequire(import.meta.url)('recheck/package.json') as { version: string }).version

/** What recheck said about one pattern. */
export interface Verdict {
  readonly source: string
  readonly flags: string
  readonly status: Diagnostics['status']
  readonly checker: string | undefined
  /** Complexity summary (`linear`, `2nd degree polynomial`, …) or the error of an `unknown`. */
  readonly summary: string
  /** For a vulnerable pattern: recheck's attack string, as a JS expression. */
  readonly attack?: string | undefined
}

/** The recorded verdicts: recheck's answers for the bundled patterns, refreshed by `npm run redos`. */
export const VERDICTS_FILE = `${ROOT}/test/log-formats/redos-verdicts.json`

interface VerdictsFile {
  readonly recheck: string
  readonly params: Parameters
  readonly verdicts: readonly Verdict[]
}

const keyOf = (source: string, flags: string): string => `${flags}/${source}`

/**
 * Recorded verdicts by `flags/source`, when the file was written by this recheck version with
 * these parameters (otherwise none: every pattern is checked again).
 */
export function recordedVerdicts(): Map<string, Verdict> {
  let file: VerdictsFile
  try {
    file = JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as VerdictsFile
  } catch {
    return new Map()
  }
  if (file.recheck !== RECHECK_VERSION || JSON.stringify(file.params) !== JSON.stringify(RECHECK_PARAMS)) return new Map()
  return new Map(file.verdicts.map((v) => [keyOf(v.source, v.flags), v]))
}

/** Writes the verdicts file (sorted, one verdict per pattern). */
export function recordVerdicts(verdicts: readonly Verdict[]): void {
  const sorted = [...verdicts].sort((a, b) => keyOf(a.source, a.flags).localeCompare(keyOf(b.source, b.flags)))
  const file: VerdictsFile = { recheck: RECHECK_VERSION, params: RECHECK_PARAMS, verdicts: sorted }
  writeFileSync(VERDICTS_FILE, `${JSON.stringify(file, null, 1)}\n`)
}

/** Runs recheck on one pattern (synchronously, in recheck's own worker or native agent). */
export function recheckPattern(source: string, flags: string): Verdict {
  const d = checkSync(source, flags, RECHECK_PARAMS)
  if (d.status === 'safe') return { source, flags, status: d.status, checker: d.checker, summary: d.complexity.summary }
  if (d.status === 'vulnerable') return { source, flags, status: d.status, checker: d.checker, summary: d.complexity.summary, attack: d.attack.pattern }
  return { source, flags, status: d.status, checker: d.checker, summary: `${d.error.kind}${'message' in d.error ? `: ${d.error.message}` : ''}` }
}

/** The recorded verdict for the pattern, or a fresh one from recheck. */
export function verdictOf(source: string, flags: string, recorded: ReadonlyMap<string, Verdict>): { verdict: Verdict; fresh: boolean } {
  const known = recorded.get(keyOf(source, flags))
  return known ? { verdict: known, fresh: false } : { verdict: recheckPattern(source, flags), fresh: true }
}
