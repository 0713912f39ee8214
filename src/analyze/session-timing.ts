/**
 * What one session keeps for the concurrency figures and the settings advice
 * (src/analyze/session-figures.ts): a few times and counts, so memory per session stays flat.
 * Times are epoch ms, `undefined` when the log has none.
 */
export interface SessionTiming {
  /** Time of its first line. */
  readonly start: number | undefined
  /** Time of the line before its latest one: how long it was silent before that line. */
  previous: number | undefined
  /** Time of its latest transfer command (RETR, STOR, LIST…). */
  transferStart: number | undefined
  /** Longest silence between two of its lines, in ms. */
  longestGapMs: number
  /** When that silence ended. */
  longestGapEnd: number | undefined
  /** Counted among the open sessions (see `SessionFigures`); false once closed or refused. */
  counted: boolean
  /** Open sessions when it opened: in total and (once its client is known) of its client address. */
  openAtStart: number
  clientOpenAtStart: number
  /** The client address and user name it is counted under, once known. */
  countedClient: string | undefined
  countedUser: string | undefined
  /** Silent too long without a logged end: not counted until it shows another line. */
  stale: boolean
  /** A capacity refusal was in it: it held no slot. */
  refused: boolean
  /** A timeout cut it. */
  cut: boolean
}

/** The timing of a session opened at `time`. */
export function newTiming(time: number | undefined): SessionTiming {
  return {
    start: time,
    previous: undefined,
    transferStart: undefined,
    longestGapMs: 0,
    longestGapEnd: undefined,
    counted: false,
    openAtStart: 0,
    clientOpenAtStart: 0,
    countedClient: undefined,
    countedUser: undefined,
    stale: false,
    refused: false,
    cut: false,
  }
}
