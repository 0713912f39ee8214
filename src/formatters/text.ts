import { createColors } from 'picocolors'
import type { Report, ReportIncident, ReportInput } from '../report/report-schema.js'
import { skippedInputsLine } from '../report/skipped-inputs.js'
import { stripControlChars } from './escape.js'
import { humanBytes as bytes, reasonsText } from './figures.js'
import type { Formatter } from './types.js'

type Colors = ReturnType<typeof createColors>

const SEVERITY_MARK = { error: '✖', warning: '▲', notice: '•' } as const

/**
 * The human report: verdict first, then incidents (cause, code, span, who, advice naming the
 * server's directives, where to look), then the figures and per-input line accounting. Fits the
 * width (80 columns by default); colour only when `ctx.color`; every log-derived string passes
 * through {@link stripControlChars}.
 */
export const text: Formatter = (report, ctx) => {
  const c = createColors(ctx.color)
  const width = Math.max(60, ctx.width ?? 80)
  const out: string[] = []
  out.push(...header(report, c, width), '')
  if (report.incidents.length > 0) {
    out.push(...incidentTable(report.incidents, c, width), '')
    out.push(c.bold('WHAT HAPPENED AND WHAT TO DO'))
    for (const group of groupByAdvice(report.incidents)) out.push('', ...adviceBlock(group, c, width))
    out.push('')
  }
  out.push(...summaryBlock(report, c, width), '')
  out.push(...inputsBlock(report.inputs, c, width))
  return `${out.join('\n')}\n`
}

const TABLE_ROWS = 15
const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 } as const

function bySeverityThenTime(a: ReportIncident, b: ReportIncident): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '')
}

function header(report: Report, c: Colors, width: number): string[] {
  const lines: string[] = []
  const range = report.timeRange ? `, ${span(report.timeRange.first, report.timeRange.last)}` : ''
  const read = report.inputs.filter((i) => i.status !== 'skipped').length
  lines.push(...wrap(`ftplog ${report.tool.version}: ${plural(read, 'input')}, ${num(report.totals.lines)} lines${range}`, width))
  const v = report.verdict
  const s = report.totals.incidentsBySeverity
  const all = `${plural(report.totals.incidents, 'incident')} in all: ${s.error} error, ${s.warning} warning, ${s.notice} notice`
  let verdict: string
  if (v.status === 'error') {
    const bad = report.inputs.filter((i) => i.error).length
    verdict = `${c.bold(c.red(`ERROR: ${plural(bad, 'input')} could not be analysed`))} (${all}); exit 2`
  } else if (v.status === 'fail') {
    const why = stripControlChars(reasonsText(v))
    verdict = `${c.bold(c.red(`FAIL: ${why}`))} (${all}); exit 1`
  } else {
    verdict = `${c.bold(c.green(`PASS: nothing at or above --fail-on ${v.failOn}`))} (${all}); exit 0`
  }
  lines.push(...wrap(verdict, width, '', '  '))
  if (report.filters) {
    const f = report.filters
    const parts = [
      f.since ? `since ${f.since}` : '',
      f.until ? `until ${f.until}` : '',
      f.clients.length > 0 ? `clients ${f.clients.map(stripControlChars).join(', ')}` : '',
      f.users.length > 0 ? `users ${f.users.map(stripControlChars).join(', ')}` : '',
    ].filter(Boolean)
    lines.push(...wrap(c.dim(`filtered: ${parts.join(', ')} (incidents and security figures; line and total counts cover every line)`), width, '', '  '))
  }
  for (const input of report.inputs) {
    if (input.error) lines.push(...wrap(c.red(`  ${stripControlChars(input.error.message)}`), width, '', '    '))
  }
  const skipped = skippedInputsLine(report.inputs)
  if (skipped) lines.push(...wrap(c.dim(`${skipped} (listed in -f json inputs[])`), width, '', '  '))
  return lines
}

function incidentTable(incidents: readonly ReportIncident[], c: Colors, width: number): string[] {
  const rows = [...incidents].sort(bySeverityThenTime)
  const lines = [c.bold(`INCIDENTS (${incidents.length})`)]
  lines.push(c.dim(`    ${'CAUSE'.padEnd(23)}${'CODES'.padEnd(9)}${'EVENTS'.padStart(6)}  ${'FIRST (UTC)'.padEnd(16)}  SERVER`))
  for (const i of rows.slice(0, TABLE_ROWS)) {
    const color = severityColor(i.severity, c)
    const codes = Object.keys(i.codes).map((k) => (k === 'none' ? '-' : k)).join(',')
    const first = i.firstSeen ? i.firstSeen.slice(0, 16).replace('T', ' ') : '(no time)'
    const row = `  ${color(SEVERITY_MARK[i.severity])} ${i.cause.padEnd(23)}${clip(codes, 8).padEnd(9)}${num(i.events).padStart(6)}  ${first.padEnd(16)}  ${serverLabel(i)}`
    lines.push(clip(row, width))
  }
  if (rows.length > TABLE_ROWS) {
    const rest = rows.slice(TABLE_ROWS)
    const bySev = (sev: string): number => rest.filter((i) => i.severity === sev).length
    lines.push(c.dim(`  … ${plural(rest.length, 'more incident')} (${bySev('error')} error, ${bySev('warning')} warning, ${bySev('notice')} notice); -f json lists all`))
  }
  return lines
}

/** Incidents that share a cause and an advice text are explained once. */
interface AdviceGroup {
  readonly incidents: ReportIncident[]
}

function groupByAdvice(incidents: readonly ReportIncident[]): AdviceGroup[] {
  const groups = new Map<string, AdviceGroup>()
  for (const i of [...incidents].sort(bySeverityThenTime)) {
    const key = `${i.cause}\u0000${i.advice.summary}`
    const g = groups.get(key)
    if (g) g.incidents.push(i)
    else groups.set(key, { incidents: [i] })
  }
  return [...groups.values()]
}

function adviceBlock(group: AdviceGroup, c: Colors, width: number): string[] {
  const list0 = group.incidents
  const i = list0[0]!
  const color = severityColor(i.severity, c)
  const events = list0.reduce((n, x) => n + x.events, 0)
  const codes = new Map<string, number>()
  for (const x of list0) for (const [k, n] of Object.entries(x.codes)) codes.set(k, (codes.get(k) ?? 0) + n)
  const codeText = [...codes].map(([k, n]) => (k === 'none' ? `${n} without a code` : `${k} ×${n}`)).join(', ')
  const firsts = list0.map((x) => x.firstSeen).filter((t): t is string => t !== null).sort()
  const lasts = list0.map((x) => x.lastSeen).filter((t): t is string => t !== null).sort()
  const when = firsts.length > 0 ? span(firsts[0]!, lasts[lasts.length - 1]!) : 'no timestamps'
  const lines: string[] = []
  lines.push(color(c.bold(`${SEVERITY_MARK[i.severity]} ${i.title}`)) + c.dim(` [${i.cause}]`))
  const incidentsNote = list0.length > 1 ? ` in ${list0.length} incidents` : ''
  lines.push(...wrap(`${codeText}${incidentsNote} · ${serverLabel(i)} · ${when}`, width, '  ', '  '))
  const merged = (pick: (x: ReportIncident) => readonly string[]): string[] => [...new Set(list0.flatMap(pick))]
  const clients = merged((x) => x.clients)
  const users = merged((x) => x.users)
  const files = merged((x) => x.files)
  const bytesLost = list0.reduce((n, x) => n + x.bytesLost, 0)
  const clientSide = list0.reduce((n, x) => n + x.clientSideEvents, 0)
  if (clients.length > 0) lines.push(...wrap(`clients: ${list(clients)}`, width, '  ', '    '))
  if (users.length > 0) lines.push(...wrap(`users: ${list(users)}`, width, '  ', '    '))
  if (files.length > 0) lines.push(...wrap(`files: ${list(files)}`, width, '  ', '    '))
  if (bytesLost > 0) lines.push(`  ${bytes(bytesLost)} did not arrive`)
  if (clientSide > 0) lines.push(...wrap(`${clientSide} of these were printed by the client, not sent by the server`, width, '  ', '    '))
  lines.push(...wrap(i.advice.summary, width, '  ', '  '))
  if (i.advice.directives.length > 0) {
    const ds = i.advice.directives.map((d) => (d.default !== undefined ? `${d.name} (default ${d.default})` : d.name)).join(', ')
    lines.push(...wrap(`${c.bold('Settings:')} ${ds}`, width, '  ', '    '))
  }
  i.advice.steps.forEach((step, n) => lines.push(...wrap(`${n + 1}. ${step}`, width, '  ', '     ')))
  const samples = list0.flatMap((x) => x.samples).slice(0, 5)
  if (samples.length > 0) {
    // Repeated paths are written once: `a.log:12, :40, b.log:7`.
    const where = samples.map((s, n) => (n > 0 && samples[n - 1]!.path === s.path ? `:${s.line}` : `${s.path}:${s.line}`))
    const more = events > samples.length ? ` (+${num(events - samples.length)} more)` : ''
    lines.push(...wrap(`${c.bold('Seen at:')} ${stripControlChars(where.join(', '))}${more}`, width, '  ', '    '))
    lines.push(c.dim(`  > ${clipMiddle(stripControlChars(samples[0]!.text), width - 4)}`))
  }
  return lines
}

/** `vsftpd`, or `pure-ftpd@ftp01` when the log names the host. */
function serverLabel(i: ReportIncident): string {
  const server = stripControlChars(i.server)
  return i.server === i.serverFamily || i.serverFamily === 'generic' ? server : `${i.serverFamily}@${server}`
}

function severityColor(severity: ReportIncident['severity'], c: Colors): (s: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.cyan
}

function summaryBlock(report: Report, c: Colors, width: number): string[] {
  const t = report.transfers
  const l = report.logins
  const lines = [c.bold('SUMMARY')]
  const row = (label: string, value: string): void => {
    lines.push(...wrap(`  ${label.padEnd(10)} ${value}`, width, '', ' '.repeat(13)))
  }
  row('sessions', `${num(report.sessions.total)} (${num(report.sessions.loggedIn)} logged in)`)
  const topFailed = Object.entries(l.failedByClient).slice(0, 3)
  row(
    'logins',
    `${num(l.ok)} ok, ${num(l.failed)} failed` +
      (topFailed.length > 0 ? `; most failures: ${topFailed.map(([k, n]) => `${stripControlChars(k)} (${n})`).join(', ')}` : ''),
  )
  row(
    'transfers',
    `${num(t.completed)} complete (${num(t.uploads)} up ${bytes(t.bytesIn)}, ${num(t.downloads)} down ${bytes(t.bytesOut)})` +
      `, ${num(t.incomplete)} incomplete (${bytes(t.partialBytes)} partial)` +
      (t.failedToStart > 0 ? `, ${num(t.failedToStart)} refused before start` : '') +
      (t.deletes > 0 ? `, ${num(t.deletes)} deleted` : ''),
  )
  const classes = Object.entries(report.totals.repliesByClass)
    .map(([k, n]) => `${k}xx ${num(n)}`)
    .join(' · ')
  row('replies', classes.length > 0 ? classes : 'none logged')
  const sec = report.security
  if (sec.bruteForce.windows.length > 0 || sec.privileged.attempts > 0) {
    const offenders = sec.bruteForce.offenders.slice(0, 3).map(stripControlChars).join(', ')
    const more = sec.bruteForce.offenders.length > 3 ? ', …' : ''
    row(
      'security',
      `${plural(sec.bruteForce.windows.length, 'brute-force window')}` +
        (offenders ? ` (${offenders}${more})` : '') +
        `; ${plural(sec.privileged.attempts, 'root/admin login')} (${num(sec.privileged.succeeded)} succeeded)`,
    )
  }
  const notable = Object.entries(report.totals.replies).filter(([code]) => code >= '400')
  if (notable.length > 0) row('', notable.map(([code, n]) => `${code} ×${num(n)}`).join(', '))
  return lines
}

function inputsBlock(inputs: readonly ReportInput[], c: Colors, width: number): string[] {
  const lines = [c.bold('INPUTS')]
  for (const i of inputs) {
    if (i.status === 'skipped') continue
    const ratio = i.recognizedRatio === null ? 'empty' : `${(i.recognizedRatio * 100).toFixed(1)}% recognized`
    const format = i.logFormat ?? '—'
    lines.push(...wrap(`  ${stripControlChars(i.path)}  ${format}  ${num(i.lines)} lines  ${i.error ? c.red('error') : ratio}`, width, '', '    '))
    if (i.notFtpLines > 0) lines.push(`    ${num(i.notFtpLines)} lines of other programs`)
    if (i.overlongLines > 0) lines.push(`    ${num(i.overlongLines)} overlong lines skipped`)
    if (i.timeRule) lines.push(...wrap(c.dim(`time: ${i.timeRule}`), width, '    ', '      '))
    if (i.unrecognizedLines > 0) {
      lines.push(`    ${num(i.unrecognizedLines)} unrecognized, e.g.:`)
      for (const s of i.unrecognizedSamples.slice(0, 3)) lines.push(c.dim(clip(`      ${s.line}: ${stripControlChars(s.text)}`, width)))
    }
  }
  return lines
}

// ---- helpers ----------------------------------------------------------------------------------

/** Word-wraps `text` to `width` columns (ANSI sequences count as zero width). */
function wrap(text: string, width: number, indent = '', hangingIndent = indent): string[] {
  const words = text.split(' ')
  const lines: string[] = []
  let line = indent
  let len = visible(indent)
  let first = true
  for (const word of words) {
    const w = visible(word)
    if (!first && len + 1 + w > width && len > visible(lines.length === 0 ? indent : hangingIndent)) {
      lines.push(line)
      line = hangingIndent + word
      len = visible(hangingIndent) + w
    } else {
      line += (first ? '' : ' ') + word
      len += (first ? 0 : 1) + w
    }
    first = false
  }
  lines.push(line)
  return lines
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g
function visible(s: string): number {
  return s.replace(ANSI, '').length
}

function clip(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s
}

/** Shortens `s` to `width` by cutting its middle: log lines keep their head (time) and tail (the reply). */
function clipMiddle(s: string, width: number): string {
  if (s.length <= width) return s
  const head = Math.min(26, Math.floor(width / 3))
  return `${s.slice(0, head)}…${s.slice(s.length - (width - head - 1))}`
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, 5).map(stripControlChars).join(', ')
  return items.length > 5 ? `${shown}, …` : shown
}

function plural(n: number, word: string): string {
  return `${num(n)} ${word}${n === 1 ? '' : 's'}`
}

function num(n: number): string {
  return n.toLocaleString('en-US')
}

/** `2024-01-15 10:23:45 → 10:31:02 UTC (7m 17s)`, with the second date only when it differs. */
function span(first: string, last: string): string {
  const [d1, t1] = [first.slice(0, 10), first.slice(11, 19)]
  const [d2, t2] = [last.slice(0, 10), last.slice(11, 19)]
  if (first === last) return `${d1} ${t1} UTC`
  const secs = Math.round((Date.parse(last) - Date.parse(first)) / 1000)
  return `${d1} ${t1} → ${d1 === d2 ? '' : `${d2} `}${t2} UTC (${duration(secs)})`
}

function duration(secs: number): string {
  if (secs < 60) return `${secs}s`
  const m = Math.floor(secs / 60)
  if (m < 60) return `${m}m ${secs % 60}s`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h}h ${m % 60}m`
  return `${Math.floor(h / 24)}d ${h % 24}h`
}
