import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { buildReport } from '../../src/report/build-report.js'
import type { Report } from '../../src/report/report-schema.js'
import { fixture, ROOT } from '../helpers/paths.js'

const catalog = createCatalog()
const dir = mkdtempSync(join(tmpdir(), 'ftplog-rotated-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function report(paths: string[]): Promise<Report> {
  return buildReport(await analyzeInputs(paths, { catalog }, { pairing: false }), { catalog, version: '0.1.0' })
}

/**
 * Cuts `source` into parts at the given line numbers (the first line of each later part) and writes
 * them under `names` (oldest first; `.gz` names are gzipped). Returns the part paths and the line
 * offset of each part in the whole log.
 */
function cut(source: string, at: number[], names: string[], sub: string): { paths: string[]; offsets: Map<string, number> } {
  const lines = readFileSync(source, 'utf8').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const bounds = [0, ...at.map((n) => n - 1), lines.length]
  const folder = join(dir, sub)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  const paths: string[] = []
  const offsets = new Map<string, number>()
  const mtime = statSync(source).mtime
  names.forEach((name, i) => {
    const text = lines.slice(bounds[i], bounds[i + 1]).join('\n') + '\n'
    const path = join(folder, name)
    writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text, { flag: 'w' })
    utimesSync(path, mtime, mtime)
    paths.push(path)
    offsets.set(path, bounds[i]!)
  })
  return { paths, offsets }
}

/**
 * The report without `inputs[]`, every sample's path and line turned into the line of the whole
 * log, and brute-force windows without their path: what must not depend on how the log was cut.
 */
function comparable(r: Report, offsets: Map<string, number>): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(o)) {
        if (k === 'inputs') continue
        out[k] = walk(x)
      }
      if (typeof o.path === 'string' && typeof o.line === 'number') {
        out.path = 'whole'
        out.line = o.line + (offsets.get(o.path) ?? 0)
      } else if (typeof o.path === 'string') out.path = 'whole'
      return out
    }
    return v
  }
  return walk(r)
}

function lineCount(path: string): number {
  const text = path.endsWith('.gz') ? '' : readFileSync(path, 'utf8')
  return text.split('\n').length - 1
}

describe('a rotated set is read as one log', () => {
  const whole = fixture('real', 'vsftpd', 'vsftpd.log')

  it('`.1.gz` + current gives exactly the report of the whole log (sessions cut at the rotation included)', async () => {
    // Line 238 is the 426 of the abort-download session that started at line 226: the cut splits it.
    const { paths, offsets } = cut(whole, [232], ['vsftpd.log.1.gz', 'vsftpd.log'], 'two')
    const all = await report([whole])
    const set = await report([paths[1]!, paths[0]!])
    expect(comparable(set, offsets)).toEqual(comparable(all, new Map([[whole, 0]])))
    expect(set.incidents.length).toBeGreaterThan(3)
    // Each file keeps its own accounting: lines, bytes on disk, its path in samples.
    expect(set.inputs.map((i) => i.path)).toEqual([paths[1], paths[0]])
    expect(set.inputs.find((i) => i.path === paths[0])!.lines).toBe(231)
    expect(set.inputs.find((i) => i.path === paths[1])!.lines).toBe(lineCount(whole) - 231)
    for (const p of paths) expect(set.inputs.find((i) => i.path === p)!.bytes).toBe(statSync(p).size)
    const samplePaths = new Set(set.incidents.flatMap((i) => i.samples.map((s) => s.path)))
    expect(samplePaths).toEqual(new Set(paths))
  })

  it('a 3-part numbered set, named in any order or through its folder, equals the whole log', async () => {
    const { paths, offsets } = cut(whole, [100, 236], ['vsftpd.log.2.gz', 'vsftpd.log.1', 'vsftpd.log'], 'three')
    const expected = comparable(await report([whole]), new Map([[whole, 0]]))
    expect(comparable(await report([paths[1]!, paths[2]!, paths[0]!]), offsets)).toEqual(expected)
    expect(comparable(await report([join(dir, 'three')]), offsets)).toEqual(expected)
  })

  it('a dateext set of a year-less syslog log equals the whole log', async () => {
    const syslog = fixture('real', 'pure-ftpd', 'syslog.log')
    const { paths, offsets } = cut(syslog, [150, 340], ['pure-ftpd.log-20261121.gz', 'pure-ftpd.log-20261122', 'pure-ftpd.log'], 'dated')
    const all = await report([syslog])
    const set = await report([...paths].reverse())
    expect(comparable(set, offsets)).toEqual(comparable(all, new Map([[syslog, 0]])))
    // 7 transfers: 6 complete, and the stalled download its session timed out on.
    expect(set.transfers).toMatchObject({ completed: 6, incomplete: 1 })
  })

  // logrotate's `compresscmd` may be xz, bzip2 or zstd: such a part of a log that is read is an
  // input not read (exit 2, named with its format), never left out of the numbers quietly.
  const compressors = [
    ['xz', 'vsftpd.log.2.xz'],
    ['bzip2', 'vsftpd.log.2.bz2'],
    ['zstd', 'vsftpd.log.2.zst'],
  ] as const
  for (const [tool, name] of compressors) {
    it.skipIf(spawnSync(tool, ['--version']).error !== undefined)(`a member compressed with ${tool} is an error naming it; another program's compressed log beside it is skipped`, async () => {
      const { paths } = cut(whole, [100, 236], [name, 'vsftpd.log.1', 'vsftpd.log'], tool)
      writeFileSync(paths[0]!, spawnSync(tool, ['-c'], { input: readFileSync(paths[0]!) }).stdout)
      // Beside it, a compressed file of another program (apt's eipp.log.xz in /var/log) is skipped.
      const other = join(dir, tool, `apt-history.log.1.${name.split('.').at(-1)}`)
      writeFileSync(other, spawnSync(tool, ['-c'], { input: 'Start-Date: 2026-11-01  10:00:00\n'.repeat(50) }).stdout)
      const r = await report([join(dir, tool)])
      const member = r.inputs.find((i) => i.path === paths[0])!
      expect(member.error).toEqual({ code: 'FTPLOG_COMPRESSED', message: expect.stringMatching(new RegExp(`: ${tool}-compressed data, which ftplog does not read`)) })
      expect(member.status).toBe('error')
      expect(r.verdict.exitCode).toBe(2)
      expect(r.inputs.find((i) => i.path === other)).toMatchObject({ status: 'skipped', skipReason: `${tool}-compressed (not read)` })
      expect(r.inputs.filter((i) => i.path !== paths[0] && i.path !== other).map((i) => i.lines)).toEqual([lineCount(whole) - 235, 136])
    })
  }

  it('IIS files, one per day (u_exYYMMDD.log), are one set: a session across the rollover is one', async () => {
    // The benchmark's IIS W3C generator (deterministic); IIS starts each day's file with its header.
    const whole = join(dir, 'iis-whole.log')
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'generate-logs.mjs'), 'iis', '3000', whole])
    const lines = readFileSync(whole, 'utf8').split('\n').slice(0, -1)
    const header = lines.slice(0, 4)
    const write = (folder: string, names: [string, string]): void => {
      mkdirSync(join(dir, folder), { recursive: true })
      writeFileSync(join(dir, folder, names[0]), `${[...header, ...lines.slice(4, 1500)].join('\n')}\n`)
      writeFileSync(join(dir, folder, names[1]), `${[...header, ...lines.slice(1500)].join('\n')}\n`)
    }
    write('FTPSVC2', ['u_ex240101.log', 'u_ex240102.log'])
    write('iis-apart', ['a.log', 'b.log'])
    const all = await report([whole])
    const set = await report([join(dir, 'FTPSVC2')])
    expect(all.sessions.total).toBeGreaterThan(200)
    expect(set.sessions).toEqual(all.sessions)
    expect([set.logins, set.transfers, set.totals.replies, set.incidents.length]).toEqual([all.logins, all.transfers, all.totals.replies, all.incidents.length])
    // The same parts under other names are two logs: the sessions open at the cut count twice.
    expect((await report([join(dir, 'iis-apart')])).sessions.total).toBeGreaterThan(all.sessions.total)
  })

  it('without the set, the cut splits sessions (what the set prevents)', async () => {
    const { paths } = cut(whole, [232], ['a.log', 'b.log'], 'two')
    const apart = await report(paths)
    const all = await report([whole])
    expect(apart.sessions.total).toBeGreaterThan(all.sessions.total)
  })
})
