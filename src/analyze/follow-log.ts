import { EMPTY_PATH_REASON, InputError } from '../errors.js'
import { followFile } from '../io/follow-file.js'
import { statOrUndefined } from '../io/open-input.js'
import { analyzeSource } from './analyze-input.js'
import { resolveAnalysisSettings, type AnalysisSettingsInput } from './analysis-settings.js'
import type { IncidentListener } from './incident-grouper.js'
import type { AnalysisState } from './state.js'

/** How {@link followLog} runs, besides its settings. */
export interface FollowOptions {
  /** Stops following; the state of everything read so far is then returned (not an error). */
  readonly signal: AbortSignal
  /** How long to wait at the end of the file before looking again, in ms. @default 1000 */
  readonly pollIntervalMs?: number | undefined
  /** Clock, for dating year-less lines when the file has no modification time yet. @default Date.now */
  readonly now?: (() => number) | undefined
  /** Told when an incident opens and when it closes (log time past its last event + the gap). */
  readonly onIncident?: IncidentListener | undefined
  /** Told when the file is rotated, truncated, missing or back. */
  readonly onFileChange?: ((change: 'rotated' | 'truncated' | 'missing' | 'found') => void) | undefined
}

/**
 * Follows a growing log like `tail -F` (from its start; surviving rotation by rename and by
 * truncation) until `options.signal` aborts, telling `onIncident` about incidents as they open
 * and close, and returns the state of everything read, as `analyzeInputs` would for that text
 * with the same `settings` (resolved once, as `analyzeInputs` does). Line numbers count from the
 * start of following, across rotations. The log format is detected from the first lines, or
 * from what arrived when the file first goes quiet.
 * @throws InvalidSettingError for a setting that cannot be used; InputError for an empty `path`
 *   (it would be waited for forever, as a missing file is); otherwise only for invalid definitions
 *   (read errors end up in `inputs[0].error`).
 */
export async function followLog(path: string, settingsInput: AnalysisSettingsInput, options: FollowOptions): Promise<AnalysisState> {
  const settings = resolveAnalysisSettings(settingsInput)
  if (path === '') throw new InputError(path, EMPTY_PATH_REASON)
  const st = await statOrUndefined(path).catch(() => undefined)
  const stream = followFile(path, { pollIntervalMs: options.pollIntervalMs, signal: options.signal, onChange: options.onFileChange })
  return analyzeSource({ path, size: undefined, mtimeMs: st?.mtimeMs }, stream, settings, {
    now: (options.now ?? Date.now)(),
    // Not `signal`: aborting ends the followed stream normally, so the state comes back whole.
    onIncident: options.onIncident ?? (() => {}),
  })
}
