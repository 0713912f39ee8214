import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { compileContainers, containerOfHead } from '../../src/log-formats/container-lines.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import { buildReport } from '../../src/report/build-report.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { mergeReports, readReport } from '../../src/report/merge-reports.js'
import { itNeeding } from '../helpers/needs.js'
import { corpus, fixture } from '../helpers/paths.js'

const data = bundledEnvelopes().containers
const shapes = compileContainers(data)
const catalog = createCatalog()

describe('container line shapes (envelopes.json containers)', () => {
  for (const c of data) {
    it(`${c.id}: every sample unwraps to its line, and no other shape before it takes it`, () => {
      const shape = shapes.find((s) => s.id === c.id)!
      for (const s of c.samples) {
        expect(shape.unwrap(s.line), s.line).toBe(s.body)
        expect(shapes.find((x) => x.unwrap(s.line) !== undefined)?.id, s.line).toBe(c.id)
      }
    })
  }

  it('a head is in a shape when at least 90% of its non-blank lines are', () => {
    const line = (i: number) => `2026-11-22T03:02:47.${String(i).padStart(9, '0')}Z Sun Nov 22 03:02:47 2026 [pid 1] CONNECT: Client "192.0.2.1"`
    const nine = [...Array.from({ length: 9 }, (_, i) => line(i)), 'a line the runtime did not wrap', '']
    expect(containerOfHead(nine, shapes)?.id).toBe('docker-timestamps')
    expect(containerOfHead(nine.slice(1), shapes)).toBeUndefined()
    expect(containerOfHead(['', '  '], shapes)).toBeUndefined()
  })

  it('json-file: the log string without its line feed; other JSON and non-JSON lines are not in the shape', () => {
    const json = shapes.find((s) => s.id === 'docker-json-file')!
    expect(json.unwrap('{"log":"220 ready\\r\\n","stream":"stdout","time":"2026-11-22T03:02:47Z"}')).toBe('220 ready')
    expect(json.unwrap('{"log":"a partial line","stream":"stdout"}')).toBe('a partial line')
    expect(json.unwrap('{"msg":"x"}')).toBeUndefined()
    expect(json.unwrap('{"log":')).toBeUndefined()
    expect(json.unwrap('log')).toBeUndefined()
  })
})

describe('a real vsftpd log as container runtimes store it', () => {
  const native = fixture('real', 'vsftpd', 'vsftpd.log')
  const lines = readFileSync(native, 'utf8').split('\n').filter(Boolean)
  const at = (i: number) => `2026-11-22T03:02:${String(47 + (i % 10)).padStart(2, '0')}.${String(i).padStart(9, '0')}Z`
  const wrapped: Record<string, (l: string, i: number) => string> = {
    cri: (l, i) => `${at(i)} ${i % 3 === 0 ? 'stderr' : 'stdout'} F ${l}`,
    'docker-timestamps': (l, i) => `${at(i)} ${l}`,
    'docker-json-file': (l, i) => JSON.stringify({ log: `${l}\n`, stream: 'stdout', time: at(i) }),
    'docker-compose': (l, i) => (i % 2 === 0 ? `ftp-1  | ${l}` : `ftp-1  | ${at(i)} ${l}`),
  }
  const dir = mkdtempSync(join(tmpdir(), 'ftplog-container-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const report = async (path: string, logFormat?: string) => {
    const r = buildReport(await analyzeInputs([path], { catalog, year: 2026, logFormat }, { jobs: 1 }), { catalog, version: 'test' })
    const { path: _, bytes: __, container, ...input } = r.inputs[0]!
    return { container, input, sessions: r.sessions, replies: r.totals.replies, incidents: r.incidents.map((i) => ({ ...i, samples: i.samples.map((s) => s.line) })), logins: r.logins, transfers: r.transfers }
  }
  for (const [id, wrap] of Object.entries(wrapped)) {
    it(`${id}: the report of the log as vsftpd wrote it, detected and forced`, async () => {
      const path = join(dir, `${id}.log`)
      writeFileSync(path, `${lines.map(wrap).join('\n')}\n`)
      const want = await report(native)
      expect(want.container).toBeUndefined()
      expect(want.incidents.length).toBeGreaterThan(3)
      expect(await report(path)).toEqual({ ...want, container: id })
      const forced = await report(native, 'vsftpd')
      expect(await report(path, 'vsftpd')).toEqual({ ...forced, container: id })
    })
  }

  it('a CRI log the kubelet rotated is one set: cut mid-session, the report of the whole', async () => {
    const pod = mkdtempSync(join(dir, 'pod-'))
    const cri = lines.map(wrapped.cri!)
    const cut = Math.floor(cri.length / 2)
    writeFileSync(join(pod, '0.log.20261122-030310'), `${cri.slice(0, cut).join('\n')}\n`)
    writeFileSync(join(pod, '0.log'), `${cri.slice(cut).join('\n')}\n`)
    const whole = join(dir, 'whole.log')
    writeFileSync(whole, `${cri.join('\n')}\n`)
    const r = buildReport(await analyzeInputs([pod], { catalog, year: 2026 }, { jobs: 1 }), { catalog, version: 'test' })
    const w = buildReport(await analyzeInputs([whole], { catalog, year: 2026 }, { jobs: 1 }), { catalog, version: 'test' })
    expect(r.inputs.map((i) => [i.path.slice(pod.length + 1), i.container])).toEqual([['0.log', 'cri'], ['0.log.20261122-030310', 'cri']])
    expect(r.sessions).toEqual(w.sessions)
    expect(r.incidents.map((i) => [i.cause, i.events])).toEqual(w.incidents.map((i) => [i.cause, i.events]))
    expect(r.logins).toEqual(w.logins)
  })

  it('the shape travels with its input through a JSON report and ftplog merge', async () => {
    const path = join(dir, 'merge.log')
    writeFileSync(path, `${lines.map(wrapped.cri!).join('\n')}\n`)
    const r = buildReport(await analyzeInputs([path], { catalog, year: 2026 }, { jobs: 1 }), { catalog, version: 'test' })
    const read = readReport(JSON.stringify(r), 'r.json')
    expect(read.inputs[0]!.container).toBe('cri')
    expect(mergeReports([{ name: 'r.json', report: read }], { failOn: parseFailOn('none'), version: 'test' }).inputs[0]!.container).toBe('cri')
  })

  itNeeding('corpus', 'a log whose own lines start with an RFC 3339 time stays read as it is, and is read inside docker logs -t', async () => {
    const log = corpus('filezilla-server/ipban-recipe-examples-1x.log')
    const plain = await report(log)
    expect(plain.input.logFormat).toBe('filezilla-server-1x')
    expect(plain.container).toBeUndefined()
    const path = join(dir, 'fz.log')
    writeFileSync(path, readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l, i) => `${at(i)} ${l}`).join('\n'))
    expect(await report(path)).toEqual({ ...plain, container: 'docker-timestamps' })
  })
})
