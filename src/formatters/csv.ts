import { isFailing, parseFailOn } from '../report/fail-on.js'
import { escapeCsvField } from './escape.js'
import type { Formatter } from './types.js'

type Cell = string | number | null

function table(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  // RFC 4180 §2: records end with CRLF.
  return [header, ...rows].map((r) => r.map(escapeCsvField).join(',')).join('\r\n') + '\r\n'
}

/**
 * The incidents table as CSV (RFC 4180, CRLF line ends, a header row): one row per incident
 * with its severity, cause, codes, events, times, server, clients/users/files (`;`-separated),
 * bytes lost, whether it fails the run under `--fail-on`, and its first sample's place. Every
 * field goes through {@link escapeCsvField} (quoting and formula-injection guard).
 */
export const csv: Formatter = (report) => {
  const failOn = parseFailOn(report.verdict.failOn)
  return table(
    ['id', 'severity', 'cause', 'code', 'codes', 'title', 'events', 'first_seen', 'last_seen', 'server', 'clients', 'users', 'files', 'bytes_lost', 'failing', 'sample_path', 'sample_line'],
    report.incidents.map((i) => [
      i.id,
      i.severity,
      i.cause,
      i.code,
      Object.entries(i.codes)
        .map(([c, n]) => `${c}:${n}`)
        .join(';'),
      i.title,
      i.events,
      i.firstSeen,
      i.lastSeen,
      i.server,
      i.clients.join(';'),
      i.users.join(';'),
      i.files.join(';'),
      i.bytesLost,
      isFailing(i, failOn) ? 'yes' : 'no',
      i.samples[0]?.path ?? null,
      i.samples[0]?.line ?? null,
    ]),
  )
}

/**
 * The transfers table as CSV: one row per outcome and direction with its count and bytes
 * (`completed,upload`, `completed,download`, `incomplete`, `failed-to-start`, `deleted`), then
 * one row per incident that lost bytes with the files it names. The report keeps transfer
 * totals, not each transfer (memory stays flat on any log size), so this is a summary table.
 */
export const csvTransfers: Formatter = (report) => {
  const t = report.transfers
  const rows: Cell[][] = [
    ['completed', 'upload', t.uploads, t.bytesIn, null, null],
    ['completed', 'download', t.downloads, t.bytesOut, null, null],
    ['incomplete', null, t.incomplete, t.partialBytes, null, null],
    ['failed-to-start', null, t.failedToStart, null, null, null],
    ['deleted', null, t.deletes, null, null, null],
  ]
  for (const i of report.incidents) {
    if (i.bytesLost > 0) rows.push(['lost', null, i.events, i.bytesLost, i.id, i.files.join(';')])
  }
  return table(['outcome', 'direction', 'transfers', 'bytes', 'incident', 'files'], rows)
}
