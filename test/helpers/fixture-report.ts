import type { AnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { buildReport, type BuildReportOptions } from '../../src/report/build-report.js'
import type { Report } from '../../src/report/report-schema.js'

const catalog = createCatalog()

/**
 * The report of fixture files (paths relative to the repository root), year 2024, as the CLI
 * builds it; `pairing: false` as `--no-pairing`.
 */
export async function fixtureReport(
  paths: readonly string[],
  options: Partial<Omit<BuildReportOptions, 'catalog' | 'version'>> & Partial<Pick<AnalysisSettings, 'bruteForce' | 'filter'>> & { pairing?: boolean } = {},
): Promise<Report> {
  const { pairing, ...build } = options
  const state = await analyzeInputs(paths, { catalog, year: 2024, bruteForce: options.bruteForce, filter: options.filter }, { pairing })
  return buildReport(state, { catalog, version: '0.1.0', ...build })
}
