import { escapeWorkflowData, escapeWorkflowProperty, stripControlChars } from './escape.js'
import { codeList, plural } from './figures.js'
import type { Formatter } from './types.js'

/**
 * GitHub Actions workflow commands
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands):
 * one annotation per incident sample, `::error file=PATH,line=N,title=ftplog CAUSE (CODES)::…`,
 * at the line of the sample, with severity error/warning/notice as the incident's; one
 * `::error file=PATH::…` per unreadable input and per input over `--max-unrecognized`; one
 * `::error::…` when `--max-incidents` was exceeded. Properties go through
 * {@link escapeWorkflowProperty}, messages through {@link escapeWorkflowData}, and log text is
 * first stripped of control characters. GitHub shows at most 10 annotations of each level per
 * step (50 per job); the rest stay in the log.
 */
export const github: Formatter = (report) => {
  const out: string[] = []
  for (const r of report.verdict.reasons) {
    if (r.rule === 'fail-on') continue // the incident annotations below say it
    const props = r.path !== null ? `file=${escapeWorkflowProperty(r.path)},title=${escapeWorkflowProperty(`ftplog ${r.rule}`)}` : `title=${escapeWorkflowProperty(`ftplog ${r.rule}`)}`
    out.push(`::error ${props}::${escapeWorkflowData(stripControlChars(r.message))}`)
  }
  for (const i of report.incidents) {
    const title = `ftplog ${i.cause} (${codeList(i)})`
    for (const s of i.samples) {
      const message = [`${i.title}: ${stripControlChars(s.text)}`, `${plural(i.events, 'event')}, clients ${i.clients.slice(0, 5).map(stripControlChars).join(', ') || '—'}`, i.advice.summary].join('\n')
      out.push(`::${i.severity} file=${escapeWorkflowProperty(s.path)},line=${s.line},title=${escapeWorkflowProperty(title)}::${escapeWorkflowData(message)}`)
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : ''
}
