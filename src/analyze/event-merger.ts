import type { Classification } from '../catalog/catalog.js'
import type { Trigger } from '../catalog/schema.js'
import type { ServerFamily } from '../model/server-family.js'
import { detach } from '../collections/detach-string.js'
import type { EventFigures } from './incident-evidence.js'
import type { IncidentEvent, Sample } from './state.js'

/** Where an event was seen: a reply, or the record of a log message or a failed transfer (which may name who and where). */
export interface EventOrigin {
  readonly line: number
  readonly time: number | undefined
  readonly clientSide: boolean
  readonly client?: string | undefined
  readonly user?: string | undefined
  readonly host?: string | undefined
}

/**
 * An event found in a session and kept until the session ends, so that lines describing one
 * failure can merge. `time` in epoch ms (if logged); `code` `null` for log messages and
 * failed-transfer records; `bytesLost` in bytes. Strings are detached from their lines.
 */
export interface PendingEvent {
  readonly trigger: Trigger
  readonly code: number | null
  readonly time: number | undefined
  readonly classification: Classification
  readonly client: string | undefined
  readonly user: string | undefined
  file: string | undefined
  bytesLost: number
  readonly clientSide: boolean
  readonly sample: Sample
  /** What the log showed for the settings advice (`undefined`: nothing to measure). */
  figures?: EventFigures | undefined
}

/** Events of one session this close in time are taken as one failure (10 s, in ms). */
export const MERGE_WINDOW_MS = 10_000
/** Samples are capped at this many characters (an ellipsis marks a cut). */
export const MAX_SAMPLE_CHARS = 500

/**
 * Merges the events of one finished session that describe one failure, in place: a coded reply
 * absorbs a failed-transfer record (vsftpd's `426` and its `FAIL DOWNLOAD` line) or an uncoded log
 * line of the same cause; an entry that `refines` a cause absorbs it (ProFTPD's no-transfer timeout
 * and its passive-mode hint); a log line absorbs a failed-transfer record. Only events within
 * {@link MERGE_WINDOW_MS} of each other merge; the absorber takes the file (a transfer record's full
 * path first) and the larger `bytesLost`.
 *
 * Returns how many events remain: they are `events[0..n)`, in their original order.
 */
export function mergeEvents(events: PendingEvent[]): number {
  const n = events.length
  if (n < 2) return n
  const alive = new Array<boolean>(n).fill(true)
  for (let i = 0; i < n; i++) {
    if (!alive[i]) continue
    for (let j = 0; j < n; j++) {
      if (i === j || !alive[j] || !alive[i]) continue
      const a = events[i]!
      const b = events[j]!
      if (!near(a.time, b.time)) continue
      if (absorbs(a, b)) {
        // A transfer record names the file by its full path; prefer it to the command's argument.
        if (b.trigger === 'transfer-failed' && b.file !== undefined) a.file = b.file
        else a.file ??= b.file
        a.bytesLost = Math.max(a.bytesLost, b.bytesLost)
        a.figures ??= b.figures
        alive[j] = false
      }
    }
  }
  let kept = 0
  for (let i = 0; i < n; i++) if (alive[i]) events[kept++] = events[i]!
  return kept
}

/**
 * The incident event a pending one becomes. `server` names the server (the syslog host when the
 * log has one, else the family), `family` is the server family.
 */
export function incidentEvent(e: PendingEvent, server: string, family: ServerFamily): IncidentEvent {
  const c = e.classification
  return {
    time: e.time,
    server,
    family,
    cause: c.cause,
    severity: c.severity,
    code: e.code,
    matchedBy: c.matchedBy,
    client: e.client,
    user: e.user,
    file: e.file,
    bytesLost: e.bytesLost,
    clientSide: e.clientSide,
    sample: e.sample,
    figures: e.figures,
  }
}

/** Whether two times (epoch ms) are within {@link MERGE_WINDOW_MS}; an unknown time is near any. */
export function near(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || Math.abs(a - b) <= MERGE_WINDOW_MS
}

/** A line kept as evidence, capped at {@link MAX_SAMPLE_CHARS} and detached from its buffer. */
export function capSample(raw: string): string {
  return raw.length > MAX_SAMPLE_CHARS ? `${detach(raw.slice(0, MAX_SAMPLE_CHARS))}…` : detach(raw)
}

/** Whether event `a` stands for event `b` (so `b` is dropped after lending its details). */
function absorbs(a: PendingEvent, b: PendingEvent): boolean {
  // A coded reply explains a failed-transfer record or an uncoded log line of the same failure.
  if (a.code !== null && b.code === null) {
    if (b.trigger === 'transfer-failed') return a.code === 421 || a.code === 426 || a.code === 425 || a.code === 451
    return a.classification.cause === b.classification.cause
  }
  // A more specific message refines a general one (ProFTPD's passive hint after a no-transfer timeout).
  if (a.classification.refines.includes(b.classification.cause)) return true
  // A log line and a failed-transfer record of one moment: keep the log line's cause.
  if (a.code === null && b.code === null && a.trigger === 'log-message' && b.trigger === 'transfer-failed') return true
  return false
}
