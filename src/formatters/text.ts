import { createColors } from 'picocolors'
import { groupByAdvice, incidentsForDisplay, type AdviceGroup } from '../report/incident-order.js'
import type { Report, ReportIncident, ReportInput } from '../report/report-schema.js'
import { skippedInputsLine } from '../report/skipped-inputs.js'
import { stripControlChars } from './escape.js'
import { filterOutcome, humanBytes as bytes, num, peakConcurrentText, plural, reasonsText, settingLine, timeSpan } from './figures.js'
import { clip, clipMiddle, padEnd, wrap } from './text-layout.js'
import type { Formatter } from './types.js'

type Colors = ReturnType<typeof createColors>

const SEVERITY_MARK = { error: '✖', warning: '▲', notice: '•' } as const

/**
 * The human report: verdict first, then incidents (cause, code, span, who, advice naming the
 * server's directives, where to look), then the figures and per-input line accounting. Fits the
 * width (80 display columns by default, wide characters counted twice); colour only when
 * `ctx.color`; every log-derived string passes through {@link stripControlChars}. Incidents are
 * listed in display order and explained once per advice group (src/report/incident-order.ts).
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

function header(report: Report, c: Colors, width: number): string[] {
  const lines: string[] = []
  const range = report.timeRange ? `, ${timeSpan(report.timeRange.first, report.timeRange.last, true)}` : ''
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
    const outcome = filterOutcome(f)
    const scope = f.matchedEvents === 0 ? 'line and total counts cover every line' : 'incidents and security figures; line and total counts cover every line'
    const line = `filtered: ${parts.join(', ')}${outcome} (${scope})`
    lines.push(...wrap(f.matchedEvents === 0 ? c.bold(c.yellow(line)) : c.dim(line), width, '', '  '))
  }
  for (const input of report.inputs) {
    if (input.error) lines.push(...wrap(c.red(`  ${stripControlChars(input.error.message)}`), width, '', '    '))
  }
  const skipped = skippedInputsLine(report.inputs)
  if (skipped) lines.push(...wrap(c.dim(`${skipped} (listed in -f json inputs[])`), width, '', '  '))
  for (const notice of report.notices) lines.push(...wrap(c.dim(`note: ${stripControlChars(notice)}`), width, '', '  '))
  const approximate = Object.values(report.approximateCounts ?? {})
  if (approximate.length > 0) {
    const note = `note: some client, user or file tables met more distinct keys than they keep: their counts may overstate by up to ${Math.max(...approximate)} events (listed in -f json approximateCounts)`
    lines.push(...wrap(c.dim(note), width, '', '  '))
  }
  return lines
}

function incidentTable(incidents: readonly ReportIncident[], c: Colors, width: number): string[] {
  const rows = incidentsForDisplay(incidents)
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

function adviceBlock(group: AdviceGroup, c: Colors, width: number): string[] {
  const i = group.incidents[0]!
  const color = severityColor(i.severity, c)
  const codeText = [...group.codes].map(([k, n]) => (k === 'none' ? `${n} without a code` : `${k} ×${n}`)).join(', ')
  const when = group.firstSeen !== null && group.lastSeen !== null ? timeSpan(group.firstSeen, group.lastSeen, true) : 'no timestamps'
  const lines: string[] = []
  lines.push(color(c.bold(`${SEVERITY_MARK[i.severity]} ${i.title}`)) + c.dim(` [${i.cause}]`))
  const incidentsNote = group.incidents.length > 1 ? ` in ${group.incidents.length} incidents` : ''
  lines.push(...wrap(`${codeText}${incidentsNote} · ${serverLabel(i)} · ${when}`, width, '  ', '  '))
  if (group.clients.length > 0) lines.push(...wrap(`clients: ${list(group.clients)}`, width, '  ', '    '))
  if (group.users.length > 0) lines.push(...wrap(`users: ${list(group.users)}`, width, '  ', '    '))
  if (group.files.length > 0) lines.push(...wrap(`files: ${list(group.files)}`, width, '  ', '    '))
  if (group.bytesLost > 0) lines.push(`  ${bytes(group.bytesLost)} did not arrive`)
  if (group.clientSideEvents > 0) lines.push(...wrap(`${group.clientSideEvents} of these were printed by the client, not sent by the server`, width, '  ', '    '))
  lines.push(...wrap(i.advice.summary, width, '  ', '  '))
  // Sized from each incident's own evidence: one line per setting and incident, each once; the
  // directives no line sizes follow in one line.
  const sized = [...new Set(group.incidents.flatMap((x) => x.advice.settings.map(settingLine)))]
  const sizedNames = new Set(group.incidents.flatMap((x) => x.advice.settings.map((s) => s.directive)))
  if (sized.length > 0) lines.push(`  ${c.bold('Settings:')}`)
  for (const line of sized) lines.push(...wrap(stripControlChars(line), width, '    ', '      '))
  const rest = i.advice.directives.filter((d) => !sizedNames.has(d.name))
  if (rest.length > 0) {
    const ds = rest.map((d) => (d.default !== undefined ? `${d.name} (default ${d.default})` : d.name)).join(', ')
    lines.push(...wrap(`${c.bold(sized.length > 0 ? 'Also:' : 'Settings:')} ${ds}`, width, sized.length > 0 ? '    ' : '  ', '      '))
  }
  i.advice.steps.forEach((step, n) => lines.push(...wrap(`${n + 1}. ${step}`, width, '  ', '     ')))
  const samples = group.samples
  if (samples.length > 0) {
    // Repeated paths are written once: `a.log:12, :40, b.log:7`.
    const where = samples.map((s, n) => (n > 0 && samples[n - 1]!.path === s.path ? `:${s.line}` : `${s.path}:${s.line}`))
    const more = group.events > samples.length ? ` (+${num(group.events - samples.length)} more)` : ''
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
    lines.push(...wrap(`  ${padEnd(label, 10)} ${value}`, width, '', ' '.repeat(13)))
  }
  const peak = peakConcurrentText(report.sessions.peakConcurrent)
  row('sessions', `${num(report.sessions.total)} (${num(report.sessions.loggedIn)} logged in)${peak !== null ? `, peak ${peak}` : ''}`)
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
    if (i.container) lines.push(`    read inside the ${stripControlChars(i.container)} container lines`)
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

function list(items: readonly string[]): string {
  const shown = items.slice(0, 5).map(stripControlChars).join(', ')
  return items.length > 5 ? `${shown}, …` : shown
}
