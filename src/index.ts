export { analyzeInputs, ANALYZE_DEFAULTS, type AnalyzeOptions } from './analyze/analyze-inputs.js'
export { analyzeSource, type InputAnalysisOptions } from './analyze/analyze-input.js'
export { followLog, type FollowOptions } from './analyze/follow-log.js'
export type { IncidentListener } from './analyze/incident-grouper.js'
export { emptyState, mergeStates, coalesceIncidents, type AnalysisState, type IncidentEvent, type IncidentState, type InputSummary, type Sample } from './analyze/state.js'
export { SessionTracker, type TrackerOptions } from './analyze/session-tracker.js'
export { buildReport, type BuildReportOptions } from './report/build-report.js'
export { reportSchema, REPORT_SCHEMA_VERSION, type Report, type ReportIncident, type ReportInput, type ReportSample } from './report/report-schema.js'
export { parseFailOn, isFailing, formatFailOn, DEFAULT_FAIL_ON, type FailOn } from './report/fail-on.js'
export { createCatalog, type Catalog, type CatalogQuery, type Classification, type EventContext } from './catalog/catalog.js'
export * from './catalog/schema.js'
export { createReplyRegistry, type ReplyRegistry, type ReplyDescription } from './replies/reply-registry.js'
export {
  replyEntrySchema,
  replyTableSchema,
  replyVariantSchema,
  replyDigitsSchema,
  replyStatusSchema,
  confidenceSchema,
  sourceRefSchema as replySourceSchema,
  REPLY_STATUSES,
  type ReplyEntry,
  type ReplyVariant,
  type ReplyStatus,
  type Confidence,
} from './replies/schema.js'
export { describeWin32Status, win32StatusTable } from './replies/describe-win32-status.js'
export { describeIisSubstatus, iisSubstatusTable } from './replies/describe-iis-substatus.js'
export {
  win32StatusSchema,
  win32StatusTableSchema,
  iisSubstatusSchema,
  iisSubstatusTableSchema,
  type Win32Status,
  type Win32StatusTable,
  type IisSubstatus,
  type IisSubstatusTable,
} from './replies/windows-status-schema.js'
export { explainCode, type Explanation, type ExplainOptions, type AnalyzerVerdict } from './explain/explain-code.js'
export { explainWin32Status, explainIisSubstatus, type Win32Explanation, type IisSubstatusExplanation } from './explain/explain-windows-status.js'
export { compareCodes, type Comparison } from './explain/compare-codes.js'
export { listCodes, listServerMessages, type CodeRow, type CodeFilter } from './explain/list-codes.js'
export { codeFacts, serverMessageFacts, type CodeFacts, type ServerMessageFacts, type VariantFacts } from './explain/code-facts.js'
export { headingsFor, HEADING_LANGS, HEADING_KEYS, type HeadingLang, type HeadingKey, type Headings } from './explain/headings.js'
export { renderReference, REFERENCE_FORMATTERS, type ReferenceFormatter } from './explain/render-reference.js'
export { parseReplyCode } from './explain/parse-code.js'
export { createLogFormatRegistry, BUNDLED_LOG_FORMATS, type LogFormatRegistry } from './log-formats/registry.js'
export { compileLogFormat, type CompiledLogFormat, type CompiledPattern, type CompileOptions, type ParsedLine } from './log-formats/compile.js'
export { logFormatFromTemplate, TEMPLATE_LOG_FORMAT } from './log-formats/proftpd-template.js'
export { bundledEnvelopes } from './log-formats/envelopes.js'
export { envelopesSchema, textEnvelopeSchema, jsonEnvelopeSchema, markerSchema, type EnvelopesData } from './log-formats/envelope-schema.js'
export { createTimestampParser, createTimestampParserChain, timestampLayoutPattern, type TimeContext, type TimestampParser } from './time/timestamp-parser.js'
export { detectLogFormat, type Detection } from './log-formats/detect.js'
export {
  logFormatDefinitionSchema,
  columnsSchema,
  jsonRecordsSchema,
  patternSchema,
  sampleSchema,
  timestampSchema,
  FIELD_NAMES,
  type LogFormatDefinition,
  type ColumnsDefinition,
  type JsonRecordsDefinition,
  type PatternDefinition,
  type SampleDefinition,
  type FieldName,
} from './log-formats/schema.js'
export type { LogRecord, RecordKind } from './model/log-record.js'
export { CAUSES, causeSchema, type Cause } from './model/cause.js'
export { SEVERITIES, severitySchema, type Severity } from './model/severity.js'
export { SERVER_FAMILIES, type ServerFamily } from './model/server-family.js'
export * from './errors.js'
export { FORMATTERS, FORMATTER_DESCRIPTIONS, type FormatterName } from './formatters/registry.js'
export type { Formatter, FormatContext } from './formatters/types.js'
export {
  stripControlChars,
  escapeXml,
  escapeXmlText,
  removeInvalidXmlChars,
  escapeWorkflowData,
  escapeWorkflowProperty,
  escapeMarkdown,
  fencedBlock,
  inlineCode,
  escapeCsvField,
  escapeHtml,
} from './formatters/escape.js'
export { decideVerdict, type GateOptions } from './report/decide-verdict.js'
export { redactReport, type RedactionKind } from './report/redact-report.js'
export { mergeReports, readReport, type MergeReportsOptions } from './report/merge-reports.js'
export {
  verdictReasonSchema,
  filtersSchema,
  securitySchema,
  timelineSchema,
  type ReportVerdict,
  type VerdictReason,
  type ReportFilters,
  type ReportSecurity,
  type ReportTimeline,
} from './report/report-schema.js'
export { matchesFilter, matchesTime, isActiveFilter, type EventFilter } from './analyze/event-filter.js'
export { emptyTimeline, addToTimeline, mergeTimelines, coarsen, coarsenToSpan, TIMELINE_LADDER_MS, type ReplyTimeline } from './analyze/reply-timeline.js'
export { BRUTE_FORCE_PRESETS, DEFAULT_BRUTE_FORCE_RULE, parseBruteForceRule, formatBruteForceRule, type BruteForceRule, type BruteForcePreset } from './security/brute-force-rule.js'
export { BruteForceDetector } from './security/brute-force-detector.js'
export { emptySecurity, mergeSecurity, PRIVILEGED_USERS, type SecurityState, type BruteForceWindow } from './security/security-state.js'
export type { AnalysisEvent } from './analyze/analysis-event.js'
export type { TrackerObserver, TransferFact } from './analyze/session-tracker.js'
export { analysisEventToEcs, formatAnalysisEvent } from './formatters/ecs-event.js'
export { ECS_VERSION } from './formatters/ndjson.js'
export { VERSION } from './version.js'
