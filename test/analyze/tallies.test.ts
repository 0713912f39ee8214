import { describe, expect, it } from 'vitest'
import { emptyState } from '../../src/analyze/state.js'
import { Tallies, type TransferFact } from '../../src/analyze/tallies.js'

function setup(withObserver = true) {
  const state = emptyState()
  const told: unknown[][] = []
  const facts: TransferFact[] = []
  const tallies = new Tallies(
    state,
    withObserver
      ? {
          reply: (...args) => told.push(['reply', ...args]),
          login: (...args) => told.push(['login', ...args]),
          transfer: (t) => facts.push(t),
        }
      : undefined,
  )
  return { state, tallies, told, facts }
}

describe('Tallies', () => {
  it('counts replies by code and tells the observer of each', () => {
    const { state, tallies, told } = setup()
    tallies.reply(226, 1000, 4, 'ok', '192.0.2.1', 'alice')
    tallies.reply(226, 2000, 5, 'ok', undefined, undefined)
    tallies.reply(421, undefined, 6, 'Timeout.', undefined, undefined)
    expect({ ...state.replies }).toEqual({ '226': 2, '421': 1 })
    expect(told[0]).toEqual(['reply', 226, 1000, 4, 'ok', '192.0.2.1', 'alice'])
    expect(told).toHaveLength(3)
  })

  it('counts sessions and logins; failed logins also by client and user when known', () => {
    const { state, tallies, told } = setup()
    tallies.sessionOpened()
    tallies.sessionOpened()
    tallies.sessionLoggedIn()
    tallies.login(true, '192.0.2.1', 'alice', 1000, 1)
    tallies.login(false, '192.0.2.9', 'root', 2000, 2)
    tallies.login(false, '192.0.2.9', undefined, 3000, 3)
    tallies.login(false, undefined, 'root', 4000, 4)
    expect(state.sessions).toEqual({ total: 2, loggedIn: 1 })
    expect(state.logins.ok).toBe(1)
    expect(state.logins.failed).toBe(3)
    expect(Object.fromEntries(state.logins.failedByClient.counts)).toEqual({ '192.0.2.9': 2 })
    expect(Object.fromEntries(state.logins.failedByUser.counts)).toEqual({ root: 2 })
    expect(told.map((t) => t.slice(0, 2))).toEqual([
      ['login', true],
      ['login', false],
      ['login', false],
      ['login', false],
    ])
  })

  it('counts each transfer outcome and its bytes in one place', () => {
    const { state, tallies, facts } = setup()
    tallies.transfer('download', 'complete', 100, '/a', 'c', 'u', 1, 1)
    tallies.transfer('upload', 'complete', 30, '/b', 'c', 'u', 2, 2)
    tallies.transfer('upload', 'complete', undefined, '/b', 'c', 'u', 2, 2)
    tallies.transfer('download', 'incomplete', 7, '/c', 'c', 'u', 3, 3)
    tallies.transfer('download', 'incomplete', undefined, '/c', 'c', 'u', 3, 3)
    tallies.transfer('upload', 'failed-to-start', 0, '/d', 'c', 'u', 4, 4)
    tallies.transfer('delete', 'complete', 10, '/e', 'c', 'u', 5, 5)
    expect(state.transfers).toEqual({
      completed: 3,
      incomplete: 2,
      failedToStart: 1,
      uploads: 2,
      downloads: 1,
      deletes: 1,
      bytesIn: 30,
      bytesOut: 100,
      partialBytes: 7,
    })
    expect(facts).toHaveLength(7)
    expect(facts[3]).toEqual({ direction: 'download', outcome: 'incomplete', bytes: 7, file: '/c', client: 'c', user: 'u', time: 3, line: 3 })
  })

  it('counts without an observer, and counts file operations', () => {
    const { state, tallies } = setup(false)
    tallies.reply(200, undefined, 1, '', undefined, undefined)
    tallies.login(true, undefined, undefined, undefined, 2)
    tallies.transfer('download', 'complete', 5, undefined, undefined, undefined, undefined, 3)
    tallies.fileOp(true)
    tallies.fileOp(false)
    tallies.fileOp(true)
    expect({ ...state.replies }).toEqual({ '200': 1 })
    expect(state.logins.ok).toBe(1)
    expect(state.transfers.bytesOut).toBe(5)
    expect(state.fileOps).toEqual({ ok: 2, failed: 1 })
  })
})
