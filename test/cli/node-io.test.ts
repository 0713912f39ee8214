import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeIO } from '../../src/cli/node-io.js'

describe('nodeIO().openSink', () => {
  it('writes every piece, across buffer flushes, and flushes on close', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ftplog-sink-')), 'events.ndjson')
    const sink = nodeIO().openSink!(path)
    const line = `${JSON.stringify({ n: 'x'.repeat(100) })}\n`
    for (let i = 0; i < 2000; i++) sink.write(line) // ~220 KB: several 64 KiB flushes
    sink.close()
    expect(readFileSync(path, 'utf8')).toBe(line.repeat(2000))
  })
})
