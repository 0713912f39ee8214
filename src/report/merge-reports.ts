import { emptyState, mergeStates } from '../analyze/state.js'
import { createCatalog, type Catalog } from '../catalog/catalog.js'
import { IncompatibleReportsError, InvalidReportError, NotAReportError, ReportVersionError } from '../errors.js'
import type { ConfiguredLookup } from '../model/server-settings.js'
import { buildReport } from './build-report.js'
import type { FailOn } from './fail-on.js'
import { reportSchema, type Report } from './report-schema.js'
import { REPORT_SCHEMA_VERSION } from './report-schema-version.js'
import { filterOfReport, reportToState } from './report-to-state.js'

/** Options of {@link mergeReports}: the gates to decide the merged verdict with. */
export interface MergeReportsOptions {
  readonly failOn: FailOn
  readonly maxIncidents?: number | undefined
  readonly maxUnrecognized?: number | undefined
  /** Incidents of one server and cause this close (ms) become one. @default 300000 */
  readonly incidentGapMs?: number | undefined
  /** Tool version written into the merged report. */
  readonly version: string
  /** The catalog that resolves titles and advice from each incident's `matchedBy`; defaults to the bundled one. */
  readonly catalog?: Catalog | undefined
  /** The server configuration given, for each setting's configured value; `undefined`: defaults. */
  readonly configured?: ConfiguredLookup | undefined
}

/**
 * Reads a JSON report for `merge`: checks `schemaVersion` first (so another version is refused
 * by name, not by a list of field errors), then validates the rest with {@link reportSchema}.
 * Reports written before a field was added get its default (empty security and timeline).
 * @param path names the file in errors.
 * @throws NotAReportError when `text` is not JSON or has no `schemaVersion`.
 * @throws ReportVersionError when its `schemaVersion` is another than {@link REPORT_SCHEMA_VERSION}.
 * @throws InvalidReportError when it does not validate; each message names the file and what is wrong.
 */
export function readReport(text: string, path: string): Report {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new NotAReportError(`${path}: not a JSON report (${(error as Error).message}); write one with ftplog analyze -f json:FILE`, 'not-json', { cause: error })
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof data !== 'object' || data === null || version === undefined) {
    throw new NotAReportError(`${path}: not an ftplog JSON report (no schemaVersion); write one with ftplog analyze -f json:FILE`, 'no-schema-version')
  }
  if (version !== REPORT_SCHEMA_VERSION) {
    throw new ReportVersionError(
      `${path}: schemaVersion ${JSON.stringify(version)} is not supported; this ftplog reads schemaVersion ${REPORT_SCHEMA_VERSION}. Re-run ftplog analyze with this version, or merge with the version that wrote it.`,
      version,
      REPORT_SCHEMA_VERSION,
    )
  }
  const result = reportSchema.safeParse(data)
  if (!result.success) {
    const first = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new InvalidReportError(`${path}: not a valid ftplog ${REPORT_SCHEMA_VERSION} report:\n  ${first.join('\n  ')}`, first)
  }
  return result.data
}

/**
 * Combines reports of separate runs (per host, per day) into one, as if one run had read all
 * their inputs: each report becomes analysis state again ({@link reportToState}), the states are
 * merged with `mergeStates` and the report is built with `buildReport`, exactly as `analyze`
 * builds its own. So inputs are listed together, totals summed, incidents of one server and cause
 * within `incidentGapMs` joined again, advice and directives resolved from the catalog entries
 * that matched (all of them, whichever report they came from), timelines re-bucketed, security
 * tables summed, and the verdict decided anew with `options`. What a JSON report does not keep
 * cannot come back (see {@link reportToState}): tables are the top 100, client/user/file lists
 * the top 20, and each incident keeps 5 samples. The merged report is redacted when the reports were.
 * @param named the reports, each with the name used in errors (its file).
 * @throws IncompatibleReportsError when the reports were made with different filters, brute-force
 *   rules or redaction, which would make the sum meaningless.
 */
export function mergeReports(named: readonly { name: string; report: Report }[], options: MergeReportsOptions): Report {
  requireSame(named, 'filters', (r) => JSON.stringify(filterOfReport(r) ?? null), '--since/--until/--client/--user')
  requireSame(named.filter((n) => n.report.security.bruteForce.rule !== null), 'brute-force rule', (r) => JSON.stringify(r.security.bruteForce.rule), '--bruteforce')
  requireSame(named, 'redaction', (r) => String(r.redacted), '--redact')
  const merged = named.map((n) => reportToState(n.report)).reduce(mergeStates, emptyState())
  // A notice every report repeats (the same runs merged again) is said once.
  const state = { ...merged, notices: [...new Set(merged.notices)] }
  const first = named[0]?.report
  const report = buildReport(state, {
    catalog: options.catalog ?? createCatalog(),
    failOn: options.failOn,
    maxIncidents: options.maxIncidents,
    maxUnrecognized: options.maxUnrecognized,
    incidentGapMs: options.incidentGapMs,
    version: options.version,
    configured: options.configured,
    filter: first ? filterOfReport(first) : undefined,
  })
  return { ...report, redacted: first?.redacted ?? false }
}

function requireSame(named: readonly { name: string; report: Report }[], what: string, key: (r: Report) => string, flag: string): void {
  const first = named[0]
  if (!first) return
  const other = named.find((n) => key(n.report) !== key(first.report))
  if (other) throw new IncompatibleReportsError(`${first.name} and ${other.name} were made with different ${what} (${flag}); merge reports made with the same settings`, what)
}
