import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { reportSchema, type Report } from '../../src/report/report-schema.js'
import { fixture } from '../helpers/paths.js'
import { memoryIO } from '../helpers/memory-io.js'

const incidents = fixture('edge', 'vsftpd-incidents.log')
const brute = fixture('edge', 'vsftpd-bruteforce.log')
const notALog = fixture('edge', 'not-a-log.txt')

async function jsonRun(args: string[], io = memoryIO()): Promise<{ code: number; report: Report; err: string }> {
  const code = await run([...args, '-f', 'json'], io)
  return { code, report: reportSchema.parse(JSON.parse(io.out())), err: io.err() }
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ftplog-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('CI gates', () => {
  it('--max-incidents allows N failing incidents', async () => {
    expect(await run([incidents, '--year', '2024'], memoryIO())).toBe(1)
    expect(await run([incidents, '--max-incidents', '2'], memoryIO())).toBe(0)
    const { code, report } = await jsonRun([incidents, '--max-incidents', '1'])
    expect(code).toBe(1)
    expect(report.verdict).toMatchObject({ maxIncidents: 1, reasons: [{ rule: 'max-incidents' }] })
  })

  it('--max-unrecognized fails an input that was mostly not understood', async () => {
    const dir = tempDir({ 'mixed.log': `${'junk line\n'.repeat(3)}Mon Jan 15 10:00:00 2024 [pid 1] CONNECT: Client "192.0.2.1"\n`.repeat(1) })
    const mixed = join(dir, 'mixed.log')
    // Detection needs the vsftpd line; 3 of 4 lines are junk.
    expect(await run([mixed, '--log-format', 'vsftpd', '--max-unrecognized', '0.8'], memoryIO())).toBe(0)
    const { code, report } = await jsonRun([mixed, '--log-format', 'vsftpd', '--max-unrecognized', '50%'])
    expect(code).toBe(1)
    expect(report.verdict.reasons).toEqual([{ rule: 'max-unrecognized', path: mixed, message: `${mixed}: 75.0% of 4 lines unrecognized, more than --max-unrecognized 0.5` }])
  })

  it('rejects bad gate values with what is allowed', async () => {
    const io = memoryIO()
    expect(await run([incidents, '--max-incidents', 'many'], io)).toBe(2)
    expect(io.err()).toContain('--max-incidents: "many" is not a whole number of incidents')
    const io2 = memoryIO()
    expect(await run([incidents, '--max-unrecognized', '1.5'], io2)).toBe(2)
    expect(io2.err()).toContain('--max-unrecognized: "1.5" is not a ratio from 0 to 1')
    const io3 = memoryIO()
    expect(await run([incidents, '--bruteforce', 'lots'], io3)).toBe(2)
    expect(io3.err()).toContain('--bruteforce: "lots" is not a preset (zeek, wazuh)')
  })

  it('an unreadable input still exits 2 whatever the gates say', async () => {
    expect(await run([incidents, notALog, '--fail-on', 'none'], memoryIO())).toBe(2)
  })
})

describe('filters', () => {
  it('--since/--until take ISO times and durations back from the injected now', async () => {
    const now = Date.UTC(2024, 0, 15, 10, 10, 0)
    const { report } = await jsonRun([incidents, '--since', '6m'], memoryIO({ now }))
    expect(report.filters).toEqual({ since: '2024-01-15T10:04:00.000Z', until: null, clients: [], users: [], matchedEvents: expect.any(Number) })
    expect(report.incidents.map((i) => i.cause)).toEqual(['capacity', 'login-timeout'])
    expect(report.totals.lines).toBe(28) // line accounting is not filtered
    const { report: r2 } = await jsonRun([incidents, '--since', '2024-01-15T10:04', '--until', '2024-01-15 10:10:00Z'])
    expect(r2.incidents.map((i) => i.cause)).toEqual(['capacity'])
  })

  it('--client and --user take repeated flags and comma lists', async () => {
    const { report } = await jsonRun([incidents, '--client', '203.0.113.5,192.0.2.10'])
    expect(report.incidents.map((i) => i.cause)).toEqual(['data-connection-lost', 'login-timeout'])
    const { report: r2 } = await jsonRun([incidents, '--user', 'alice', '--user', 'bob'])
    expect(r2.incidents.map((i) => i.cause)).toEqual(['data-connection-lost'])
    expect(r2.filters?.users).toEqual(['alice', 'bob'])
  })

  it('--client takes CIDR ranges; a value with / that is not one is a usage error', async () => {
    const { report } = await jsonRun([incidents, '--client', '203.0.113.0/24,192.0.2.0/28'])
    expect(report.incidents.map((i) => i.cause)).toEqual(['data-connection-lost', 'login-timeout'])
    const { report: r2 } = await jsonRun([incidents, '--client', '192.0.2.16/28'])
    expect(r2.incidents).toEqual([])
    const io = memoryIO()
    expect(await run([incidents, '--client', '203.0.113.0/33'], io)).toBe(2)
    expect(io.err()).toBe('ftplog: --client: "203.0.113.0/33" is not an address range: give ADDRESS/PREFIX, e.g. 10.0.0.0/8 or 2001:db8::/32\n')
  })

  it('filters that keep no event say so on stderr and in the report, so a mistyped value does not pass quietly', async () => {
    const { code, report, err } = await jsonRun([incidents, '--client', '198.51.100.99'])
    expect(code).toBe(0)
    expect(report.filters?.matchedEvents).toBe(0)
    expect(err).toContain('ftplog: warning: no event passed --since/--until/--client/--user')
    const io = memoryIO()
    await run([incidents, '--since', '2030-01-01'], io)
    expect(io.out().replace(/\s+/g, ' ')).toContain('no event passed them: the incidents and security figures are empty because of the filters')
    // A filter that keeps something is quiet on stderr and gives its count.
    const kept = await jsonRun([incidents, '--client', '198.51.100.7'])
    expect(kept.err).not.toContain('no event passed')
    expect(kept.report.filters?.matchedEvents).toBeGreaterThan(0)
    const io2 = memoryIO()
    await run([incidents, '--client', '198.51.100.7'], io2)
    expect(io2.out().replace(/\s+/g, ' ')).toMatch(/filtered: clients 198\.51\.100\.7; \d+ events? passed/)
  })

  it('bad times say what is allowed', async () => {
    const io = memoryIO()
    expect(await run([incidents, '--since', 'yesterday'], io)).toBe(2)
    expect(io.err()).toContain('--since: "yesterday" is not a time (2024-01-15, 2024-01-15T10:00:00Z) or a duration back from now (90m, 24h, 7d)')
    const io2 = memoryIO()
    expect(await run([incidents, '--since', '2024-02-30'], io2)).toBe(2)
  })
})

describe('config file', () => {
  it('ftplog.config.json in the working directory sets defaults; flags win', async () => {
    const cwd = tempDir({ 'ftplog.config.json': JSON.stringify({ failOn: 'none', maxIncidents: 5, users: ['alice'] }) })
    const { code, report } = await jsonRun([incidents], memoryIO({ cwd }))
    expect(code).toBe(0)
    expect(report.verdict).toMatchObject({ failOn: 'none', maxIncidents: 5 })
    expect(report.filters?.users).toEqual(['alice'])
    const { code: code2, report: r2 } = await jsonRun([incidents, '--fail-on', 'error', '--max-incidents', '0', '--user', 'nobody'], memoryIO({ cwd }))
    expect(code2).toBe(0) // no incident of user nobody
    expect(r2.verdict).toMatchObject({ failOn: 'error', maxIncidents: 0 })
    expect(r2.filters?.users).toEqual(['nobody'])
  })

  it('--config names another file; formatters come from it unless -f is given', async () => {
    const dir = tempDir({ 'ci.json': JSON.stringify({ formatters: ['markdown'], bruteforce: '5/60s' }) })
    const io = memoryIO()
    expect(await run([brute, '--config', join(dir, 'ci.json')], io)).toBe(1)
    expect(io.out()).toMatch(/^## ftplog: FAIL/)
    expect(io.out()).toContain('brute-force windows (5 failures in 60 s): 1')
  })

  it('errors name the field and what is allowed', async () => {
    const cwd = tempDir({ 'ftplog.config.json': JSON.stringify({ maxIncidents: 'three', failOn: 'sometimes', colour: true }) })
    const io = memoryIO({ cwd })
    expect(await run([incidents], io)).toBe(2)
    expect(io.err()).toMatch(/ftplog\.config\.json: .*unknown field "colour"; allowed: formatters, logFormat, failOn/)
    expect(io.err()).toContain('maxIncidents: Invalid input: expected number, received string')
    const cwd2 = tempDir({ 'ftplog.config.json': JSON.stringify({ failOn: 'sometimes' }) })
    const io2 = memoryIO({ cwd: cwd2 })
    expect(await run([incidents], io2)).toBe(2)
    expect(io2.err()).toContain('ftplog.config.json: failOn: "sometimes" is not a severity')
    const io3 = memoryIO()
    expect(await run([incidents, '--config', '/no/such/ftplog.json'], io3)).toBe(2)
    expect(io3.err()).toContain('--config /no/such/ftplog.json: no such file')
  })

  it('a value the analysis rejects is named by the config key it came from, or by its flag', async () => {
    const cwd = tempDir({ 'ftplog.config.json': JSON.stringify({ logFormat: 'nope', timezone: 'Europe/Berlin' }) })
    const io = memoryIO({ cwd })
    expect(await run([incidents], io)).toBe(2)
    expect(io.err()).toMatch(/^ftplog: ftplog\.config\.json: logFormat: unknown log format "nope"; known: /)
    const io2 = memoryIO({ cwd })
    expect(await run([incidents, '--log-format', 'also-nope'], io2)).toBe(2)
    expect(io2.err()).toMatch(/^ftplog: --log-format: unknown log format "also-nope"/)
  })
})

describe('security and offenders', () => {
  it('-f offenders lists the brute-force sources; --bruteforce changes the threshold', async () => {
    const io = memoryIO()
    await run([brute, '-f', 'offenders', '--fail-on', 'none'], io)
    expect(io.out()).toBe('203.0.113.66\n')
    const io2 = memoryIO()
    await run([brute, '-f', 'offenders', '--bruteforce', 'zeek'], io2)
    expect(io2.out()).toBe('')
  })
})

describe('--redact', () => {
  it('replaces addresses, users and paths with stable keyed tokens', async () => {
    const a = await jsonRun([incidents, '--redact', '--redact-key', 'k1'])
    const b = await jsonRun([incidents, '--redact', '--redact-key', 'k1'])
    const c = await jsonRun([incidents, '--redact', '--redact-key', 'k2'])
    expect(a.report).toEqual(b.report)
    expect(a.report.redacted).toBe(true)
    const text = JSON.stringify(a.report.incidents)
    for (const secret of ['192.0.2.10', '198.51.100.7', 'alice', '/home/alice/big.iso']) expect(text).not.toContain(secret)
    const lost = a.report.incidents.find((i) => i.cause === 'data-connection-lost')!
    expect(lost.clients[0]).toMatch(/^addr-[0-9a-f]{10}$/)
    expect(lost.samples[0]!.text).toContain(lost.clients[0])
    expect(c.report.incidents[0]!.clients[0]).not.toBe(lost.clients[0])
    // Without a key, tokens are random per run.
    const d = await jsonRun([incidents, '--redact'])
    expect(d.report.incidents[0]!.clients[0]).not.toBe(lost.clients[0])
  })

  it('--redact-key alone is a usage error', async () => {
    const io = memoryIO()
    expect(await run([incidents, '--redact-key', 'x'], io)).toBe(2)
    expect(io.err()).toContain('--redact-key needs --redact')
  })

  it('an empty --redact-key (an unset secret) is refused, never used as the HMAC key', async () => {
    const io = memoryIO()
    expect(await run([incidents, '--redact', '--redact-key', ''], io)).toBe(2)
    expect(io.err()).toBe('ftplog: --redact-key: an empty key (an unset variable?) lets anyone recompute the tokens; give a secret, or leave the option out for a random key\n')
    expect(io.out()).toBe('')
  })
})

describe('ftplog merge', () => {
  async function jsonReport(args: string[]): Promise<string> {
    const io = memoryIO()
    await run([...args, '-f', 'json'], io)
    return io.out()
  }

  it('combines reports of separate runs and decides the verdict again', async () => {
    const dir = tempDir({ 'a.json': await jsonReport([incidents]), 'b.json': await jsonReport([brute]) })
    const both = await jsonRun([incidents, brute])
    const io = memoryIO()
    const code = await run(['merge', join(dir, 'a.json'), join(dir, 'b.json'), '-f', 'json'], io)
    expect(code).toBe(1)
    const merged = reportSchema.parse(JSON.parse(io.out()))
    // The same facts as one run over both files.
    expect(merged.inputs).toEqual(both.report.inputs)
    expect(merged.totals).toEqual(both.report.totals)
    expect(merged.incidents).toEqual(both.report.incidents)
    expect(merged.security).toEqual(both.report.security)
    expect(merged.verdict).toEqual(both.report.verdict)
    expect(merged.timeline.buckets.length).toBeGreaterThan(0)
    expect(await run(['merge', join(dir, 'a.json'), join(dir, 'b.json'), '--fail-on', 'none'], memoryIO())).toBe(0)
  })

  it('re-groups incidents split across reports with the incident gap', async () => {
    const lines = (await import('node:fs')).readFileSync(incidents, 'utf8').split('\n')
    const dir = tempDir({ 'one.log': `${lines.slice(0, 23).join('\n')}\n`, 'two.log': `${lines.slice(23).join('\n')}` })
    const a = await jsonReport([join(dir, 'one.log'), '--year', '2024'])
    const b = await jsonReport([join(dir, 'two.log'), '--year', '2024'])
    writeFileSync(join(dir, 'a.json'), a)
    writeFileSync(join(dir, 'b.json'), b)
    const io = memoryIO()
    await run(['merge', join(dir, 'a.json'), join(dir, 'b.json'), '-f', 'json'], io)
    const merged = reportSchema.parse(JSON.parse(io.out()))
    const capacity = merged.incidents.filter((i) => i.cause === 'capacity')
    expect(capacity).toHaveLength(1)
    expect(capacity[0]!.events).toBe(2)
    expect(capacity[0]!.samples.map((s) => s.line)).toEqual([23, 2])
  })

  it('refuses another schema version by name, and invalid reports naming the file', async () => {
    const good = JSON.parse(await jsonReport([incidents]))
    const dir = tempDir({ 'v2.json': JSON.stringify({ ...good, schemaVersion: 2 }), 'bad.json': JSON.stringify({ ...good, totals: 'x' }), 'text.json': 'not json' })
    const io = memoryIO()
    expect(await run(['merge', join(dir, 'v2.json')], io)).toBe(2)
    expect(io.err()).toContain(`${join(dir, 'v2.json')}: schemaVersion 2 is not supported; this ftplog reads schemaVersion 1`)
    const io2 = memoryIO()
    expect(await run(['merge', join(dir, 'bad.json')], io2)).toBe(2)
    expect(io2.err()).toContain(`${join(dir, 'bad.json')}: not a valid ftplog 1 report:\n  totals:`)
    const io3 = memoryIO()
    expect(await run(['merge', join(dir, 'text.json')], io3)).toBe(2)
    expect(io3.err()).toContain(`${join(dir, 'text.json')}: not a JSON report`)
  })

  it('refuses reports made with different filters', async () => {
    const dir = tempDir({ 'a.json': await jsonReport([incidents]), 'b.json': await jsonReport([incidents, '--user', 'alice']) })
    const io = memoryIO()
    expect(await run(['merge', join(dir, 'a.json'), join(dir, 'b.json')], io)).toBe(2)
    expect(io.err()).toContain('were made with different filters (--since/--until/--client/--user)')
  })
})

describe('ftplog schema', () => {
  it('prints the report schema by default and the config schema on request', async () => {
    const io = memoryIO()
    expect(await run(['schema'], io)).toBe(0)
    expect(Object.keys(JSON.parse(io.out()).properties)).toEqual(expect.arrayContaining(['verdict', 'security', 'timeline', 'filters']))
    const io2 = memoryIO()
    expect(await run(['schema', 'config'], io2)).toBe(0)
    const config = JSON.parse(io2.out())
    expect(config.additionalProperties).toBe(false)
    expect(Object.keys(config.properties)).toEqual(expect.arrayContaining(['failOn', 'maxIncidents', 'since', 'bruteforce', 'redact']))
    const io3 = memoryIO()
    expect(await run(['schema', 'nope'], io3)).toBe(2)
    expect(io3.err()).toContain('choose report, config, log-format, catalog or reply-codes')
  })
})
