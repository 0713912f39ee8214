import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { junit } from '../../src/formatters/junit.js'
import { CAUSES } from '../../src/model/cause.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { incidentsReport } from '../helpers/report-builder.js'
import { hostileReport } from '../helpers/hostile.js'
import { ROOT } from '../helpers/paths.js'

const XSD = readFileSync(`${ROOT}/test/schemas/junit.xsd`, 'utf8')
const INCIDENTS = 'fixtures/edge/vsftpd-incidents.log'
const CLEAN = 'fixtures/edge/clean-xferlog.log'

/** Validates with libxml2 (xmllint compiled to WebAssembly) against the JUnit XSD. */
async function validate(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: XSD }] })
  return result.errors.map((e) => e.rawMessage)
}

const count = (xml: string, re: RegExp): number => (xml.match(re) ?? []).length

describe('junit formatter', () => {
  it('matches the golden XML of a hand-made report (a vsftpd log with incidents, a clean xferlog)', async () => {
    await expect(junit(incidentsReport(), { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.junit.xml')
  })

  it('is valid against the JUnit XSD, with counts that add up', async () => {
    const xml = junit(await fixtureReport([INCIDENTS, CLEAN], { maxIncidents: 1 }), { color: false })
    expect(await validate(xml)).toEqual([])
    const suites = count(xml, /<testsuite /g)
    expect(suites).toBe(3) // two inputs and the --max-incidents gate
    expect(count(xml, /<testcase /g)).toBe(2 * (1 + CAUSES.length) + 1)
    const top = /<testsuites name="ftplog" tests="(\d+)" failures="(\d+)" errors="(\d+)">/.exec(xml)!
    expect(Number(top[1])).toBe(count(xml, /<testcase /g))
    expect(Number(top[2])).toBe(count(xml, /<failure /g))
    expect(Number(top[3])).toBe(count(xml, /<error /g))
  })

  it('fails the cause testcases only when the run fails, so tests agree with the exit code', async () => {
    const failing = junit(await fixtureReport([INCIDENTS]), { color: false })
    expect(count(failing, /<failure type="capacity"/g)).toBe(1)
    expect(count(failing, /<failure type="data-connection-lost"/g)).toBe(1)
    expect(failing).not.toContain('<failure type="login-timeout"') // a notice, below --fail-on error
    const allowed = junit(await fixtureReport([INCIDENTS], { maxIncidents: 5 }), { color: false })
    expect(count(allowed, /<failure /g)).toBe(0)
    expect(allowed).toContain('name="at most 5 incidents at or above --fail-on error"')
    const none = junit(await fixtureReport([INCIDENTS], { failOn: parseFailOn('none') }), { color: false })
    expect(count(none, /<failure /g)).toBe(0)
  })

  it('reports unreadable inputs as errors and --max-unrecognized as a failure', async () => {
    const xml = junit(await fixtureReport(['fixtures/edge/not-a-log.txt', INCIDENTS], { maxUnrecognized: 0, failOn: parseFailOn('none') }), { color: false })
    expect(await validate(xml)).toEqual([])
    expect(xml).toContain('<error type="FTPLOG_UNKNOWN_LOG_FORMAT"')
  })

  it('stays well-formed and valid for hostile content (invalid XML characters removed)', async () => {
    const report = await hostileReport()
    const xml = junit({ ...report, verdict: { ...report.verdict, failOn: 'warning', reasons: [{ rule: 'fail-on', message: 'x', path: null }] } }, { color: false })
    expect(await validate(xml)).toEqual([])
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/)
    expect(xml).toContain('&lt;script&gt;')
    expect(xml).toContain('name="logs/evil,name:1 %0A`|&lt;i&gt;.log"')
    expect(xml).toContain('<failure type="unknown"')
  })

  it('the XSD rejects what a consumer would reject', async () => {
    expect(await validate('<testsuites><testsuite name="x"><testcase name="a" classname="c"/></testsuite></testsuites>')).not.toEqual([])
    expect(await validate('<testsuites><testsuite name="x" tests="1"><testcase classname="c"/></testsuite></testsuites>')).not.toEqual([])
  })
})
