import { CAUSES } from '../model/cause.js'
import { isFailing, parseFailOn } from '../report/fail-on.js'
import type { Report, ReportIncident, ReportInput } from '../report/report-schema.js'
import { escapeXml, escapeXmlText, stripControlChars } from './escape.js'
import { codeList, humanBytes, shortTime } from './figures.js'
import type { Formatter } from './types.js'

interface Case {
  readonly name: string
  readonly classname: string
  readonly file?: string | undefined
  readonly line?: number | undefined
  readonly failure?: { readonly type: string; readonly message: string; readonly body: string } | undefined
  readonly error?: { readonly type: string; readonly message: string } | undefined
  readonly out?: string | undefined
}

/**
 * JUnit XML (the Ant/Jenkins shape that Jenkins, GitLab and GitHub test reporters read; checked
 * against `test/formatters/junit.xsd`):
 * - one `<testsuite>` per input, named by its path, with its log format and line counts as
 *   `<properties>`;
 * - in it, one `<testcase>` "is readable and recognised" (an `<error>` when the input could not be
 *   read, a `<failure>` when it tripped `--max-unrecognized`), and one `<testcase>` per cause
 *   ("no capacity incidents", …), the same set in every run so CI can track them over time;
 * - a cause's testcase fails when an incident of that cause at or above `--fail-on` is listed
 *   under the input and the run's fail-on gate tripped (with `--max-incidents`, incidents within
 *   the allowance do not fail), so the test results agree with the exit code; incidents below it
 *   are reported in `<system-out>`;
 * - an incident is listed under every input its samples come from (samples keep the first five
 *   events, so an incident spanning more files is listed under those of its first five events);
 * - with `--max-incidents`, a last suite "ftplog" holds one testcase for that gate.
 * Every string goes through {@link escapeXml}, which also removes XML 1.0-invalid characters.
 * No times or hostnames are written, so the output is deterministic.
 */
export const junit: Formatter = (report) => {
  const failOn = parseFailOn(report.verdict.failOn)
  const gateTripped = report.verdict.reasons.some((r) => r.rule === 'fail-on' || r.rule === 'max-incidents')
  const suites: string[] = []
  let tests = 0
  let failures = 0
  let errors = 0
  for (const input of report.inputs) {
    const cases = inputCases(report, input, failOn, gateTripped)
    const s = suite(input.path, cases, inputProperties(input))
    suites.push(s.xml)
    tests += s.tests
    failures += s.failures
    errors += s.errors
  }
  if (report.verdict.maxIncidents !== null) {
    const reason = report.verdict.reasons.find((r) => r.rule === 'max-incidents')
    const name = `at most ${report.verdict.maxIncidents} incidents at or above --fail-on ${report.verdict.failOn}`
    const gate: Case = {
      name,
      classname: 'ftplog.gates',
      failure: reason ? { type: 'max-incidents', message: reason.message, body: reason.message } : undefined,
      out: reason ? undefined : `${report.verdict.failingIncidents} incidents at or above --fail-on ${report.verdict.failOn}`,
    }
    const s = suite('ftplog', [gate], [])
    suites.push(s.xml)
    tests += s.tests
    failures += s.failures
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ftplog" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

function inputCases(report: Report, input: ReportInput, failOn: ReturnType<typeof parseFailOn>, gateTripped: boolean): Case[] {
  const classname = `ftplog.${input.path.replace(/\./g, '_')}`
  const cases: Case[] = []
  const unrecognized = report.verdict.reasons.find((r) => r.rule === 'max-unrecognized' && r.path === input.path)
  cases.push({
    name: 'is readable and recognised',
    classname,
    file: input.path,
    error: input.error ? { type: input.error.code, message: input.error.message } : undefined,
    failure: unrecognized ? { type: 'max-unrecognized', message: unrecognized.message, body: unrecognizedBody(input) } : undefined,
    out: `${input.logFormat ?? 'no log format'}: ${input.lines} lines, ${input.recognizedLines} recognized, ${input.unrecognizedLines} unrecognized`,
  })
  const mine = report.incidents.filter((i) => i.samples.some((s) => s.path === input.path))
  for (const cause of CAUSES) {
    const list = mine.filter((i) => i.cause === cause)
    const failing = gateTripped ? list.filter((i) => isFailing(i, failOn)) : []
    const firstLine = (list[0]?.samples.find((s) => s.path === input.path))?.line
    const events = failing.reduce((n, i) => n + i.events, 0)
    cases.push({
      name: `no ${cause} incidents`,
      classname,
      file: list.length > 0 ? input.path : undefined,
      line: firstLine,
      failure:
        failing.length > 0
          ? {
              type: cause,
              message: `${failing.length} ${cause} incident${failing.length === 1 ? '' : 's'} (${events} events) at or above --fail-on ${report.verdict.failOn}: ${failing[0]!.title}`,
              body: failing.map((i) => incidentText(i, input.path)).join('\n\n'),
            }
          : undefined,
      out: list.length > failing.length ? list.filter((i) => !failing.includes(i)).map((i) => incidentText(i, input.path)).join('\n\n') : undefined,
    })
  }
  return cases
}

function incidentText(i: ReportIncident, path: string): string {
  const lines = [
    `${i.title} [${i.cause}] ${i.severity}, code ${codeList(i)}, ${i.events} events, ${shortTime(i.firstSeen)} → ${shortTime(i.lastSeen)} UTC, server ${i.server}`,
  ]
  if (i.clients.length > 0) lines.push(`clients: ${i.clients.join(', ')}`)
  if (i.users.length > 0) lines.push(`users: ${i.users.join(', ')}`)
  if (i.files.length > 0) lines.push(`files: ${i.files.join(', ')}`)
  if (i.bytesLost > 0) lines.push(`${humanBytes(i.bytesLost)} did not arrive`)
  lines.push(i.advice.summary)
  i.advice.steps.forEach((s, n) => lines.push(`${n + 1}. ${s}`))
  for (const s of i.samples) if (s.path === path) lines.push(`${s.path}:${s.line}: ${s.text}`)
  return lines.map(stripControlChars).join('\n')
}

function unrecognizedBody(input: ReportInput): string {
  return [
    `${input.unrecognizedLines} of ${input.lines - input.skippedLines} lines unrecognized, e.g.:`,
    ...input.unrecognizedSamples.map((s) => `${input.path}:${s.line}: ${stripControlChars(s.text)}`),
  ].join('\n')
}

function inputProperties(input: ReportInput): [string, string][] {
  return [
    ['logFormat', input.logFormat ?? ''],
    ['lines', String(input.lines)],
    ['recognizedLines', String(input.recognizedLines)],
    ['unrecognizedLines', String(input.unrecognizedLines)],
  ]
}

function suite(name: string, cases: readonly Case[], properties: readonly [string, string][]): { xml: string; tests: number; failures: number; errors: number } {
  const failures = cases.filter((c) => c.failure).length
  const errors = cases.filter((c) => c.error).length
  const out = [`  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0">`]
  if (properties.length > 0) {
    out.push('    <properties>')
    for (const [k, v] of properties) out.push(`      <property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`)
    out.push('    </properties>')
  }
  for (const c of cases) {
    const attrs = [`name="${escapeXml(c.name)}"`, `classname="${escapeXml(c.classname)}"`]
    if (c.file !== undefined) attrs.push(`file="${escapeXml(c.file)}"`)
    if (c.line !== undefined) attrs.push(`line="${c.line}"`)
    const inner: string[] = []
    if (c.error) inner.push(`      <error type="${escapeXml(c.error.type)}" message="${escapeXml(c.error.message)}"/>`)
    if (c.failure) {
      inner.push(`      <failure type="${escapeXml(c.failure.type)}" message="${escapeXml(c.failure.message)}">${escapeXmlText(c.failure.body)}</failure>`)
    }
    if (c.out) inner.push(`      <system-out>${escapeXmlText(c.out)}</system-out>`)
    if (inner.length === 0) out.push(`    <testcase ${attrs.join(' ')}/>`)
    else out.push(`    <testcase ${attrs.join(' ')}>`, ...inner, '    </testcase>')
  }
  out.push('  </testsuite>')
  return { xml: out.join('\n'), tests: cases.length, failures, errors }
}
