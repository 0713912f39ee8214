// Writes fixtures/real/proftpd-logformats: the ExtendedLogs of one ProFTPD lab run (one per
// LogFormat, servers.ts PROFTPD_EXTENDED_LOGS), its TraceLog and configuration, and what
// logformat-check.ts found in them (EXPECTED.md and logformats.json).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DIFFERENCES, type LogFormatResult } from './logformat-check'
import { portablePaths } from './paths'
import { compactJson } from './record'
import type { LabRun, Versions } from './run-lab'
import { scenarioById, type ScenarioId } from './scenarios'
import { PROFTPD_EXTENDED_LOGS } from './servers'

const md = (s: string): string => s.replaceAll('|', '\\|')

export function logFormatsMarkdown(run: LabRun, results: readonly LogFormatResult[], versions: Versions): string {
  const v = versions['proftpd']
  const logs = PROFTPD_EXTENDED_LOGS.map((x) => ({ x, r: results.find((r) => r.file === x.file)! }))
  const out: string[] = []
  out.push(`# ProFTPD ExtendedLogs in ${logs.length} LogFormats, with the TraceLog of the same run`)
  out.push('')
  out.push(
    `Written by the real-server lab (\`FTPLOG_RECORD=proftpd-logformats LAB_SERVERS=proftpd npm run test:servers\`, or with every fixture by \`FTPLOG_RECORD=1\`; see docs/real-servers.md) ` +
      `from the main ProFTPD run of ${run.observed[0]?.startedAt.slice(0, 10) ?? '?'}: Debian \`${v?.package ?? '?'}\` ${v?.version ?? '?'} on 127.0.0.1 with \`proftpd.conf\` here, ` +
      `the ${run.observed.length} scenarios of fixtures/real/proftpd/EXPECTED.md (one client address each). The files are complete, byte for byte as ProFTPD wrote them. ` +
      'What the differences between an ExtendedLog and the TraceLog are, and why: docs/real-servers.md. `logformats.json` is the machine-readable twin of this file.',
  )
  out.push('')
  out.push('| file | LogFormat | classes | lines | recognised by ftplog | read with |')
  out.push('|---|---|---|---|---|---|')
  for (const { x, r } of logs) {
    const how = x.readWith === 'template' ? '`--template` and the LogFormat' : 'no option (detected, layout inferred)'
    out.push(`| \`${x.fixture}\` | \`${md(x.logFormat)}\`${x.name === null ? ' (default)' : ''} | ${x.classes} | ${r.lines} | ${r.recognized} (${((100 * r.recognized) / r.lines).toFixed(1)}%) | ${how} |`)
  }
  out.push('| `trace.log` | TraceLog, `Trace response:1 command:6` | | | | |')
  out.push('')
  out.push('## Replies per code')
  out.push('')
  out.push('What ftplog counts in each ExtendedLog; each equals the TraceLog less the differences below (the lab test fails otherwise).')
  out.push('')
  const codes = [...new Set(logs.flatMap(({ r }) => [...Object.keys(r.replies), ...Object.keys(r.expected)]))].sort((a, b) => Number(a) - Number(b))
  const traceCounts = results[0]?.trace ?? {}
  const allCodes = [...new Set([...codes, ...Object.keys(traceCounts)])].sort((a, b) => Number(a) - Number(b))
  out.push(`| code | trace.log | ${logs.map(({ x }) => `\`${x.fixture}\``).join(' | ')} |`)
  out.push(`|---|---|${logs.map(() => '---').join('|')}|`)
  for (const c of allCodes) out.push(`| ${c} | ${traceCounts[c] ?? 0} | ${logs.map(({ r }) => r.replies[c] ?? 0).join(' | ')} |`)
  out.push('')
  out.push('## Differences from the TraceLog in this run')
  out.push('')
  out.push(`| class | ${logs.map(({ x }) => `\`${x.fixture}\``).join(' | ')} |`)
  out.push(`|---|${logs.map(() => '---').join('|')}|`)
  for (const d of DIFFERENCES) out.push(`| \`${d.id}\` | ${logs.map(({ r }) => r.differences[d.id] ?? 0).join(' | ')} |`)
  out.push('')
  out.push('## Causes ftplog gives each scenario that induced an incident')
  out.push('')
  out.push(`| scenario | client | lab cause | ${logs.map(({ x }) => `\`${x.fixture}\``).join(' | ')} |`)
  out.push(`|---|---|---|${logs.map(() => '---').join('|')}|`)
  for (const t of run.timeline) {
    const s = scenarioById(t.scenario as ScenarioId)
    if (s.cause === null) continue
    out.push(`| ${t.scenario} | ${t.sources[0] ?? ''}${t.sources.length > 1 ? ` (+${t.sources.length - 1})` : ''} | ${s.cause} | ${logs.map(({ r }) => (r.causes[t.scenario] ?? []).join(', ') || '(none)').join(' | ')} |`)
  }
  out.push('')
  return out.join('\n')
}

/** Writes the folder (replacing it). */
export function writeLogFormatsFixture(run: LabRun, results: readonly LogFormatResult[], versions: Versions, dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const x of PROFTPD_EXTENDED_LOGS) copyFileSync(run.logs[x.file]!, join(dir, x.fixture))
  copyFileSync(run.logs['trace.log']!, join(dir, 'trace.log'))
  if (run.config !== null) writeFileSync(join(dir, 'proftpd.conf'), portablePaths(run.config))
  const json = results.map((r) => ({ ...r, fixture: PROFTPD_EXTENDED_LOGS.find((x) => x.file === r.file)?.fixture, problems: undefined }))
  writeFileSync(join(dir, 'logformats.json'), `${compactJson({ run: run.runId, results: json })}\n`)
  writeFileSync(join(dir, 'EXPECTED.md'), logFormatsMarkdown(run, results, versions))
}
