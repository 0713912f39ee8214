import { describe, expect, it } from 'vitest'
import { ndjson } from '../../src/formatters/ndjson.js'
import { fixtureReport } from '../helpers/fixture-report.js'
import { analyzeText, lines } from '../helpers/analyze-text.js'
import { bruteForceReport, incidentsReport } from '../helpers/report-builder.js'
import { hostileReport, HOSTILE_USER } from '../helpers/hostile.js'

const parse = (out: string) => out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>)

describe('ndjson formatter', () => {
  it('matches the golden events of hand-made reports', async () => {
    const r = { ...incidentsReport(), security: bruteForceReport().security }
    await expect(ndjson(r, { color: false })).toMatchFileSnapshot('../golden/vsftpd-incidents.ndjson')
  })

  it('writes incidents, their samples, brute-force windows, inputs and the report, with ECS fields', async () => {
    const r = await fixtureReport(['fixtures/edge/vsftpd-incidents.log', 'fixtures/edge/vsftpd-bruteforce.log'])
    const events = parse(ndjson(r, { color: false }))
    const types = events.map((e) => e.ftplog.type)
    expect(types.filter((t) => t === 'incident')).toHaveLength(r.incidents.length)
    expect(types.filter((t) => t === 'sample')).toHaveLength(r.incidents.reduce((n, i) => n + i.samples.length, 0))
    expect(types.filter((t) => t === 'input')).toHaveLength(2)
    expect(types.at(-1)).toBe('report')
    const bf = events.find((e) => e.ftplog.type === 'bruteforce')!
    expect(bf).toMatchObject({ '@timestamp': '2024-03-12T03:14:01.000Z', source: { ip: '203.0.113.66' }, user: { name: 'root' }, event: { kind: 'alert', outcome: 'failure' } })
    const sample = events.find((e) => e.ftplog.type === 'sample')!
    expect(sample).toMatchObject({ log: { file: { path: 'fixtures/edge/vsftpd-incidents.log' } }, ftplog: { line: 19 }, event: { code: '426' } })
    for (const e of events) {
      expect(e.ecs.version).toMatch(/^8\./)
      expect(['alert', 'event', 'metric']).toContain(e.event.kind)
      if (e['@timestamp'] !== undefined) expect(new Date(e['@timestamp']).toISOString()).toBe(e['@timestamp'])
    }
  })

  it('keeps one event per line whatever the log text holds', async () => {
    const out = ndjson(await hostileReport(), { color: false })
    const lines = out.trimEnd().split('\n')
    const events = lines.map((l) => JSON.parse(l))
    expect(events.find((e) => e.ftplog.type === 'incident').related.user).toEqual([HOSTILE_USER])
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
  })

  it('escapes U+0085, U+2028 and U+2029 from log text, so line-splitting readers see one event per line', async () => {
    const user = 'mal\u0085lory\u2028x\u2029y'
    const report = await analyzeText(
      lines(
        'Mon Jan 15 10:00:00 2024 [pid 7] CONNECT: Client "192.0.2.66"',
        `Mon Jan 15 10:00:01 2024 [pid 7] [${user}] FTP response: Client "192.0.2.66", "421 Timeout."`,
      ),
    )
    const out = ndjson(report, { color: false })
    expect(out).not.toMatch(/[\u0085\u2028\u2029]/)
    const events = out.split(/\r\n|[\n\r\u0085\u2028\u2029]/).filter(Boolean).map((l) => JSON.parse(l))
    expect(events.find((e) => e.ftplog.type === 'incident').related.user).toEqual([user])
  })
})
