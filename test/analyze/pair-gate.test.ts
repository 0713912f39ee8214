import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createPairing, LEAD_MS } from '../../src/analyze/log-pairing.js'

/** Lets pending stream callbacks and promise reactions run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 300; i++) await new Promise((r) => setImmediate(r))
}

describe('paired sides are read in step (k-way by log time)', () => {
  it('a side that runs more than LEAD_MS ahead waits for the other before its next chunk', async () => {
    const [protocol, transfer] = createPairing([
      { role: 'protocol', paths: ['p.log'] },
      { role: 'transfer', paths: ['x.log'] },
    ])
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.from(`chunk ${i}\n`))
    const gated = transfer!.gate(Readable.from(chunks, { objectMode: false }))
    let read = 0
    // Each chunk of the transfer log moves its log time on by 10 s; the protocol log stays at 0.
    // (Byte streams may join chunks into one 'data' event: count the chunks by their text.)
    gated.on('data', (data: Buffer) => {
      read += data.toString().split('\n').length - 1
      transfer!.time(read * 10_000)
    })
    protocol!.time(0)
    await settle()
    const stalled = read
    expect(stalled).toBeLessThan(chunks.length)
    expect((stalled - 1) * 10_000).toBeLessThanOrEqual(LEAD_MS + 10_000)
    // The protocol log catches up: the transfer log reads on, and everything once it has ended.
    protocol!.time(300_000)
    await settle()
    expect(read).toBeGreaterThan(stalled)
    protocol!.abandon()
    await settle()
    expect(read).toBe(chunks.length)
  })
})
