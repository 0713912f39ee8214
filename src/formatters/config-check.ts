import { shownPath } from '../errors.js'
import type { ConfigCheckReport, ConfigFinding } from '../server-config/check-config.js'
import { escapeMarkdown, escapeWorkflowData, escapeWorkflowProperty, inlineCode, stripControlChars } from './escape.js'
import { plural } from './figures.js'
import { wrap } from './text-layout.js'
import type { CONFIG_CHECK_FORMATTER_NAMES } from './formatter-descriptions.js'

/**
 * The formatters of `ftplog check-config`. Configuration content (values, paths, the directives of
 * unknown lines) is hostile input like log text: every formatter escapes it for its target.
 */
export const CONFIG_CHECK_FORMATTERS = {
  text: configCheckText,
  json: configCheckJson,
  markdown: configCheckMarkdown,
  github: configCheckGithub,
} as const satisfies Record<ConfigCheckFormatterName, (report: ConfigCheckReport, width?: number) => string>

export type ConfigCheckFormatterName = (typeof CONFIG_CHECK_FORMATTER_NAMES)[number]

/** `file:line`, or `(not set)` for a finding about a setting left unset. */
function where(f: ConfigFinding): string {
  return f.source === null ? '(not set)' : f.source.line > 0 ? `${f.source.file}:${f.source.line}` : f.source.file
}

/** `max_per_ip = 2` as written, or the directive alone when it is not set. */
function setting(f: ConfigFinding): string {
  if (f.directive === null) return 'line'
  return f.value === null ? `${f.directive} (not set)` : `${f.directive} = ${f.value}`
}

/** `421 capacity`, `425 data-connection-failed`, `530`, or `no reply, capacity` when the server closes without one. */
function leadsTo(f: ConfigFinding): string {
  if (f.code === null) return f.rule === 'line' ? '' : ['no reply', f.cause ?? ''].filter(Boolean).join(', ')
  return [String(f.code), f.cause ?? ''].filter(Boolean).join(' ')
}

/** `2 errors, 1 warning, 1 notice` (only the severities present), or `no findings`. */
function counts(findings: readonly ConfigFinding[]): string {
  const parts = (['error', 'warning', 'notice'] as const).map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0)
  return parts.length === 0 ? 'no findings' : parts.map(([s, n]) => plural(n, s)).join(', ')
}

function verdictText(r: ConfigCheckReport): string {
  const v = r.verdict
  const why = v.exitCode === 2 ? `${plural(r.unreadable.length, 'input')} could not be read` : v.exitCode === 1 ? `${plural(v.failing, 'finding')} at or above --fail-on ${v.failOn}` : `nothing at or above --fail-on ${v.failOn}`
  return `${counts(r.findings)} in ${plural(r.configs.length, 'configuration')}: exit ${v.exitCode} (${why})`
}

/** Plain text for a terminal: per configuration, one block per finding (wrapped at `width` columns), then the verdict. */
export function configCheckText(r: ConfigCheckReport, width = 80): string {
  const out: string[] = []
  const t = stripControlChars
  for (const u of r.unreadable) out.push(`${t(shownPath(u.path))}: ${t(u.message)}`, '')
  for (const c of r.configs) {
    const mine = r.findings.filter((f) => f.config === c.path)
    out.push(`${t(c.path)} (${c.server}, ${plural(c.settings, 'setting')}${c.files.length > 1 ? ` in ${plural(c.files.length, 'file')}` : ''}): ${counts(mine)}`)
    for (const f of mine) {
      const reply = leadsTo(f)
      out.push(`  ${f.severity.padEnd(7)} ${t(where(f))}  ${t(setting(f))}${reply ? ` -> ${reply}` : ''}`)
      const pad = ' '.repeat(10)
      out.push(...wrap(t(f.message), width, pad), ...wrap(`fix: ${t(f.fix)}`, width, pad, `${pad}     `))
    }
    out.push('')
  }
  out.push(verdictText(r))
  return `${out.join('\n')}\n`
}

/** The report as JSON (`JSON.stringify` escapes every control character). */
export function configCheckJson(r: ConfigCheckReport): string {
  return `${JSON.stringify(r, null, 2)}\n`
}

/** A Markdown summary: one table of findings (GFM), cells escaped. */
export function configCheckMarkdown(r: ConfigCheckReport): string {
  const out = ['## ftplog check-config', '', escapeMarkdown(verdictText(r)), '']
  for (const u of r.unreadable) out.push(`- ${inlineCode(shownPath(u.path))}: ${escapeMarkdown(u.message)}`)
  if (r.unreadable.length > 0) out.push('')
  if (r.findings.length > 0) {
    out.push('| severity | where | setting | reply | finding | fix |', '| --- | --- | --- | --- | --- | --- |')
    for (const f of r.findings) {
      out.push(`| ${f.severity} | ${inlineCode(where(f))} | ${inlineCode(setting(f))} | ${escapeMarkdown(leadsTo(f)) || '—'} | ${escapeMarkdown(f.message)} | ${escapeMarkdown(f.fix)} |`)
    }
    out.push('')
  }
  return `${out.join('\n')}\n`
}

/**
 * GitHub Actions workflow commands: one annotation per finding at its configuration line
 * (`::error file=…,line=…,title=…::message`), a finding about an unset setting on its
 * configuration file without a line, and `::error file=…::` per unreadable input. Properties go
 * through `escapeWorkflowProperty`, messages through `escapeWorkflowData`, after control
 * characters are made visible.
 */
export function configCheckGithub(r: ConfigCheckReport): string {
  const out: string[] = []
  for (const u of r.unreadable) out.push(`::error file=${escapeWorkflowProperty(stripControlChars(u.path))},title=ftplog check-config::${escapeWorkflowData(stripControlChars(u.message))}`)
  for (const f of r.findings) {
    const file = f.source?.file ?? f.config
    const props = [
      ...(file !== undefined && f.source?.line !== 0 ? [`file=${escapeWorkflowProperty(stripControlChars(file))}`] : []),
      ...(f.source !== null && f.source.line > 0 ? [`line=${f.source.line}`] : []),
      `title=${escapeWorkflowProperty(stripControlChars(`ftplog check-config: ${setting(f)}${leadsTo(f) ? ` (${leadsTo(f)})` : ''}`))}`,
    ]
    out.push(`::${f.severity} ${props.join(',')}::${escapeWorkflowData([f.message, `fix: ${f.fix}`].map(stripControlChars).join('\n'))}`)
  }
  return out.length > 0 ? `${out.join('\n')}\n` : ''
}
