import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { FileSource, READ_CHUNK_BYTES } from '../../src/io/open-input.js'
import { CompressedInputError, NotTextError, readLines } from '../../src/io/read-lines.js'

async function collect(chunks: Buffer[], maxLineBytes = 1024 * 1024): Promise<(string | null)[]> {
  const out: (string | null)[] = []
  await readLines(Readable.from(chunks), { line: (t) => out.push(t), overlong: () => out.push(null) }, { maxLineBytes })
  return out
}

/** Splits a buffer at the given cut points. */
function chunk(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b)
  const parts: Buffer[] = []
  let prev = 0
  for (const p of points) {
    parts.push(buf.subarray(prev, p))
    prev = p
  }
  parts.push(buf.subarray(prev))
  return parts.filter((p) => p.length > 0)
}

describe('readLines', () => {
  it('splits LF and CRLF lines and keeps empty lines', async () => {
    expect(await collect([Buffer.from('a\r\nb\n\nc')])).toEqual(['a', 'b', '', 'c'])
  })

  it('gives the same lines for any chunking of the bytes (CRLF and UTF-8 split across chunks)', async () => {
    const text = 'Mon 220 Grüße\r\nПривет мир\n状態: 接続\r\n\nlast 🎉'
    const buf = Buffer.from(text)
    const expected = await collect([buf])
    expect(expected).toEqual(['Mon 220 Grüße', 'Привет мир', '状態: 接続', '', 'last 🎉'])
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: buf.length }), { maxLength: 12 }), async (cuts) => {
        expect(await collect(chunk(buf, cuts))).toEqual(expected)
      }),
      { numRuns: 200 },
    )
  })

  it('gives the same lines as a plain decode-and-split for any bytes and any chunking', async () => {
    // Bytes biased towards what breaks splitters: LF, CR, NUL, multi-byte and invalid UTF-8.
    const byte = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 2, arbitrary: fc.constantFrom(0x0a, 0x0d) },
      { weight: 2, arbitrary: fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x8e, 0x89, 0xff, 0x80) },
      { weight: 1, arbitrary: fc.constantFrom(0x00, 0x09, 0x1b) },
    )
    await fc.assert(
      fc.asyncProperty(fc.array(byte, { maxLength: 400 }), fc.array(fc.nat(), { maxLength: 10 }), fc.integer({ min: 1, max: 60 }), async (bytes, cuts, maxLineBytes) => {
        const buf = Buffer.from(bytes)
        const whole = await collect([buf], maxLineBytes).catch((e: unknown) => e)
        const chunked = await collect(chunk(buf, cuts), maxLineBytes).catch((e: unknown) => e)
        expect(chunked).toEqual(whole)
        if (whole instanceof Error) {
          expect(whole).toBeInstanceOf(NotTextError)
          return
        }
        // Reference: split the bytes at LF, drop one CR before it, decode each line on its own.
        const pieces: Buffer[] = []
        let from = 0
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, from)) {
          pieces.push(buf.subarray(from, i))
          from = i + 1
        }
        if (from < buf.length) pieces.push(buf.subarray(from))
        const expected = pieces.map((p) => {
          const line = p.length > 0 && p[p.length - 1] === 13 ? p.subarray(0, -1) : p
          return p.length > maxLineBytes ? null : line.toString('utf8')
        })
        expect(whole).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('skips an overlong line but keeps counting it, whatever the chunking', async () => {
    const buf = Buffer.from(`short\n${'x'.repeat(5000)}\nafter\n`)
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: buf.length }), { maxLength: 8 }), async (cuts) => {
        expect(await collect(chunk(buf, cuts), 100)).toEqual(['short', null, 'after'])
      }),
      { numRuns: 100 },
    )
  })

  it('reads gzip by its magic bytes, whatever the name', async () => {
    expect(await collect([gzipSync(Buffer.from('one\ntwo\n'))])).toEqual(['one', 'two'])
  })

  it('rejects a corrupt gzip stream after delivering nothing wrong', async () => {
    const gz = gzipSync(Buffer.from('one\ntwo\n'.repeat(1000)))
    await expect(collect([gz.subarray(0, gz.length - 20)])).rejects.toThrow()
  })

  it('refuses binary data', async () => {
    const bin = Buffer.alloc(4096)
    for (let i = 0; i < bin.length; i++) bin[i] = i % 7 === 0 ? 0 : (i * 31) % 256
    await expect(collect([bin])).rejects.toBeInstanceOf(NotTextError)
  })

  it('names the compression of compressed data it does not read, and takes text that starts like a magic number for text', async () => {
    const noise = Buffer.alloc(4096)
    for (let i = 0; i < noise.length; i++) noise[i] = i % 5 === 0 ? 0 : (i * 131 + 7) % 256
    const magics: [string, number[]][] = [
      ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
      ['bzip2', [0x42, 0x5a, 0x68, 0x39]],
      ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
      ['lz4', [0x04, 0x22, 0x4d, 0x18]],
      ['zip', [0x50, 0x4b, 0x03, 0x04]],
      ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
      ['compress (.Z)', [0x1f, 0x9d]],
    ]
    for (const [name, magic] of magics) {
      const error = await collect([Buffer.concat([Buffer.from(magic), noise])]).catch((e: unknown) => e)
      expect(error, name).toBeInstanceOf(CompressedInputError)
      expect((error as Error).message, name).toMatch(new RegExp(`^${name.replace(/[().]/g, '\\$&')}-compressed data, which ftplog does not read`))
    }
    // zstd stores a small input's text as raw literals: its frame need not look binary.
    const zstdRaw = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.from('Mon Jan  1 00:00:01 2024 [pid 1] CONNECT\n'.repeat(40))])
    await expect(collect([zstdRaw])).rejects.toThrow(/^zstd-compressed data/)
    // Plain binary data is still just binary; a text line that starts with "BZh9" is a line.
    await expect(collect([noise])).rejects.toThrow(/^binary data/)
    expect(await collect([Buffer.from('BZh9 is not bzip2 here\nnext\n')])).toEqual(['BZh9 is not bzip2 here', 'next'])
  })

  it('accepts a text log with a stray NUL and invalid UTF-8', async () => {
    const buf = Buffer.concat([Buffer.from('ok line\nbad '), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(' end\n')])
    expect(await collect([buf])).toEqual(['ok line', 'bad \ufffd\ufffd\u0000 end'])
  })

  it('decodes big chunks in windows without losing or splitting lines', async () => {
    // 3 MB in one chunk: lines cross every 64 KiB decoding window; one line is longer than a window.
    const lines = Array.from({ length: 30_000 }, (_, i) => `line ${i} ${'é'.repeat(i % 90)}`)
    lines[12_345] = 'x'.repeat(200_000)
    const buf = Buffer.from(`${lines.join('\r\n')}\n`)
    expect(await collect([buf])).toEqual(lines)
  })

  it('counts a line over the limit once even when it spans many chunks', async () => {
    const big = Buffer.alloc(300_000, 0x61)
    const chunks = [Buffer.from('a\n'), ...Array.from({ length: 30 }, (_, i) => big.subarray(i * 10_000, (i + 1) * 10_000)), Buffer.from('\nb')]
    expect(await collect(chunks, 100_000)).toEqual(['a', null, 'b'])
    expect(await collect(chunks, 300_000)).toEqual(['a', 'a'.repeat(300_000), 'b'])
  })

  it('handles empty input', async () => {
    expect(await collect([])).toEqual([])
  })
})

/** `text` as Windows tools save it: UTF-8 with a byte-order mark, or UTF-16 (LE or BE) with one. */
function withBom(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Buffer {
  if (encoding === 'utf-8') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
  const le = Buffer.from(`\ufeff${text}`, 'utf16le')
  return encoding === 'utf-16le' ? le : Buffer.from(le).swap16()
}

describe('readLines: byte-order marks and UTF-16', () => {
  const text = '#Software: Microsoft Internet Information Services\r\nGrüße 状態\r\n\nlast 🎉 line\n'
  const lines = ['#Software: Microsoft Internet Information Services', 'Grüße 状態', '', 'last 🎉 line']

  it('a UTF-8 byte-order mark at the start is not part of the first line; one further on is kept', async () => {
    expect(await collect([withBom(text, 'utf-8')])).toEqual(lines)
    expect(await collect([Buffer.from(`a\n\ufeffb\n`)])).toEqual(['a', '\ufeffb'])
  })

  it('UTF-16LE and UTF-16BE with a byte-order mark give the UTF-8 lines, for any chunking', async () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const bytes = withBom(text, encoding)
      expect(await collect([bytes]), encoding).toEqual(lines)
      // Cuts inside code units and surrogate pairs, with the mark and the sniffed head split too.
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 12 }), async (cuts) => {
          expect(await collect(chunk(bytes, cuts))).toEqual(lines)
        }),
        { numRuns: 60 },
      )
    }
  })

  it('UTF-16 lines are limited by their UTF-8 bytes', async () => {
    expect(await collect([withBom('ab\nstatus 状態\ncd', 'utf-16le')], 8)).toEqual(['ab', null, 'cd'])
  })

  it('refuses UTF-16 without a byte-order mark, saying what it is', async () => {
    const bare = Buffer.from(text.repeat(20), 'utf16le')
    await expect(collect([bare])).rejects.toThrow(/^UTF-16 text without a byte-order mark; convert it to UTF-8 first/)
    await expect(collect([Buffer.from(bare).swap16()])).rejects.toThrow(/^UTF-16 text without a byte-order mark/)
  })
})

describe('readLines of a file (two reused buffers)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ftplog-read-lines-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let n = 0
  const file = (bytes: Buffer): string => {
    const path = join(dir, `f${n++}.log`)
    writeFileSync(path, bytes)
    return path
  }
  const read = async (path: string, maxLineBytes = 1024 * 1024, onBytes?: (b: number) => void): Promise<(string | null)[]> => {
    const out: (string | null)[] = []
    await readLines(new FileSource(path), { line: (t) => out.push(t), overlong: () => out.push(null) }, { maxLineBytes, onBytes })
    return out
  }

  it('gives the lines a stream gives, across many reads: lines, CRLF and UTF-8 split at every buffer edge', async () => {
    // Lines of varying length, multi-byte characters and CRLF, so that reads end inside lines,
    // characters and CRLF pairs; a partial line kept as a view would be overwritten by a later read.
    const lines = Array.from({ length: 40_000 }, (_, i) => `${i} ${'Grüße 状態 '.repeat(i % 13)}${'x'.repeat((i * 7919) % 61)}`)
    lines[20_000] = 'y'.repeat(3 * READ_CHUNK_BYTES)
    const bytes = Buffer.from(`${lines.join('\r\n')}\nlast line without LF`)
    expect(bytes.length).toBeGreaterThan(6 * READ_CHUNK_BYTES)
    const path = file(bytes)
    const counts: number[] = []
    const got = await read(path, 1024 * 1024, (b) => counts.push(b))
    expect(got).toEqual([...lines, 'last line without LF'])
    expect(got).toEqual(await collect([bytes]))
    expect(counts.at(-1)).toBe(statSync(path).size)
    // A smaller limit: the long line is counted, its neighbours still come whole.
    const limited = await read(path, 2 * READ_CHUNK_BYTES)
    expect(limited[20_000]).toBeNull()
    expect(limited[20_001]).toBe(lines[20_001])
  })

  it('reads a file under 8 KiB, an empty one, gzip data, and refuses binary data', async () => {
    expect(await read(file(Buffer.from('a\nb')))).toEqual(['a', 'b'])
    expect(await read(file(Buffer.alloc(0)))).toEqual([])
    const text = Array.from({ length: 50_000 }, (_, i) => `gz line ${i}`)
    expect(await read(file(gzipSync(`${text.join('\n')}\n`)))).toEqual(text)
    const bin = Buffer.alloc(4096)
    for (let i = 0; i < bin.length; i++) bin[i] = i % 7 === 0 ? 0 : (i * 31) % 256
    await expect(read(file(bin))).rejects.toBeInstanceOf(NotTextError)
  })

  it('reads a UTF-16 file of many reads as its UTF-8 lines', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `${i} Grüße 🎉 ${'x'.repeat(i % 37)}`)
    const bytes = withBom(`${lines.join('\r\n')}\n`, 'utf-16le')
    expect(bytes.length).toBeGreaterThan(8 * READ_CHUNK_BYTES)
    expect(await read(file(bytes))).toEqual(lines)
  })

  it('rejects with the file system error of a missing file or a folder', async () => {
    await expect(read(join(dir, 'missing.log'))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(read(dir)).rejects.toMatchObject({ code: 'EISDIR' })
  })

  it('stops at an abort', async () => {
    const controller = new AbortController()
    const path = file(Buffer.from('line\n'.repeat(200_000)))
    let lines = 0
    const reading = readLines(new FileSource(path), { line: () => (++lines === 10 ? controller.abort() : undefined), overlong: () => {} }, { maxLineBytes: 1024, signal: controller.signal })
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(lines).toBeLessThan(200_000)
  })
})
