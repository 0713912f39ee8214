import { readdirSync, readFileSync } from 'node:fs'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import type { AnalysisState } from '../../src/analyze/state.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { corpus } from './paths.js'

const logFormats = createLogFormatRegistry()
const catalog = createCatalog()

/** Files of a corpus folder, sorted (PROVENANCE.md lists them; the folder is the source of truth). */
export function corpusFiles(folder: string): string[] {
  return readdirSync(corpus(folder)).sort()
}

/** Analyses inputs in-process with the bundled log formats and catalog (year 2024 for year-less lines). */
export async function analyze(paths: readonly string[], options: { logFormat?: string } = {}): Promise<AnalysisState> {
  return analyzeInputs(paths, { logFormats, catalog, year: 2024, logFormat: options.logFormat })
}

/** Counts, per code, the lines of `file` that `rule` (group 1 = code) matches. */
export function countByRule(path: string, rule: RegExp): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = rule.exec(line)
    if (m) counts[m[1]!] = (counts[m[1]!] ?? 0) + 1
  }
  return counts
}
