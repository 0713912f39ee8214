import { execFileSync } from 'node:child_process'
import { accessSync, chmodSync, closeSync, constants, createWriteStream, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { reportSchema, type Report } from '../../src/report/report-schema.js'
import { memoryIO } from '../helpers/memory-io.js'
import { fixture } from '../helpers/paths.js'

// Each bad input is analysed beside a good one; the good one must come out whole every time.
const GOOD = fixture('edge', 'vsftpd-incidents.log')
const GOOD_TEXT = readFileSync(GOOD, 'utf8')
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ftplog-bad-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Deterministic pseudo-random bytes. */
function noise(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    b[i] = x >>> 24
  }
  return b
}

async function analyze(paths: string[], extra: string[] = []): Promise<{ code: number; err: string; report: Report }> {
  const io = memoryIO()
  const code = await run(['analyze', ...paths, '-f', 'json', '--jobs', '1', ...extra], io)
  // A bad copy of the good log starts when it does: the warning that two vsftpd logs start
  // together is expected here and is not what these cases check.
  const err = io.err().replace(/^ftplog: warning: .* protocol logs that start together: .*\n/m, '')
  return { code, err, report: reportSchema.parse(JSON.parse(io.out())) }
}

function expectGoodInputWhole(report: Report): void {
  const good = report.inputs.find((i) => i.path === GOOD)!
  expect(good).toMatchObject({ lines: 28, recognizedLines: 28, unrecognizedLines: 0, error: null, logFormat: 'vsftpd' })
  expect(report.incidents.map((i) => i.cause)).toEqual(expect.arrayContaining(['data-connection-lost', 'capacity', 'login-timeout']))
}

function expectAccountingExact(report: Report): void {
  for (const i of report.inputs) expect(i.recognizedLines + i.notFtpLines + i.unrecognizedLines + i.skippedLines, i.path).toBe(i.lines)
}

/** A path this process cannot read: chmod 000 for a normal user; for root (who reads anything), a write-only procfs file. */
function unreadablePath(): string | undefined {
  const isRoot = process.getuid?.() === 0
  const candidate = isRoot ? '/proc/sys/vm/drop_caches' : join(dir, 'no-read.log')
  if (!isRoot) {
    writeFileSync(candidate, GOOD_TEXT)
    chmodSync(candidate, 0o000)
  }
  try {
    accessSync(candidate, constants.R_OK)
    return undefined // readable after all: the case cannot be set up here
  } catch {
    return candidate
  }
}

describe('bad inputs: each fails alone with a one-line message, the others are fully reported', () => {
  const cases: { name: string; make: () => string; code: number; message: ((path: string) => string) | RegExp | null }[] = [
    {
      name: 'a binary file',
      make: () => {
        const p = join(dir, 'core.bin')
        writeFileSync(p, noise(20_000))
        return p
      },
      code: 2,
      message: (p) => `${p}: binary data (not a text log)`,
    },
    {
      name: 'a file of NUL bytes (a preallocated log after a crash)',
      make: () => {
        const p = join(dir, 'zeros.log')
        writeFileSync(p, Buffer.alloc(4096))
        return p
      },
      code: 2,
      message: (p) => `${p}: binary data (not a text log)`,
    },
    {
      name: 'a log with stray NUL bytes (still a log)',
      make: () => {
        const p = join(dir, 'nul.log')
        writeFileSync(p, GOOD_TEXT.replace('USER alice', 'USER al\u0000ice').replace('TYPE I', 'TYPE\u0000I'))
        return p
      },
      code: 1,
      message: null,
    },
    {
      name: 'invalid UTF-8',
      make: () => {
        const p = join(dir, 'latin1.log')
        writeFileSync(p, Buffer.concat([Buffer.from(GOOD_TEXT.replace('203.0.113.5', 'caf\u00e9-host'), 'latin1'), Buffer.from([0xff, 0xfe, 0x0a])]))
        return p
      },
      code: 1,
      message: null,
    },
    {
      name: 'a truncated .gz',
      make: () => {
        const p = join(dir, 'cut.log.gz')
        const gz = gzipSync(Buffer.from(GOOD_TEXT.repeat(400)))
        writeFileSync(p, gz.subarray(0, Math.floor(gz.length / 2)))
        return p
      },
      code: 2,
      message: (p) => `${p}: corrupt or truncated gzip data (unexpected end of file)`,
    },
    {
      name: 'a corrupt .gz',
      make: () => {
        const p = join(dir, 'corrupt.gz')
        writeFileSync(p, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), noise(3000, 7)]))
        return p
      },
      code: 2,
      message: /: corrupt or truncated gzip data \(.+\)$/,
    },
    {
      name: 'an empty directory',
      make: () => {
        const p = join(dir, 'empty-dir')
        mkdirSync(p, { recursive: true })
        return p
      },
      code: 2,
      message: (p) => `${p}: folder holds no files`,
    },
    {
      name: 'a missing file',
      make: () => join(dir, 'no-such.log'),
      code: 2,
      message: (p) => `${p}: no such file or directory`,
    },
  ]

  for (const c of cases) {
    it(c.name, async () => {
      const bad = c.make()
      const { code, err, report } = await analyze([GOOD, bad])
      expect(code).toBe(c.code)
      const input = report.inputs.find((i) => i.path === bad)!
      if (c.message === null) {
        expect(err).toBe('')
        expect(input.error).toBeNull()
      } else {
        const expected = typeof c.message === 'function' ? c.message(bad) : undefined
        if (expected) expect(err).toBe(`ftplog: ${expected}\n`)
        else expect(err).toMatch(new RegExp(`^ftplog: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${(c.message as RegExp).source}\n$`.replace('$\n$', '\n$')))
        expect(input.error!.message).toBe(err.slice('ftplog: '.length, -1))
      }
      expectGoodInputWhole(report)
      expectAccountingExact(report)
    })
  }

  it('invalid UTF-8 becomes U+FFFD and is analysed', async () => {
    const { report } = await analyze([join(dir, 'latin1.log')])
    expect(report.inputs[0]).toMatchObject({ lines: 29, recognizedLines: 28, unrecognizedLines: 1 })
    expect(report.incidents.find((i) => i.cause === 'login-timeout')!.clients).toEqual(['caf\ufffd-host'])
  })

  it('a truncated .gz still counts the lines read before the damage', async () => {
    const { report } = await analyze([join(dir, 'cut.log.gz')])
    expect(report.inputs[0]!.lines).toBeGreaterThan(100)
    expectAccountingExact(report)
  })

  it('a file without read permission', async () => {
    const bad = unreadablePath()
    if (!bad) return expect.soft(bad, 'no unreadable path available on this system').toBeUndefined()
    const { code, err, report } = await analyze([GOOD, bad])
    expect(code).toBe(2)
    expect(err).toBe(`ftplog: ${bad}: permission denied\n`)
    expectGoodInputWhole(report)
    expectAccountingExact(report)
  })

  it('a directory: its files are the inputs', async () => {
    const d = join(dir, 'logs')
    mkdirSync(join(d, 'old'), { recursive: true })
    writeFileSync(join(d, 'vsftpd.log'), GOOD_TEXT)
    writeFileSync(join(d, 'old', 'vsftpd.log.1.gz'), gzipSync(GOOD_TEXT))
    writeFileSync(join(d, '.hidden'), 'not read')
    // Two copies of one log would be read once, as mirrors (test/analyze/mirror-logs.test.ts).
    const { code, report } = await analyze([d], ['--no-pairing'])
    expect(code).toBe(1)
    expect(report.inputs.map((i) => [i.path, i.lines])).toEqual([
      [join(d, 'old', 'vsftpd.log.1.gz'), 28],
      [join(d, 'vsftpd.log'), 28],
    ])
  })

  it('a FIFO is read like a file while something writes to it', async () => {
    if (process.platform === 'win32') return
    const fifo = join(dir, 'pipe.log')
    execFileSync('mkfifo', [fifo])
    // Opening a FIFO for writing blocks until a reader opens it; the stream does that off-thread.
    const writer = createWriteStream(fifo)
    writer.end(readFileSync(fixture('edge', 'clean-xferlog.log')))
    const { code, report } = await analyze([GOOD, fifo])
    expect(code).toBe(1)
    expect(report.inputs.find((i) => i.path === fifo)).toMatchObject({ logFormat: 'xferlog', lines: 3, recognizedLines: 3, error: null })
    expectGoodInputWhole(report)
  })

  it('a FIFO of gzip data is gunzipped from its first byte: it cannot be read twice', async () => {
    if (process.platform === 'win32') return
    const fifo = join(dir, 'pipe.log.gz')
    execFileSync('mkfifo', [fifo])
    const writer = createWriteStream(fifo)
    // More than one 256 KiB read of gzip data, so the first read does not hold it all.
    const big = Array.from({ length: 100 }, () => GOOD_TEXT).join('\n')
    const gz = gzipSync(big, { level: 0 })
    expect(gz.length).toBeGreaterThan(256 * 1024)
    writer.end(gz)
    const { report } = await analyze([fifo])
    const lines = big.split('\n').length - (big.endsWith('\n') ? 1 : 0)
    expect(report.inputs[0]).toMatchObject({ path: fifo, lines, error: null })
    expect(report.inputs[0]!.unrecognizedLines).toBe(0)
  })

  it('a 100 MB line is counted and skipped; memory stays bounded and line numbers exact', async () => {
    const p = join(dir, 'huge-line.log')
    const lines = GOOD_TEXT.split('\n')
    const fd = openSync(p, 'w')
    writeSync(fd, `${lines.slice(0, 20).join('\n')}\n`)
    const mb = Buffer.alloc(1 << 20, 'A')
    for (let i = 0; i < 100; i++) writeSync(fd, mb)
    writeSync(fd, `\n${lines.slice(20).join('\n')}`)
    closeSync(fd)
    const before = process.memoryUsage()
    // Not read as a mirror of GOOD, whose FTP lines it holds (test/analyze/mirror-logs.test.ts).
    const { code, report } = await analyze([GOOD, p], ['--no-pairing'])
    const after = process.memoryUsage()
    expect(code).toBe(1)
    const input = report.inputs.find((i) => i.path === p)!
    expect(input).toMatchObject({ lines: 29, recognizedLines: 28, skippedLines: 1, overlongLines: 1, error: null })
    // The 421s after the long line keep their true line numbers (one more than in the good log).
    const capacity = report.incidents.find((i) => i.cause === 'capacity')!
    expect(capacity.samples.filter((s) => s.path === p).map((s) => s.line)).toEqual([24, 26])
    expectGoodInputWhole(report)
    // Nothing near 100 MB was held (the limit is 1 MiB per line).
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(48 * 1024 * 1024)
  })
})

describe('interrupting a run', () => {
  it('exits 130 and writes nothing to stdout', async () => {
    const p = join(dir, 'long.log')
    writeFileSync(p, GOOD_TEXT.repeat(20_000))
    const controller = new AbortController()
    const io = memoryIO({ signal: controller.signal })
    const done = run(['analyze', p, GOOD, '-f', 'json', '--jobs', '1'], io)
    setTimeout(() => controller.abort(), 30)
    expect(await done).toBe(130)
    expect(io.out()).toBe('')
  })
})
