import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { streamSink, nodeIO } from '../../src/cli/node-io.js'
import { colorFromEnv, WRITE_PIECE_CHARS, writeOutputs } from '../../src/cli/write-outputs.js'
import { OutputError } from '../../src/errors.js'
import { FORMATTERS } from '../../src/formatters/registry.js'
import type { Report } from '../../src/report/report-schema.js'
import { analyzeText } from '../helpers/analyze-text.js'
import { hostileReport } from '../helpers/hostile.js'
import { manyIncidentsLog } from '../helpers/many-incidents.js'
import { memoryIO } from '../helpers/memory-io.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'ftplog-write-'))
/** About 1.5 MB of JSON: many pieces of {@link WRITE_PIECE_CHARS}. */
const bigReport = () => analyzeText(manyIncidentsLog(600), { gapMs: 1000 })

describe('colorFromEnv', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '3' }, false, true],
    [{ FORCE_COLOR: 'true' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '' }, false, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true, false],
  ])('%j, standard output a terminal: %s → colour %s', (env, tty, expected) => {
    expect(colorFromEnv(env, tty)).toBe(expected)
  })
})

describe('writeOutputs', () => {
  it('writes the same bytes to a file and to stdout as the formatter returns, for json, ndjson and text', async () => {
    const reports = [await bigReport(), await hostileReport()]
    for (const report of reports) {
      for (const formatter of ['json', 'ndjson', 'text'] as const) {
        const expected = FORMATTERS[formatter](report, { color: false })
        const file = join(tmp(), `r.${formatter}`)
        const io = { ...memoryIO(), writeFile: nodeIO().writeFile }
        await writeOutputs(report, [{ formatter, path: file }, { formatter, path: undefined }], io, false)
        expect(readFileSync(file, 'utf8') === expected).toBe(true)
        expect(io.out() === expected).toBe(true)
      }
    }
    expect(FORMATTERS.json(reports[0]!, { color: false })).toBe(`${JSON.stringify(reports[0], null, 2)}\n`)
  })

  it('writes a large report to stdout in pieces, each after the sink has drained', async () => {
    const report = await bigReport()
    const log: string[] = []
    let pending = false
    let out = ''
    const io = {
      ...memoryIO(),
      stdout: {
        write: (text: string) => {
          expect(pending).toBe(false)
          log.push(`write ${text.length}`)
          out += text
        },
        drained: () => {
          pending = true
          log.push('drained?')
          return new Promise<void>((resolve) => setTimeout(() => ((pending = false), resolve()), 1))
        },
      },
    }
    await writeOutputs(report, [{ formatter: 'json', path: undefined }], io, false)
    expect(out).toBe(`${JSON.stringify(report, null, 2)}\n`)
    const writes = log.filter((l) => l.startsWith('write'))
    expect(writes.length).toBeGreaterThan(10)
    expect(log).toEqual(writes.flatMap((w) => [w, 'drained?']))
    for (const w of writes.slice(0, -1)) expect(Number(w.split(' ')[1])).toBeGreaterThanOrEqual(WRITE_PIECE_CHARS)
  })

  it('streamSink: does not queue a large report in a slow stream (waits for its drain)', async () => {
    const report = await bigReport()
    const chunks: Buffer[] = []
    let mostQueued = 0
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk)
        setTimeout(done, 1)
      },
    })
    const sink = streamSink(slow)
    const io = { ...memoryIO(), stdout: { write: (t: string) => (sink.write(t), (mostQueued = Math.max(mostQueued, slow.writableLength))), drained: sink.drained } }
    await writeOutputs(report, [{ formatter: 'json', path: undefined }], io, false)
    await new Promise<void>((resolve) => slow.end(resolve))
    const text = Buffer.concat(chunks).toString('utf8')
    expect(text === `${JSON.stringify(report, null, 2)}\n`).toBe(true)
    expect(text.length).toBeGreaterThan(20 * WRITE_PIECE_CHARS)
    // At most the piece just written, plus what was left below the high-water mark.
    expect(mostQueued).toBeLessThan(3 * WRITE_PIECE_CHARS)
  })

  it('an unwritable file is one OutputError line; a formatter that fails is not a write error', async () => {
    const report = await hostileReport()
    const io = { ...memoryIO(), writeFile: nodeIO().writeFile }
    const missing = join(tmp(), 'no-such-folder', 'r.json')
    const error = await writeOutputs(report, [{ formatter: 'json', path: missing }], io, false).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OutputError)
    expect((error as Error).message).toBe(`cannot write ${missing}: no such file or directory`)
    const broken = { ...report, notices: [10n] } as unknown as Report
    const thrown = await writeOutputs(broken, [{ formatter: 'json', path: join(tmp(), 'r.json') }], io, false).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(TypeError)
    expect(thrown).not.toBeInstanceOf(OutputError)
  })
})
