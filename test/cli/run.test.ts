import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { reportSchema } from '../../src/report/report-schema.js'
import { fixture } from '../helpers/paths.js'
import { memoryIO } from '../helpers/memory-io.js'

const incidents = fixture('edge', 'vsftpd-incidents.log')
const clean = fixture('edge', 'clean-xferlog.log')

describe('ftplog analyze (in-process)', () => {
  it('exits 1 when an incident reaches --fail-on error, and prints the text report', async () => {
    const io = memoryIO()
    expect(await run(['analyze', incidents], io)).toBe(1)
    expect(io.out()).toMatch(/^ftplog .*: 1 input, 28 lines/)
    expect(io.out()).toContain('FAIL: 2 incidents at or above --fail-on error')
    expect(io.out()).toContain('max_per_ip')
    expect(io.err()).toBe('')
  })

  it('analyze is the default command', async () => {
    const io = memoryIO()
    expect(await run([clean], io)).toBe(0)
    expect(io.out()).toContain('PASS')
  })

  it('--fail-on none, a severity, or codes and causes', async () => {
    expect(await run([incidents, '--fail-on', 'none'], memoryIO())).toBe(0)
    expect(await run([incidents, '--fail-on', 'notice'], memoryIO())).toBe(1)
    expect(await run([incidents, '--fail-on', '530'], memoryIO())).toBe(0)
    expect(await run([incidents, '--fail-on', '426'], memoryIO())).toBe(1)
    expect(await run([incidents, '--fail-on', 'login-timeout'], memoryIO())).toBe(1)
    expect(await run([incidents, '--fail-on', 'shutdown,421'], memoryIO())).toBe(1)
  })

  it('writes a schema-valid JSON report', async () => {
    const io = memoryIO()
    await run([incidents, '-f', 'json'], io)
    const report = reportSchema.parse(JSON.parse(io.out()))
    expect(report.incidents.map((i) => i.cause)).toEqual(['data-connection-lost', 'capacity', 'login-timeout'])
    expect(report.verdict).toMatchObject({ status: 'fail', exitCode: 1, failOn: 'error', failingIncidents: 2 })
    expect(report.verdict.reasons).toEqual([{ rule: 'fail-on', message: '2 incidents at or above --fail-on error', path: null }])
  })

  it('writes several formatters at once, to files', async () => {
    const io = memoryIO()
    expect(await run([incidents, '-f', 'json:out/report.json', '-f', 'text'], io)).toBe(1)
    expect(JSON.parse(io.files.get('out/report.json')!).schemaVersion).toBe(1)
    expect(io.out()).toContain('INCIDENTS (3)')
    const io2 = memoryIO()
    await run([incidents, '-f', 'json', '-o', 'r.json'], io2)
    expect(io2.files.has('r.json')).toBe(true)
    expect(io2.out()).toBe('')
  })

  it('a missing file is a one-line error and exit 2; the other inputs are still reported', async () => {
    const io = memoryIO()
    expect(await run([incidents, 'no/such.log', '-f', 'json'], io)).toBe(2)
    expect(io.err()).toBe('ftplog: no/such.log: no such file or directory\n')
    const report = JSON.parse(io.out())
    expect(report.inputs.map((i: { path: string }) => i.path)).toContain(incidents)
    expect(report.incidents).toHaveLength(3)
    expect(report.verdict.status).toBe('error')
  })

  it('--jobs takes a whole number of jobs; any value gives the same report', async () => {
    const io = memoryIO()
    expect(await run([incidents, '--jobs', '0'], io)).toBe(2)
    expect(io.err()).toContain('--jobs: "0" is not a number of jobs from 1 to 256')
    const one = memoryIO()
    const four = memoryIO()
    expect(await run([incidents, clean, '-f', 'json', '--jobs', '1'], one)).toBe(1)
    expect(await run([incidents, clean, '-f', 'json', '--jobs', '4'], four)).toBe(1)
    const strip = (out: string): unknown => JSON.parse(out)
    expect(strip(four.out())).toEqual(strip(one.out()))
  })

  it('an unrecognised input names --log-format and what was tried', async () => {
    const io = memoryIO()
    expect(await run([fixture('edge', 'not-a-log.txt')], io)).toBe(2)
    expect(io.err()).toMatch(/not-a-log\.txt: no known log format matches its first 3 lines \(tried vsftpd, xferlog.*\)\. Pass --log-format/)
    expect(io.out()).toContain('ERROR: 1 input could not be analysed')
  })

  it('reads stdin when piped, and gzip by its magic bytes', async () => {
    const text = 'Mon Jan 15 10:24:02 2024 1 192.0.2.10 1048576 /a b _ o r alice ftp 0 * i\n'
    const io = memoryIO({ stdin: gzipSync(Buffer.from(text)), stdinIsTTY: false })
    expect(await run(['-f', 'json'], io)).toBe(1)
    const report = JSON.parse(io.out())
    expect(report.inputs[0]).toMatchObject({ path: '-', logFormat: 'xferlog', lines: 1 })
    expect(report.transfers.incomplete).toBe(1)
  })

  it('refuses to wait for a terminal when no input is given', async () => {
    const io = memoryIO({ stdinIsTTY: true })
    expect(await run(['analyze'], io)).toBe(2)
    expect(io.err()).toMatch(/^ftplog: no input/)
  })

  it('rejects bad flag values with one line and exit 2', async () => {
    for (const [args, message] of [
      [['--fail-on', 'sometimes'], /--fail-on: "sometimes" is not a severity/],
      [['--timezone', 'Mars/Olympus'], /--timezone: unknown time zone "Mars\/Olympus"/],
      [['--incident-gap', 'soon'], /is not a duration/],
      [['--log-format', 'nope'], /--log-format: unknown log format "nope"; known: /],
      [['-f', 'xml'], /unknown formatter "xml"/],
      [['-f', 'json', '-f', 'text'], /only one formatter can write to stdout/],
      [['--year', '24'], /four-digit year/],
    ] as const) {
      const io = memoryIO()
      expect(await run([incidents, ...args], io), args.join(' ')).toBe(2)
      expect(io.err()).toMatch(message)
      expect(io.err().trim().split('\n')).toHaveLength(1)
      expect(io.err()).not.toMatch(/\n\s+at /)
    }
  })

  it('reports a binary file as an input error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftplog-'))
    const bin = join(dir, 'core.dump')
    writeFileSync(bin, Buffer.from(Array.from({ length: 9000 }, (_, i) => (i % 3 === 0 ? 0 : i % 256))))
    const io = memoryIO()
    expect(await run([bin, clean, '-f', 'json'], io)).toBe(2)
    expect(io.err()).toContain(`${bin}: binary data (not a text log)`)
    expect(JSON.parse(io.out()).transfers.completed).toBe(3)
  })

  it('an unknown subcommand-looking word is treated as a path', async () => {
    const io = memoryIO()
    expect(await run(['analyse-this'], io)).toBe(2)
    expect(io.err()).toContain('analyse-this: no such file or directory')
  })

  it('--help and --version exit 0 and document the exit codes', async () => {
    const io = memoryIO()
    expect(await run(['--help'], io)).toBe(0)
    expect(io.out()).toContain('Exit codes:')
    const io2 = memoryIO()
    expect(await run(['--version'], io2)).toBe(0)
    expect(io2.out()).toMatch(/^\d+\.\d+\.\d+/)
    const io3 = memoryIO()
    expect(await run(['analyze', '--help'], io3)).toBe(0)
    expect(io3.out()).toContain('--fail-on')
  })

  it('an unknown flag is a usage error', async () => {
    const io = memoryIO()
    expect(await run([clean, '--frobnicate'], io)).toBe(2)
    expect(io.err()).toMatch(/unknown option/)
  })
})

describe('ftplog schema and formats', () => {
  it('schema prints a JSON Schema of the report', async () => {
    const io = memoryIO()
    expect(await run(['schema'], io)).toBe(0)
    const schema = JSON.parse(io.out())
    expect(schema.title).toBe('ftplog report')
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'inputs', 'totals', 'incidents', 'sessions', 'logins', 'transfers']))
  })

  it('formats lists the log formats with a sample line', async () => {
    const io = memoryIO()
    expect(await run(['formats', '-f', 'json'], io)).toBe(0)
    const rows = JSON.parse(io.out())
    expect(rows.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['vsftpd', 'xferlog', 'proftpd-system', 'proftpd-extended', 'proftpd-trace']))
    for (const r of rows) expect(r.sample.length).toBeGreaterThan(10)
  })
})
