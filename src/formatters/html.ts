import { createHash } from 'node:crypto'
import { incidentsForDisplay, timelineIncidents } from '../report/incident-order.js'
import type { Report, ReportIncident } from '../report/report-schema.js'
import { escapeHtml } from './escape.js'
import { codeList, filterOutcome, filterScope, humanBytes, inputStatus, plural, settingLine, shortTime, timeSpan, verdictLine } from './figures.js'
import type { Formatter } from './types.js'

const MAX_TIMELINE_ROWS = 40
const MAX_CARDS = 200
const CLASS_NAMES = ['1xx preliminary', '2xx completion', '3xx intermediate', '4xx transient failure', '5xx permanent failure'] as const

/**
 * One self-contained HTML page: verdict, incident timeline (SVG), replies by class over time
 * (SVG, stacked bars from `report.timeline`), top clients/users/files, incident cards with advice
 * and samples, key figures, inputs and the security summary. No network fetches: styles, the
 * small script (severity filter) and charts are inline, and a Content-Security-Policy with
 * `default-src 'none'` and hashes of the inline style and script blocks keeps it that way — even
 * an escaping bug could not load or run anything else. Every log-derived string goes through
 * {@link escapeHtml}.
 */
export const html: Formatter = (report) => {
  const h = escapeHtml
  const v = report.verdict
  const incidents = incidentsForDisplay(report.incidents)
  const range = report.timeRange ? timeSpan(report.timeRange.first, report.timeRange.last) : 'no timestamps'
  const body = [
    `<header class="verdict ${v.status}"><h1>ftplog: ${h(verdictLine(report))}</h1>`,
    `<p>${plural(report.inputs.length, 'input')} · ${plural(report.totals.lines, 'line')} · ${h(range)} · exit ${v.exitCode}${report.redacted ? ' · redacted' : ''}</p>`,
    report.filters ? `<p class="filters">Filtered: ${h(`${filterText(report)}${filterOutcome(report.filters)}. ${filterScope(report.filters)}`)}</p>` : '',
    `<p class="counts"><span class="badge error">${report.totals.incidentsBySeverity.error} error</span> <span class="badge warning">${report.totals.incidentsBySeverity.warning} warning</span> <span class="badge notice">${report.totals.incidentsBySeverity.notice} notice</span></p></header>`,
    '<main>',
    section('Incident timeline', incidentTimeline(report, incidents)),
    section('Replies by class over time', replyChart(report)),
    section('Most affected', topTables(report)),
    section(
      `Incidents (${incidents.length})`,
      incidents.length === 0
        ? '<p>No incidents.</p>'
        : `<p class="filter-buttons">Show: <button type="button" data-severity="all" aria-pressed="true">all</button> <button type="button" data-severity="error">error</button> <button type="button" data-severity="warning">warning</button> <button type="button" data-severity="notice">notice</button></p>` +
            incidents.slice(0, MAX_CARDS).map(card).join('\n') +
            (incidents.length > MAX_CARDS ? `<p>… ${incidents.length - MAX_CARDS} more incidents; -f json lists them all.</p>` : ''),
      'incidents',
    ),
    section('Key figures', figures(report)),
    section('Inputs', inputsTable(report)),
    section('Security', security(report)),
    '</main>',
    `<footer>ftplog ${h(report.tool.version)} · report schema ${report.schemaVersion}</footer>`,
  ].join('\n')
  const csp = `default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(`ftplog: ${verdictLine(report)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script>${SCRIPT}</script>
</body>
</html>
`
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`
}

function section(title: string, content: string, id?: string): string {
  return `<section${id ? ` id="${id}"` : ''}><h2>${escapeHtml(title)}</h2>\n${content}\n</section>`
}

function incidentTimeline(report: Report, incidents: readonly ReportIncident[]): string {
  const { rows, timed } = timelineIncidents(incidents, MAX_TIMELINE_ROWS)
  if (!report.timeRange || timed === 0) return '<p class="empty">No timed incidents to chart.</p>'
  const t0 = Date.parse(report.timeRange.first)
  const t1 = Math.max(Date.parse(report.timeRange.last), t0 + 1000)
  const W = 900
  const left = 190
  const rowH = 18
  const top = 8
  const H = top + rows.length * rowH + 30
  const x = (t: number): number => left + ((t - t0) / (t1 - t0)) * (W - left - 10)
  const parts = [`<svg id="incident-timeline" role="img" aria-label="Incident timeline" viewBox="0 0 ${W} ${H}" width="100%" xmlns="http://www.w3.org/2000/svg">`]
  rows.forEach((i, n) => {
    const y = top + n * rowH
    const a = x(Date.parse(i.firstSeen!))
    const b = x(Date.parse(i.lastSeen ?? i.firstSeen!))
    const label = `${i.cause} (${codeList(i)})`
    parts.push(`<text class="label" x="${left - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(label.length > 30 ? `${label.slice(0, 29)}…` : label)}</text>`)
    parts.push(
      `<rect class="incident ${i.severity}" data-cause="${escapeHtml(i.cause)}" x="${a.toFixed(1)}" y="${y + 2}" width="${Math.max(4, b - a).toFixed(1)}" height="${rowH - 5}" rx="2"><title>${escapeHtml(`${i.title}: ${plural(i.events, 'event')}, ${timeSpan(i.firstSeen!, i.lastSeen ?? i.firstSeen!)}`)}</title></rect>`,
    )
  })
  const axisY = top + rows.length * rowH + 4
  parts.push(`<line class="axis" x1="${left}" x2="${W - 10}" y1="${axisY}" y2="${axisY}"/>`)
  parts.push(`<text class="tick" x="${left}" y="${axisY + 16}">${escapeHtml(shortTime(report.timeRange.first))}</text>`)
  parts.push(`<text class="tick" x="${W - 10}" y="${axisY + 16}" text-anchor="end">${escapeHtml(shortTime(report.timeRange.last))} UTC</text>`)
  parts.push('</svg>')
  if (timed > rows.length) parts.push(`<p>${rows.length} of ${timed} timed incidents shown: the most severe, then those with the most events.</p>`)
  return parts.join('\n')
}

function replyChart(report: Report): string {
  const tl = report.timeline
  if (tl.buckets.length === 0) return '<p class="empty">No timed replies to chart.</p>'
  const starts = tl.buckets.map((b) => Date.parse(b.start))
  const t0 = Math.min(...starts)
  const n = Math.round((Math.max(...starts) - t0) / tl.bucketMs) + 1
  const totals = tl.buckets.map((b) => Object.values(b.replies).reduce((s, x) => s + x, 0))
  const max = Math.max(1, ...totals)
  const W = 900
  const left = 50
  const H = 220
  const plotH = 170
  // Few buckets would make very wide bars; keep them narrow and at their place in time.
  const barW = Math.min(40, (W - left - 10) / n)
  const parts = [`<svg id="reply-chart" role="img" aria-label="Replies by class over time" viewBox="0 0 ${W} ${H}" width="100%" xmlns="http://www.w3.org/2000/svg">`]
  tl.buckets.forEach((b, i) => {
    const slot = Math.round((starts[i]! - t0) / tl.bucketMs)
    let y = 10 + plotH
    for (let c = 1; c <= 5; c++) {
      const count = b.replies[String(c)] ?? 0
      if (count === 0) continue
      const hgt = (count / max) * plotH
      y -= hgt
      parts.push(
        `<rect class="bar c${c}" x="${(left + slot * barW).toFixed(2)}" y="${y.toFixed(2)}" width="${Math.max(1, barW - 1).toFixed(2)}" height="${hgt.toFixed(2)}"><title>${escapeHtml(`${shortTime(b.start)} UTC: ${count} ${CLASS_NAMES[c - 1]}`)}</title></rect>`,
      )
    }
  })
  parts.push(`<line class="axis" x1="${left}" x2="${W - 10}" y1="${10 + plotH}" y2="${10 + plotH}"/>`)
  parts.push(`<text class="tick" x="${left - 4}" y="16" text-anchor="end">${max}</text><text class="tick" x="${left - 4}" y="${10 + plotH}" text-anchor="end">0</text>`)
  parts.push(`<text class="tick" x="${left}" y="${plotH + 28}">${escapeHtml(shortTime(tl.buckets[0]!.start))}</text>`)
  parts.push(`<text class="tick" x="${W - 10}" y="${plotH + 28}" text-anchor="end">${escapeHtml(shortTime(tl.buckets[tl.buckets.length - 1]!.start))} UTC · ${bucketText(tl.bucketMs)} per bar</text>`)
  parts.push('</svg>')
  const legend = CLASS_NAMES.map((name, i) => `<span class="key"><svg width="10" height="10" xmlns="http://www.w3.org/2000/svg"><rect class="c${i + 1}" width="10" height="10"/></svg> ${name}</span>`).join(' ')
  return `${parts.join('\n')}\n<p class="legend">${legend}</p>`
}

function bucketText(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`
  if (ms % 60_000 === 0) return `${ms / 60_000} min`
  return `${ms / 1000} s`
}

function topTables(report: Report): string {
  const table = (title: string, rows: Record<string, number>, unit: string): string => {
    const entries = Object.entries(rows).slice(0, 10)
    const body = entries.length === 0 ? '<tr><td colspan="2">—</td></tr>' : entries.map(([k, n]) => `<tr><td>${escapeHtml(k)}</td><td class="num">${n}</td></tr>`).join('')
    return `<table class="top"><caption>${escapeHtml(title)}</caption><thead><tr><th>value</th><th>${unit}</th></tr></thead><tbody>${body}</tbody></table>`
  }
  return `<div class="tops">${table('Clients', report.top.clients, 'incident events')}${table('Users', report.top.users, 'incident events')}${table('Files', report.top.files, 'incident events')}${table('Failed logins by client', report.security.failedByClient, 'failures')}</div>`
}

function card(i: ReportIncident): string {
  const h = escapeHtml
  const when = i.firstSeen ? timeSpan(i.firstSeen, i.lastSeen ?? i.firstSeen) : 'no timestamps'
  const who = [
    i.clients.length > 0 ? `<dt>clients</dt><dd>${h(i.clients.join(', '))}</dd>` : '',
    i.users.length > 0 ? `<dt>users</dt><dd>${h(i.users.join(', '))}</dd>` : '',
    i.files.length > 0 ? `<dt>files</dt><dd>${h(i.files.join(', '))}</dd>` : '',
    i.bytesLost > 0 ? `<dt>lost</dt><dd>${humanBytes(i.bytesLost)} did not arrive</dd>` : '',
  ].join('')
  const directives =
    i.advice.directives.length > 0
      ? `<p class="directives">Settings: ${i.advice.directives.map((d) => `<code>${h(d.name)}</code>${d.default !== undefined ? ` (default ${h(d.default)})` : ''}`).join(', ')}</p>`
      : ''
  const sized = i.advice.settings.length > 0 ? `<ul class="settings">${i.advice.settings.map((x) => `<li>${h(settingLine(x))}</li>`).join('')}</ul>` : ''
  const steps = i.advice.steps.length > 0 ? `<ol>${i.advice.steps.map((s) => `<li>${h(s)}</li>`).join('')}</ol>` : ''
  const samples =
    i.samples.length > 0
      ? `<details><summary>${i.samples.length} of ${plural(i.events, 'event')}</summary>${i.samples.map((s) => `<p class="where">${h(`${s.path}:${s.line}`)}</p><pre>${h(s.text)}</pre>`).join('')}</details>`
      : ''
  return `<article class="incident-card ${i.severity}" data-severity="${i.severity}" id="${h(`incident-${i.id}`)}">
<h3><span class="badge ${i.severity}">${i.severity}</span> ${h(i.title)} <small>${h(i.cause)} · ${h(codeList(i))}</small></h3>
<p class="meta">${plural(i.events, 'event')} on ${h(i.server)} · ${h(when)}</p>
${who ? `<dl>${who}</dl>` : ''}
<p class="advice">${h(i.advice.summary)}</p>
${directives}${sized}${steps}${samples}
</article>`
}

function figures(report: Report): string {
  const t = report.transfers
  const rows: [string, string][] = [
    ['sessions', `${report.sessions.total} (${report.sessions.loggedIn} logged in)`],
    ['logins', `${report.logins.ok} ok, ${report.logins.failed} failed`],
    ['transfers', `${t.completed} complete (${t.uploads} up ${humanBytes(t.bytesIn)}, ${t.downloads} down ${humanBytes(t.bytesOut)}), ${t.incomplete} incomplete (${humanBytes(t.partialBytes)} partial), ${t.failedToStart} refused`],
    ['replies', Object.entries(report.totals.replies).map(([c, n]) => `${c} ×${n}`).join(', ') || 'none'],
  ]
  return `<table class="figures"><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`
}

function inputsTable(report: Report): string {
  const rows = report.inputs.map((i) => {
    const ratio = i.recognizedRatio === null ? '—' : `${(i.recognizedRatio * 100).toFixed(1)}%`
    return `<tr><td>${escapeHtml(i.path)}</td><td>${escapeHtml(i.logFormat ?? '—')}</td><td class="num">${i.lines}</td><td class="num">${ratio}</td><td>${escapeHtml(inputStatus(i))}</td></tr>`
  })
  return `<table class="inputs"><thead><tr><th>input</th><th>log format</th><th>lines</th><th>recognized</th><th>status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function security(report: Report): string {
  const s = report.security
  const rule = s.bruteForce.rule
  const ruleText = rule ? `${rule.failures} failures in ${rule.windowSeconds} s${rule.preset ? ` (${rule.preset})` : ''}` : 'none'
  const windows =
    s.bruteForce.windows.length === 0
      ? '<p>No client crossed the brute-force threshold.</p>'
      : `<table class="windows"><thead><tr><th>client</th><th>from (UTC)</th><th>to (UTC)</th><th>failures</th><th>users</th><th>input</th></tr></thead><tbody>${s.bruteForce.windows
          .slice(0, 100)
          .map((w) => `<tr><td>${escapeHtml(w.client)}</td><td>${shortTime(w.start)}</td><td>${shortTime(w.end)}</td><td class="num">${w.failures}</td><td>${escapeHtml(w.users.join(', '))}</td><td>${escapeHtml(w.path)}</td></tr>`)
          .join('')}</tbody></table>`
  return `<p>${s.failedLogins} failed logins · privileged accounts: ${s.privileged.attempts} attempts (${s.privileged.failed} failed, ${s.privileged.succeeded} succeeded) · brute-force rule: ${escapeHtml(ruleText)}</p>\n${windows}`
}

function filterText(report: Report): string {
  const f = report.filters!
  return [
    f.since ? `since ${shortTime(f.since)} UTC` : '',
    f.until ? `until ${shortTime(f.until)} UTC` : '',
    f.clients.length > 0 ? `clients ${f.clients.join(', ')}` : '',
    f.users.length > 0 ? `users ${f.users.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ')
}

const STYLE = `
:root{--error:#c62828;--warning:#ef6c00;--notice:#1565c0;--pass:#2e7d32;--fg:#1b1b1b;--muted:#666;--line:#ddd}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0;background:#fafafa}
header.verdict{padding:16px 24px;color:#fff}header.pass{background:var(--pass)}header.fail{background:var(--error)}header.error{background:#6a1b9a}
header h1{margin:0 0 4px;font-size:20px}header p{margin:2px 0}main{max-width:1100px;margin:0 auto;padding:8px 24px 32px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0}h2{font-size:16px;margin:0 0 8px}
.badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;font-weight:600}.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.notice{background:var(--notice)}
header .badge{border:1px solid rgba(255,255,255,.6)}
svg text{font-size:11px;fill:#333}svg .axis{stroke:#999}rect.incident.error{fill:var(--error)}rect.incident.warning{fill:var(--warning)}rect.incident.notice{fill:var(--notice)}
.c1{fill:#90a4ae}.c2{fill:#43a047}.c3{fill:#fdd835}.c4{fill:#fb8c00}.c5{fill:#e53935}.legend{font-size:12px;color:var(--muted)}.key{margin-right:12px}
.incident-card{border-left:4px solid var(--line);padding:8px 12px;margin:12px 0;background:#fff}.incident-card.error{border-color:var(--error)}.incident-card.warning{border-color:var(--warning)}.incident-card.notice{border-color:var(--notice)}
.incident-card h3{margin:0 0 4px;font-size:15px}.incident-card small{color:var(--muted);font-weight:normal}.meta{color:var(--muted);margin:0 0 6px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
pre{background:#f4f4f4;padding:6px 8px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0}.where{margin:6px 0 0;font-family:monospace;color:var(--muted)}
table{border-collapse:collapse;margin:4px 0}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}td.num{text-align:right}
.tops{display:flex;flex-wrap:wrap;gap:16px}.tops table{min-width:200px}caption{text-align:left;font-weight:600;padding:2px 0}
.filter-buttons button{font:inherit;padding:2px 8px;border:1px solid var(--line);background:#fff;border-radius:3px;cursor:pointer}.filter-buttons button[aria-pressed=true]{background:#333;color:#fff}
.hidden{display:none}footer{text-align:center;color:var(--muted);padding:16px}`

const SCRIPT = `
for (const button of document.querySelectorAll('.filter-buttons button')) {
  button.addEventListener('click', () => {
    const severity = button.getAttribute('data-severity')
    for (const b of document.querySelectorAll('.filter-buttons button')) b.setAttribute('aria-pressed', String(b === button))
    for (const card of document.querySelectorAll('.incident-card')) {
      card.classList.toggle('hidden', severity !== 'all' && card.getAttribute('data-severity') !== severity)
    }
  })
}`
