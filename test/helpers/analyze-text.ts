import { Readable } from 'node:stream'
import { analyzeSource } from '../../src/analyze/analyze-input.js'
import { resolveAnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { buildReport } from '../../src/report/build-report.js'
import type { EventFilter } from '../../src/analyze/event-filter.js'
import type { Report } from '../../src/report/report-schema.js'
import type { ConfiguredLookup } from '../../src/model/server-settings.js'

const catalog = createCatalog()
const logFormats = createLogFormatRegistry()

/** Analyses an in-memory log (as input `path`) and builds its report, as the CLI would. */
export async function analyzeText(
  text: string | Buffer,
  options: { path?: string; logFormat?: string; year?: number; maxLineBytes?: number; gapMs?: number; filter?: EventFilter; configured?: ConfiguredLookup } = {},
): Promise<Report> {
  const state = await analyzeSource(
    { path: options.path ?? 'test.log', size: undefined, mtimeMs: undefined },
    Readable.from([typeof text === 'string' ? Buffer.from(text) : text]),
    resolveAnalysisSettings({
      logFormats,
      catalog,
      logFormat: options.logFormat,
      timeZone: 'UTC',
      year: options.year ?? 2024,
      maxLineBytes: options.maxLineBytes ?? 1024 * 1024,
      incidentGapMs: options.gapMs ?? 300_000,
      filter: options.filter,
    }),
    { now: Date.UTC(2024, 11, 31) },
  )
  return buildReport(state, { catalog, version: 'test', incidentGapMs: options.gapMs ?? 300_000, filter: options.filter, configured: options.configured })
}

/** Joins lines with `\n` and a final newline. */
export const lines = (...ls: string[]): string => `${ls.join('\n')}\n`
