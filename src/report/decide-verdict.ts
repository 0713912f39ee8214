import { wordVerdictReason } from '../notices.js'
import { formatFailOn, isFailing, type FailOn } from './fail-on.js'
import type { ReportIncident, ReportInput, ReportVerdict, VerdictReason } from './report-schema.js'

/** The CI gates of a run. */
export interface GateOptions {
  readonly failOn: FailOn
  /**
   * Failing incidents (those at or above `failOn`) allowed before the run fails; `undefined`
   * allows none, so any failing incident fails the run.
   */
  readonly maxIncidents?: number | undefined
  /**
   * Largest share (0–1) of unrecognized lines an input may have. Checked per input: an input
   * whose `unrecognizedLines / (lines - skippedLines)` is greater fails the run. `undefined`
   * skips the check.
   */
  readonly maxUnrecognized?: number | undefined
}

/**
 * Decides the verdict: `error` (exit 2) when an input could not be read or recognised, else
 * `fail` (exit 1) when a gate tripped, else `pass` (exit 0). `reasons` lists every gate that
 * tripped, input errors first, so a fail is explained even when an error decides the status.
 */
export function decideVerdict(incidents: readonly ReportIncident[], inputs: readonly ReportInput[], gate: GateOptions): ReportVerdict {
  const reasons: VerdictReason[] = []
  for (const input of inputs) {
    if (input.error) reasons.push({ rule: 'input-error', message: input.error.message, path: input.path })
  }
  const failOnText = formatFailOn(gate.failOn)
  const failing = incidents.filter((i) => isFailing(i, gate.failOn)).length
  if (gate.maxIncidents === undefined) {
    if (failing > 0) reasons.push({ rule: 'fail-on', message: wordVerdictReason({ code: 'fail-on', data: { failing, failOn: failOnText } }), path: null })
  } else if (failing > gate.maxIncidents) {
    const data = { failing, failOn: failOnText, maxIncidents: gate.maxIncidents }
    reasons.push({ rule: 'max-incidents', message: wordVerdictReason({ code: 'max-incidents', data }), path: null })
  }
  if (gate.maxUnrecognized !== undefined) {
    for (const input of inputs) {
      const considered = input.lines - input.skippedLines
      if (input.error || considered <= 0) continue
      const ratio = input.unrecognizedLines / considered
      if (ratio > gate.maxUnrecognized) {
        reasons.push({
          rule: 'max-unrecognized',
          message: wordVerdictReason({ code: 'max-unrecognized', data: { path: input.path, ratio, considered, maxUnrecognized: gate.maxUnrecognized } }),
          path: input.path,
        })
      }
    }
  }
  const hasError = reasons.some((r) => r.rule === 'input-error')
  const status = hasError ? 'error' : reasons.length > 0 ? 'fail' : 'pass'
  return {
    status,
    exitCode: status === 'error' ? 2 : status === 'fail' ? 1 : 0,
    failOn: failOnText,
    failingIncidents: failing,
    maxIncidents: gate.maxIncidents ?? null,
    maxUnrecognized: gate.maxUnrecognized ?? null,
    reasons,
  }
}
