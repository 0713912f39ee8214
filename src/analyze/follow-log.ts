import { createCatalog } from '../catalog/catalog.js'
import { followFile } from '../io/follow-file.js'
import { statOrUndefined } from '../io/open-input.js'
import { createLogFormatRegistry } from '../log-formats/registry.js'
import { analyzeSource } from './analyze-input.js'
import { ANALYZE_DEFAULTS, type AnalyzeOptions } from './analyze-inputs.js'
import type { IncidentListener } from './incident-grouper.js'
import type { AnalysisState } from './state.js'

/** Options of {@link followLog}: those of `analyzeInputs` that apply to one live file, and more. */
export interface FollowOptions
  extends Pick<AnalyzeOptions, 'logFormat' | 'logFormats' | 'catalog' | 'timeZone' | 'year' | 'maxLineBytes' | 'incidentGapMs' | 'now' | 'filter' | 'bruteForce'> {
  /** Stops following; the state of everything read so far is then returned (not an error). */
  readonly signal: AbortSignal
  /** How long to wait at the end of the file before looking again, in ms. @default 1000 */
  readonly pollIntervalMs?: number | undefined
  /** Told when an incident opens and when it closes (log time past its last event + the gap). */
  readonly onIncident?: IncidentListener | undefined
  /** Told when the file is rotated, truncated, missing or back. */
  readonly onFileChange?: ((change: 'rotated' | 'truncated' | 'missing' | 'found') => void) | undefined
}

/**
 * Follows a growing log like `tail -F` (from its start; surviving rotation by rename and by
 * truncation) until `signal` aborts, telling `onIncident` about incidents as they open and close,
 * and returns the state of everything read, as `analyzeInputs` would for that text. Line numbers
 * count from the start of following, across rotations. The log format is detected from the first
 * lines, or from what arrived when the file first goes quiet.
 * @throws only for invalid bundled data (a bug); read errors end up in `inputs[0].error`.
 */
export async function followLog(path: string, options: FollowOptions): Promise<AnalysisState> {
  const st = await statOrUndefined(path).catch(() => undefined)
  const stream = followFile(path, { pollIntervalMs: options.pollIntervalMs, signal: options.signal, onChange: options.onFileChange })
  return analyzeSource({ path, size: undefined, mtimeMs: st?.mtimeMs }, stream, {
    logFormats: options.logFormats ?? createLogFormatRegistry(),
    catalog: options.catalog ?? createCatalog(),
    logFormat: options.logFormat,
    timeZone: options.timeZone ?? ANALYZE_DEFAULTS.timeZone,
    year: options.year,
    now: (options.now ?? Date.now)(),
    maxLineBytes: options.maxLineBytes ?? ANALYZE_DEFAULTS.maxLineBytes,
    incidentGapMs: options.incidentGapMs ?? ANALYZE_DEFAULTS.incidentGapMs,
    filter: options.filter,
    bruteForce: options.bruteForce,
    // Not `signal`: aborting ends the followed stream normally, so the state comes back whole.
    onIncident: options.onIncident ?? (() => {}),
  })
}
