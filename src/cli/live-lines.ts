import type { IncidentState } from '../analyze/state.js'
import { topKeys } from '../collections/counter-map.js'
import type { Catalog } from '../catalog/catalog.js'
import { stripControlChars } from '../formatters/escape.js'

/**
 * One line for an incident that opened or closed in `--follow` mode, e.g.
 *
 * ```text
 * OPEN  2024-01-15T10:05:00.000Z error capacity vsftpd 421 client=198.51.100.7 at=vsftpd.log:23 Connection limit reached
 * CLOSE 2024-01-15T10:05:03.000Z error capacity vsftpd 421×2 events=2 since=2024-01-15T10:05:00.000Z
 * ```
 *
 * Fields are separated by single spaces; everything taken from the log passes through
 * `stripControlChars` (no control or bidi character reaches the terminal) and has its spaces
 * replaced by `_`, so the line stays one line with fixed fields.
 */
export function formatIncidentChange(change: 'opened' | 'closed', inc: IncidentState, catalog: Catalog): string {
  const field = (text: string): string => stripControlChars(text).replace(/ /g, '_')
  const time = (t: number | undefined): string => (t === undefined ? 'untimed' : new Date(t).toISOString())
  const codes = inc.codes.map(([code, n]) => (code === 'none' ? 'no-code' : code) + (n > 1 ? `×${n}` : '')).join(',')
  const head = [change === 'opened' ? 'OPEN ' : 'CLOSE', time(change === 'opened' ? inc.first : inc.last), inc.severity, inc.cause, field(inc.server), codes]
  if (change === 'closed') return [...head, `events=${inc.events}`, `since=${time(inc.first)}`].join(' ')
  const client = topKeys(inc.clients, 1)[0]
  const sample = inc.samples[0]
  return [
    ...head,
    ...(client !== undefined ? [`client=${field(client)}`] : []),
    ...(sample ? [`at=${field(sample.path)}:${sample.line}`] : []),
    stripControlChars(catalog.causes.get(inc.cause)?.title ?? inc.cause),
  ].join(' ')
}
