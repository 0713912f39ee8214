/**
 * The public API of ftplog: what docs/library.md documents and the README's "Library" section
 * lists. Everything else in `src/` is internal and may change in any release.
 * `test/index.test.ts` keeps this file honest: at most 40 runtime names, each named in the README,
 * and every type reachable from them exported.
 */

// Analyse logs
export { resolveAnalysisSettings, type AnalysisSettings, type AnalysisSettingsInput, type LogFormatOverride } from './analyze/analysis-settings.js'
export { analyzeInputs, type AnalyzeOptions } from './analyze/analyze-inputs.js'
export { followLog, type FollowOptions } from './analyze/follow-log.js'
export type { IncidentListener } from './analyze/incident-grouper.js'
export { emptyState, mergeStates, type AnalysisState, type IncidentTotals, type IncidentEvent, type IncidentState, type InputSummary, type Sample } from './analyze/state.js'
export type { AnalysisEvent } from './analyze/analysis-event.js'
export type { TransferFact } from './analyze/session-tracker.js'
export type { EventFilter } from './analyze/event-filter.js'
export type { ReplyTimeline } from './analyze/reply-timeline.js'
export type { StdinProvider } from './io/open-input.js'
export { parseBruteForceRule, type BruteForceRule, type BruteForcePreset } from './security/brute-force-rule.js'
export type { SecurityState, BruteForceWindow } from './security/security-state.js'
export type { CounterData } from './collections/counter-map.js'
export type { ConcurrencyState, PeakAt } from './analyze/concurrency-state.js'
export type { EventFigures, EvidenceExample, IncidentEvidence } from './analyze/incident-evidence.js'
export type { ConfiguredLookup, ConfiguredValue, SettingSource } from './model/server-settings.js'
export { createCatalog, type Catalog, type CatalogQuery, type Classification, type EventContext } from './catalog/catalog.js'
export { createLogFormatRegistry, type LogFormatRegistry } from './log-formats/registry.js'

// Build, gate, redact and merge reports
export { buildReport, type BuildReportOptions } from './report/build-report.js'
export { parseFailOn, type FailOn } from './report/fail-on.js'
export { redactReport } from './report/redact-report.js'
export { mergeReports, readReport, type MergeReportsOptions } from './report/merge-reports.js'
export { REPORT_SCHEMA_VERSION } from './report/report-schema-version.js'
export {
  reportSchema,
  type Report,
  type ReportIncident,
  type ReportInput,
  type ReportSample,
  type ReportVerdict,
  type VerdictReason,
  type ReportFilters,
  type ReportSecurity,
  type ReportTimeline,
} from './report/report-schema.js'

// Render reports
export { FORMATTERS, type FormatterName } from './formatters/registry.js'
export { FORMATTER_DESCRIPTIONS } from './formatters/formatter-descriptions.js'
export type { Formatter, FormatContext } from './formatters/types.js'

// Explain, compare and list reply codes
export { createReplyRegistry, type ReplyRegistry, type ReplyDescription, type ReplyTable } from './replies/reply-registry.js'
export { explainCode, type Explanation, type ExplainOptions, type AnalyzerVerdict } from './explain/explain-code.js'
export { compareCodes, type Comparison } from './explain/compare-codes.js'
export { listCodes, type CodeRow, type CodeFilter } from './explain/list-codes.js'
export type { CodeFacts, ServerMessageFacts, VariantFacts } from './explain/code-facts.js'
export type { SourceLink } from './explain/rfc-link.js'
export { explanationDocument } from './explain/explanation-document.js'
export { comparisonDocument } from './explain/comparison-document.js'
export { codesDocument } from './explain/codes-document.js'
export { headingsFor } from './explain/headings.js'
export type { HeadingLang, HeadingKey, Headings } from './explain/heading-keys.js'
export { renderReference, type ReferenceFormatter } from './explain/render-reference.js'
export type { Doc, DocBlock } from './explain/document.js'

// Schemas of the data a caller may supply, and their types
export {
  catalogSchema,
  type CatalogData,
  type Advice,
  type Banner,
  type CauseInfo,
  type ContextRule,
  type Directive,
  type IncidentMessage,
  type Phase,
  type ServerMessage,
  type SettingMeasure,
  type Trigger,
} from './catalog/schema.js'
export { logFormatDefinitionSchema, type LogFormatDefinition } from './log-formats/schema.js'
export { replyTableSchema, type Confidence, type ReplyDigits, type ReplyEntry, type ReplyStatus, type ReplyVariant } from './replies/schema.js'
export type { Cause } from './model/cause.js'
export type { Severity } from './model/severity.js'
export type { ServerFamily } from './model/server-family.js'

// Errors
export {
  FtplogError,
  UsageError,
  UnknownLogFormatError,
  InputError,
  InvalidDefinitionError,
  InvalidSettingError,
  NotAReportError,
  ReportVersionError,
  InvalidReportError,
  IncompatibleReportsError,
} from './errors.js'

export { VERSION } from './version.js'
