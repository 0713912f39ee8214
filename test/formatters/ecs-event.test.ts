import { describe, expect, it } from 'vitest'
import type { AnalysisEvent } from '../../src/analyze/analysis-event.js'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { analysisEventToEcs, formatAnalysisEvent } from '../../src/formatters/ecs-event.js'
import { run } from '../../src/cli/main.js'
import { fixture } from '../helpers/paths.js'
import { memoryIO } from '../helpers/memory-io.js'

const catalog = createCatalog()

async function events(path: string, filter?: { users: string[] }): Promise<AnalysisEvent[]> {
  const out: AnalysisEvent[] = []
  await analyzeInputs([path], { catalog, year: 2024, filter }, { onEvent: (e) => out.push(e) })
  return out
}

describe('analysis events (the streaming sink)', () => {
  it('yields every reply, login attempt and transfer the totals count', async () => {
    const path = fixture('edge', 'vsftpd-incidents.log')
    const got = await events(path)
    const state = await analyzeInputs([path], { catalog, year: 2024 })
    const count = (kind: string) => got.filter((e) => e.kind === kind).length
    expect(count('reply')).toBe(Object.values(state.replies).reduce((n, x) => n + x, 0))
    expect(count('login')).toBe(state.logins.ok + state.logins.failed)
    const transfers = got.filter((e) => e.kind === 'transfer')
    expect(transfers).toHaveLength(state.transfers.completed + state.transfers.incomplete + state.transfers.failedToStart + state.transfers.deletes)
    expect(transfers.map((t) => [t.direction, t.outcome, t.line])).toEqual([
      ['download', 'complete', 12],
      ['download', 'incomplete', 18],
    ])
    const r421 = got.find((e) => e.kind === 'reply' && e.code === 421)!
    expect(r421).toMatchObject({ path, line: 23, client: '198.51.100.7', text: 'There are too many connections from your internet address.' })
  })

  it('applies the filter', async () => {
    const got = await events(fixture('edge', 'vsftpd-incidents.log'), { users: ['alice'] })
    expect(got.length).toBeGreaterThan(0)
    expect(got.every((e) => e.user === 'alice')).toBe(true)
  })

  it('become ECS documents, one line each', () => {
    const e: AnalysisEvent = { kind: 'transfer', path: 'x.log', line: 3, time: Date.UTC(2024, 0, 1), direction: 'upload', outcome: 'incomplete', bytes: 10, file: '/a\nb', client: '10.0.0.1', user: 'u' }
    expect(analysisEventToEcs(e)).toEqual({
      '@timestamp': '2024-01-01T00:00:00.000Z',
      ecs: { version: '8.11.0' },
      source: { ip: '10.0.0.1' },
      user: { name: 'u' },
      log: { file: { path: 'x.log' } },
      event: { kind: 'event', category: ['file'], type: ['creation'], outcome: 'failure', reason: 'incomplete', dataset: 'ftplog.transfer', module: 'ftplog' },
      file: { path: '/a\nb' },
      ftplog: { type: 'transfer', line: 3, direction: 'upload', outcome: 'incomplete', bytes: 10 },
    })
    const line = formatAnalysisEvent({ kind: 'reply', path: 'x', line: 1, time: undefined, code: 421, text: 'a\r\n\u001b[2J"}', client: undefined, user: undefined })
    expect(line.split('\n')).toHaveLength(2)
    expect(JSON.parse(line)).toMatchObject({ message: '421 a\r\n\u001b[2J"}', event: { code: '421', outcome: 'failure' } })
    expect(JSON.parse(line)['@timestamp']).toBeUndefined()
  })

  it('--events streams them to a file beside the report', async () => {
    const io = memoryIO()
    expect(await run([fixture('edge', 'vsftpd-incidents.log'), '--events', 'out/events.ndjson', '-f', 'ndjson:out/report.ndjson'], io)).toBe(1)
    const lines = io.files.get('out/events.ndjson')!.trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => l.event.dataset)).toEqual(expect.arrayContaining(['ftplog.reply', 'ftplog.login', 'ftplog.transfer']))
    expect(io.files.get('out/report.ndjson')).toContain('"ftplog.incident"')
    const clash = memoryIO()
    expect(await run([fixture('edge', 'vsftpd-incidents.log'), '--events', 'x.ndjson', '-f', 'ndjson:x.ndjson'], clash)).toBe(2)
    expect(clash.err()).toContain('both write x.ndjson; give each its own file')
    const redacted = memoryIO()
    expect(await run([fixture('edge', 'vsftpd-incidents.log'), '--events', 'e.ndjson', '--redact'], redacted)).toBe(2)
    expect(redacted.err()).toContain('--events writes every reply, login and transfer as logged and is not redacted')
    expect(redacted.files.has('e.ndjson')).toBe(false)
  })
})
