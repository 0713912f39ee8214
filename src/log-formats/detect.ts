import type { CompiledLogFormat } from './compile.js'
import type { LogFormatDefinition } from './schema.js'

/** How many non-blank head lines detection looks at (lnav's max-unrecognized-lines idea). */
export const DETECT_LINES = 50

/** The outcome of {@link detectLogFormat}. */
export interface Detection {
  readonly format: CompiledLogFormat
  /** Head lines a non-weak pattern of the chosen format matched. */
  readonly matched: number
  /** Non-blank head lines looked at. */
  readonly examined: number
}

/**
 * Detection order of two definitions, for `Array.prototype.sort`: higher `priority` first, then
 * by name (code-unit order), so the order never depends on how definitions were listed.
 * @returns negative when `a` comes first.
 */
export function compareDetectionPriority(a: Pick<LogFormatDefinition, 'priority' | 'name'>, b: Pick<LogFormatDefinition, 'priority' | 'name'>): number {
  if (a.priority !== b.priority) return b.priority - a.priority
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/**
 * Picks the log format that recognises the most of the given head lines. Lines matched only by
 * `weak` patterns (blank-ish residue, other daemons' syslog lines) do not count. Ties go to the
 * format first in detection order ({@link compareDetectionPriority}: higher `priority`, then name),
 * whatever the order of `formats`.
 * @returns `undefined` when no format matches any line.
 */
export function detectLogFormat(lines: readonly string[], formats: readonly CompiledLogFormat[]): Detection | undefined {
  const head = lines.filter((l) => l.trim().length > 0).slice(0, DETECT_LINES)
  let best: Detection | undefined
  for (const format of formats) {
    let matched = 0
    for (const line of head) {
      const p = format.match(line)
      if (p && !p.weak && p.kind !== 'not-ftp') matched++
    }
    if (matched === 0) continue
    if (!best || matched > best.matched || (matched === best.matched && compareDetectionPriority(format.definition, best.format.definition) < 0)) {
      best = { format, matched, examined: head.length }
    }
  }
  return best
}
