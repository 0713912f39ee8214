import type { Report, ReportIncident } from '../report/report-schema.js'

/**
 * Wording shared by the formatters: counts, plurals, times, spans, byte sizes, the verdict line.
 * Plain text, not escaped: each formatter escapes for its output.
 */

/** Bytes in binary units: `0 B`, `1.5 KiB`, `12.3 MiB`. */
export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let u = -1
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v.toFixed(1)} ${units[u]}`
}

/** An ISO time as `2024-01-15 10:02:45` (UTC), or `—` for none. */
export function shortTime(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '—'
}

/**
 * `2024-01-15 10:00:00 → 10:11:00 UTC`, with the second date only when it differs; with
 * `withDuration`, followed by the length of the span: `… UTC (11m 0s)`. One time when
 * `first === last`: `2024-01-15 10:00:00 UTC`.
 */
export function timeSpan(first: string, last: string, withDuration = false): string {
  if (first === last) return `${shortTime(first)} UTC`
  const sameDay = first.slice(0, 10) === last.slice(0, 10)
  const span = `${shortTime(first)} → ${sameDay ? last.slice(11, 19) : shortTime(last)} UTC`
  return withDuration ? `${span} (${duration(Math.round((Date.parse(last) - Date.parse(first)) / 1000))})` : span
}

/** A length of time in its two largest units: `42s`, `7m 17s`, `5h 3m`, `3d 4h` (hours up to 48). */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const m = Math.floor(seconds / 60)
  if (m < 60) return `${m}m ${seconds % 60}s`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h}h ${m % 60}m`
  return `${Math.floor(h / 24)}d ${h % 24}h`
}

/** A count with thousands separators: `12,345`. */
export function num(n: number): string {
  return n.toLocaleString('en-US')
}

/** `1 input`, `3 inputs`, with thousands separators. */
export function plural(n: number, word: string): string {
  return `${num(n)} ${word}${n === 1 ? '' : 's'}`
}

/**
 * What the filters kept, to follow the list of filters: `; 12 events passed` (replies, login
 * attempts and incident events), or, when none passed, that the incidents and security figures
 * are empty because of the filters; `''` when the report does not know (`filters.matchedEvents`
 * absent).
 */
export function filterOutcome(filters: NonNullable<Report['filters']>): string {
  const n = filters.matchedEvents
  if (n === undefined) return ''
  if (n === 0) return '; no event passed them: the incidents and security figures are empty because of the filters, not the log'
  return `; ${plural(n, 'event')} passed`
}

/** What the filters leave whole, as a sentence: every count when nothing passed, else all but incidents and security figures. */
export function filterScope(filters: NonNullable<Report['filters']>): string {
  return filters.matchedEvents === 0 ? 'Line and total counts cover every line.' : 'Incidents and security figures are filtered; line and total counts cover every line.'
}

/**
 * An input's status for an inputs table, not escaped: `ok`; `ok; its last 176 lines are counted from
 * syslog.3.gz on` for a mirror's part read up to where the other file starts; `skipped: binary file`;
 * `error: …`. The reasons and paths come from the report (`skipReason`, `mirror.of`, `error`).
 */
export function inputStatus(i: Report['inputs'][number]): string {
  if (i.error) return `error: ${i.error.message}`
  if (i.status === 'skipped') return `skipped: ${i.skipReason ?? 'not an FTP log'}`
  if (i.mirror) return `ok; its last ${plural(i.mirror.lines, 'line')} are counted from ${i.mirror.of} on`
  return 'ok'
}

/** The headline verdict in words: `PASS`, `FAIL: …` or `ERROR: …` (not escaped). */
export function verdictLine(report: Report): string {
  const v = report.verdict
  if (v.status === 'pass') return `PASS: nothing at or above --fail-on ${v.failOn}${v.maxIncidents !== null && v.failingIncidents > 0 ? ` beyond --max-incidents ${v.maxIncidents}` : ''}`
  return `${v.status === 'error' ? 'ERROR' : 'FAIL'}: ${reasonsText(v)}`
}

/**
 * The verdict's reasons in one line, short whatever the number of inputs: input errors and
 * inputs over `--max-unrecognized` are counted when there are several (the inputs table of each
 * formatter has the details).
 */
export function reasonsText(v: Report['verdict']): string {
  if (v.reasons.length === 0) return `${plural(v.failingIncidents, 'incident')} at or above --fail-on ${v.failOn}`
  const errors = v.reasons.filter((r) => r.rule === 'input-error')
  const unrecognized = v.reasons.filter((r) => r.rule === 'max-unrecognized')
  const parts: string[] = []
  if (errors.length > 0) parts.push(`${plural(errors.length, 'input')} could not be analysed`)
  for (const r of v.reasons) if (r.rule === 'fail-on' || r.rule === 'max-incidents') parts.push(r.message)
  if (unrecognized.length === 1) parts.push(unrecognized[0]!.message)
  else if (unrecognized.length > 1) parts.push(`${unrecognized.length} inputs over --max-unrecognized ${v.maxUnrecognized}`)
  return parts.join('; ')
}

/** The reply codes of an incident: `421`, `426, none`. */
export function codeList(i: ReportIncident): string {
  return Object.keys(i.codes).join(', ')
}

/**
 * One setting of an incident's advice on one line (not escaped):
 * `max_per_ip = 3 (vsftpd.conf:34) → 6: 127.0.0.1 held 3 sessions at both refusals (…)`; a
 * default reads `(default)`, a value in minutes `15 min`, no recommendation leaves out `→ …`.
 */
export function settingLine(s: ReportIncident['advice']['settings'][number]): string {
  const value = (v: string): string => (s.unit === 'minutes' ? `${v} min` : v)
  const where = s.source ?? (s.isDefault && s.configured !== null ? 'default' : 'not set')
  return `${s.directive} = ${s.configured === null ? '?' : value(s.configured)} (${where})${s.recommended !== null ? ` → ${value(s.recommended)}` : ''}: ${s.reason}`
}

/** `sessions.peakConcurrent` in words: `4 at once (2024-01-15 10:05:00 UTC), estimated`; null without sessions. */
export function peakConcurrentText(p: Report['sessions']['peakConcurrent']): string | null {
  if (p.global === null) return null
  return `${num(p.global)} at once${p.at !== null ? ` (${shortTime(p.at)} UTC)` : ''}${p.estimated ? ', estimated' : ''}`
}
