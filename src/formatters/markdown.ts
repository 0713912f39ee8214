import { incidentsForDisplay } from '../report/incident-order.js'
import type { Report, ReportIncident } from '../report/report-schema.js'
import { escapeMarkdown, fencedBlock, inlineCode } from './escape.js'
import { codeList, filterOutcome, filterScope, humanBytes, inputStatus, peakConcurrentText, plural, settingLine, shortTime, timeSpan, verdictLine } from './figures.js'
import type { Formatter } from './types.js'

const SEVERITY_LABEL = { error: '🔴 error', warning: '🟠 warning', notice: '🔵 notice' } as const
const MAX_LIST = 5
// GitHub takes at most 1 MiB per step summary; these keep a summary of any report well below it.
const MAX_TABLE_ROWS = 100
const MAX_DETAILS = 30

/**
 * An incident summary in GitHub-flavoured Markdown, for a ticket, a PR comment or
 * `$GITHUB_STEP_SUMMARY`: headline (verdict, inputs, time range, filters), incident table,
 * advice per incident with its samples in fenced blocks, key figures, security summary.
 * Every log-derived string goes through {@link escapeMarkdown} (prose and table cells),
 * {@link inlineCode} or {@link fencedBlock}. Worst incidents first; the table stops at 100
 * incidents and the advice sections at 30, so a summary stays within GitHub's 1 MiB limit.
 */
export const markdown: Formatter = (report) => {
  const out: string[] = []
  const v = report.verdict
  out.push(`## ftplog: ${escapeMarkdown(verdictLine(report))}`, '')
  const range = report.timeRange ? ` · ${timeSpan(report.timeRange.first, report.timeRange.last)}` : ''
  out.push(`**${plural(report.inputs.length, 'input')}** · ${plural(report.totals.lines, 'line')}${range} · exit ${v.exitCode}${report.redacted ? ' · redacted' : ''}`, '')
  if (report.filters) out.push(`> Filtered: ${filterText(report)}${escapeMarkdown(filterOutcome(report.filters))}. ${filterScope(report.filters)}`, '')

  out.push('| input | log format | lines | recognized | status |', '|---|---|--:|--:|---|')
  for (const i of report.inputs) {
    const ratio = i.recognizedRatio === null ? '—' : `${(i.recognizedRatio * 100).toFixed(1)}%`
    const status = escapeMarkdown(inputStatus(i))
    out.push(`| ${escapeMarkdown(i.path)} | ${escapeMarkdown(i.logFormat ?? '—')} | ${i.lines} | ${ratio} | ${status} |`)
  }
  out.push('')

  const incidents = incidentsForDisplay(report.incidents)
  out.push(`### Incidents (${incidents.length})`, '')
  if (incidents.length === 0) out.push('No incidents.', '')
  else {
    out.push('| severity | cause | code | events | first seen (UTC) | last seen (UTC) | clients | users |', '|---|---|---|--:|---|---|---|---|')
    for (const i of incidents.slice(0, MAX_TABLE_ROWS)) {
      out.push(
        `| ${SEVERITY_LABEL[i.severity]} | ${escapeMarkdown(i.cause)} | ${escapeMarkdown(codeList(i))} | ${i.events} | ${shortTime(i.firstSeen)} | ${shortTime(i.lastSeen)} | ${list(i.clients)} | ${list(i.users)} |`,
      )
    }
    if (incidents.length > MAX_TABLE_ROWS) out.push('', `… ${incidents.length - MAX_TABLE_ROWS} more incidents (the least severe); -f json lists them all.`)
    out.push('', '### What happened and what to do', '')
    for (const i of incidents.slice(0, MAX_DETAILS)) out.push(...incidentSection(i), '')
    if (incidents.length > MAX_DETAILS) out.push(`Advice and samples for the first ${MAX_DETAILS} incidents above; -f html or -f json has all.`, '')
  }

  out.push('### Key figures', '', '| | |', '|---|---|')
  const t = report.transfers
  const peak = peakConcurrentText(report.sessions.peakConcurrent)
  out.push(`| sessions | ${report.sessions.total} (${report.sessions.loggedIn} logged in)${peak !== null ? `, peak ${escapeMarkdown(peak)}` : ''} |`)
  out.push(`| logins | ${report.logins.ok} ok, ${report.logins.failed} failed |`)
  out.push(`| transfers | ${t.completed} complete (${t.uploads} up ${humanBytes(t.bytesIn)}, ${t.downloads} down ${humanBytes(t.bytesOut)}), ${t.incomplete} incomplete (${humanBytes(t.partialBytes)} partial), ${t.failedToStart} refused |`)
  const classes = Object.entries(report.totals.repliesByClass).map(([k, n]) => `${k}xx ${n}`)
  out.push(`| replies | ${classes.length > 0 ? classes.join(' · ') : 'none'} |`)
  const notable = Object.entries(report.totals.replies).filter(([code]) => code >= '400')
  if (notable.length > 0) out.push(`| 4xx/5xx | ${notable.map(([code, n]) => `${code} ×${n}`).join(', ')} |`)
  out.push('')

  out.push(...securitySection(report))
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}

function incidentSection(i: ReportIncident): string[] {
  const out: string[] = []
  out.push(`#### ${SEVERITY_LABEL[i.severity]}: ${escapeMarkdown(i.title)} (${escapeMarkdown(i.cause)}, ${escapeMarkdown(codeList(i))})`, '')
  const when = i.firstSeen && i.lastSeen ? timeSpan(i.firstSeen, i.lastSeen) : 'no timestamps'
  out.push(`${plural(i.events, 'event')} on ${escapeMarkdown(i.server)} · ${when}${i.bytesLost > 0 ? ` · ${humanBytes(i.bytesLost)} did not arrive` : ''}`, '')
  if (i.clients.length > 0) out.push(`- clients: ${list(i.clients)}`)
  if (i.users.length > 0) out.push(`- users: ${list(i.users)}`)
  if (i.files.length > 0) out.push(`- files: ${list(i.files)}`)
  if (i.clients.length + i.users.length + i.files.length > 0) out.push('')
  out.push(escapeMarkdown(i.advice.summary), '')
  if (i.advice.directives.length > 0) {
    const ds = i.advice.directives.map((d) => `${inlineCode(d.name)}${d.default !== undefined ? ` (default ${escapeMarkdown(d.default)})` : ''}`)
    out.push(`Settings: ${ds.join(', ')}`, '')
  }
  for (const line of i.advice.settings.map(settingLine)) out.push(`- ${escapeMarkdown(line)}`)
  if (i.advice.settings.length > 0) out.push('')
  i.advice.steps.forEach((step, n) => out.push(`${n + 1}. ${escapeMarkdown(step)}`))
  if (i.advice.steps.length > 0) out.push('')
  if (i.samples.length > 0) {
    out.push(`<details><summary>${i.samples.length} of ${i.events} events</summary>`, '')
    for (const s of i.samples) out.push(`${inlineCode(`${s.path}:${s.line}`)}`, '', fencedBlock(s.text), '')
    out.push('</details>')
  }
  return out
}

function securitySection(report: Report): string[] {
  const s = report.security
  if (s.failedLogins === 0 && s.privileged.attempts === 0 && s.bruteForce.windows.length === 0) return []
  const out = ['### Security', '']
  const top = (r: Record<string, number>): string =>
    Object.entries(r)
      .slice(0, MAX_LIST)
      .map(([k, n]) => `${escapeMarkdown(k)} (${n})`)
      .join(', ') || '—'
  out.push(`- failed logins: ${s.failedLogins}; most by client: ${top(s.failedByClient)}; by user: ${top(s.failedByUser)}`)
  out.push(`- privileged accounts (root, admin…): ${s.privileged.attempts} attempts, ${s.privileged.failed} failed, ${s.privileged.succeeded} succeeded${s.privileged.attempts > 0 ? `; ${top(s.privileged.byUser)}` : ''}`)
  const rule = s.bruteForce.rule
  const ruleText = rule ? `${rule.failures} failures in ${rule.windowSeconds} s${rule.preset ? ` (${rule.preset})` : ''}` : 'none'
  out.push(`- brute-force windows (${ruleText}): ${s.bruteForce.windows.length}${s.bruteForce.windowsDropped > 0 ? ` (+${s.bruteForce.windowsDropped} not kept)` : ''}`, '')
  if (s.bruteForce.windows.length > 0) {
    out.push('| client | from (UTC) | to (UTC) | failures | users | input |', '|---|---|---|--:|---|---|')
    for (const w of s.bruteForce.windows.slice(0, 50)) {
      out.push(`| ${escapeMarkdown(w.client)} | ${shortTime(w.start)} | ${shortTime(w.end)} | ${w.failures} | ${list(w.users)} | ${escapeMarkdown(w.path)} |`)
    }
    if (s.bruteForce.windows.length > 50) out.push('', `… ${s.bruteForce.windows.length - 50} more windows; -f json lists them all.`)
    out.push('')
  }
  return out
}

function list(items: readonly string[]): string {
  if (items.length === 0) return '—'
  const shown = items.slice(0, MAX_LIST).map(escapeMarkdown).join(', ')
  return items.length > MAX_LIST ? `${shown}, … (${items.length})` : shown
}

function filterText(report: Report): string {
  const f = report.filters!
  const parts: string[] = []
  if (f.since) parts.push(`since ${shortTime(f.since)} UTC`)
  if (f.until) parts.push(`until ${shortTime(f.until)} UTC`)
  if (f.clients.length > 0) parts.push(`clients ${f.clients.map(escapeMarkdown).join(', ')}`)
  if (f.users.length > 0) parts.push(`users ${f.users.map(escapeMarkdown).join(', ')}`)
  return parts.join(', ')
}
