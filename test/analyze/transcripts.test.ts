import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { analyzeSource } from '../../src/analyze/analyze-input.js'
import { resolveAnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'

const registry = createLogFormatRegistry()
const catalog = createCatalog()
const run = (lines: readonly string[], logFormat = 'ftp-dialog') =>
  analyzeSource({ path: 'transcript.txt', mtimeMs: 0 } as never, Readable.from([Buffer.from(lines.join('\n') + '\n')]), resolveAnalysisSettings({ logFormats: registry, catalog, logFormat, timeZone: 'UTC', maxLineBytes: 1 << 20, incidentGapMs: 300_000 }), { now: 0 })

describe('client transcripts: replies as RFC 959 §4.2 builds them', () => {
  it('joins a multi-line reply into one', async () => {
    const state = await run(['S: 220-Welcome', 'S: 220-to the', 'S:  server', 'S: 220 ready', 'C: USER a', 'S: 331 pw'])
    expect({ ...state.replies }).toEqual({ '220': 1, '331': 1 })
  })

  it('counts several replies read at once (150 then 226 in one packet)', async () => {
    const state = await run(['220 hi', 'RETR f', '150 Opening', '226 Transfer complete', 'QUIT', '221 bye'])
    expect({ ...state.replies }).toEqual({ '220': 1, '150': 1, '226': 1, '221': 1 })
  })

  it('ends a multi-line reply at an unpadded line with another code, which is a reply of its own', async () => {
    const state = await run([
      'S: 220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------',
      'S: 220-You are user number 6 of 5 allowed.',
      'S: 421 5 users (the maximum) are already logged in, sorry',
    ])
    expect({ ...state.replies }).toEqual({ '220': 1, '421': 1 })
    expect(state.incidents.some((i) => i.codes.some(([code, n]) => code === '421' && n === 1))).toBe(true)
  })

  it('reads a code with empty text', async () => {
    const state = await run(['220 hi', 'SIZE x', '213 ', 'NOOP', '200'])
    expect({ ...state.replies }).toEqual({ '220': 1, '213': 1, '200': 1 })
  })

  it('marks the 421 a BSD ftp client prints when the server hung up as client-side, and does not count it', async () => {
    const state = await run(['220 hi', 'USER a', '331 pw', 'PASS x', '230 ok', 'LIST', '421 Service not available, remote server has closed connection'])
    expect(state.replies['421']).toBeUndefined()
    const event = state.incidents.find((i) => i.clientSide > 0)
    expect(event?.clientSide).toBe(1)
  })

  it('splits a transcript at a new greeting after commands, and keeps commands after a 421 in their connection', async () => {
    const state = await run(['220 a', 'USER x', '421 Timeout.', 'QUIT', '221 bye', '220 b', 'USER x', '230 ok'])
    expect(state.sessions.total).toBe(2)
    expect(state.sessions.loggedIn).toBe(1)
  })
})
