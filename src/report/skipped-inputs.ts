import { countSkipReasons, isReadElsewhereReason } from '../analyze/skip-inputs.js'
import type { ReportInput } from './report-schema.js'

/**
 * The skipped inputs of a report in one phrase for a summary line, e.g.
 * `4 files skipped (not FTP logs): 2× no known log format, 1× binary file, 1× server configuration`;
 * `undefined` when nothing was skipped. Reasons name no log content; paths are not included.
 * A path skipped as the same file as another input, or as its mirror, is left out: its lines
 * were read (the report's `notices` say so).
 */
export function skippedInputsLine(inputs: readonly ReportInput[]): string | undefined {
  const reasons = inputs.filter((i) => i.status === 'skipped' && !isReadElsewhereReason(i.skipReason)).map((i) => i.skipReason ?? 'skipped')
  if (reasons.length === 0) return undefined
  return `${reasons.length} file${reasons.length === 1 ? '' : 's'} skipped (not FTP logs): ${countSkipReasons(reasons)}`
}
