import type { TransferFact } from './session-tracker.js'

/**
 * One fact of the analysis as it is counted, for a streaming sink (`AnalyzeOptions.onEvent`):
 * every server reply, login attempt and transfer, in input order. Nothing is stored: the sink
 * sees each event once, synchronously, and must not keep them all if memory is to stay flat.
 * Times are epoch ms (`undefined` when the line had none); `line` is the 1-based line number.
 */
export type AnalysisEvent =
  | {
      readonly kind: 'reply'
      readonly path: string
      readonly line: number
      readonly time: number | undefined
      readonly code: number
      /** Lines of a multi-line reply are joined with `\n`. Untrusted log content. */
      readonly text: string
      readonly client: string | undefined
      readonly user: string | undefined
    }
  | {
      readonly kind: 'login'
      readonly path: string
      readonly line: number
      readonly time: number | undefined
      readonly ok: boolean
      readonly client: string | undefined
      readonly user: string | undefined
    }
  | ({ readonly kind: 'transfer'; readonly path: string } & TransferFact)
