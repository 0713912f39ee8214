import { describe, expect, it } from 'vitest'
import { phaseOf, SessionTable, type Session } from '../../src/analyze/session-table.js'
import type { LogFormatDefinition } from '../../src/log-formats/schema.js'
import { logRecord } from '../helpers/log-record.js'

type Sessions = LogFormatDefinition['sessions']
const HOUR = 3_600_000

function table(sessions: Partial<Sessions> = {}, maxOpen = 100): SessionTable {
  return new SessionTable({ key: 'field', rebindBy: [], ...sessions } as Sessions, 'vsftpd', 2 * HOUR, maxOpen)
}

/** Finds or opens the session of a record, as the tracker does (without closing anything). */
function resolve(t: SessionTable, r: ReturnType<typeof logRecord>): Session {
  const key = t.keyOf(r)
  const s = t.find(key, r) ?? t.open(key, r.client, r.host, r.time)
  t.touch(s)
  if (r.time !== undefined) s.lastTime = r.time
  if (r.user !== undefined && r.kind !== 'login') s.user ??= r.user
  return s
}

describe('SessionTable keys', () => {
  it('finds a key again after its session was removed and another opened under it, or an alias filed', () => {
    const t = table({ rebindBy: ['client'] })
    const r = logRecord({ kind: 'command', session: '7', client: '192.0.2.1' })
    const first = resolve(t, r)
    expect(t.find('7', r)).toBe(first)
    t.remove(first)
    expect(t.find('7', logRecord({ kind: 'connect', session: '7', client: '192.0.2.1' }))).toBeUndefined()
    const second = resolve(t, r)
    expect(second).not.toBe(first)
    expect(t.find('7', r)).toBe(second)
    // An unseen pid of the same client is rebound to its session, then found under that pid.
    const child = logRecord({ kind: 'command', session: '8', client: '192.0.2.1' })
    expect(t.find('8', child)).toBe(second)
    expect(t.find('7', r)).toBe(second)
    expect(t.find('8', child)).toBe(second)
  })

  it('files records under their session key, else their client address', () => {
    const t = table()
    expect(t.keyOf(logRecord({ kind: 'command', session: '42', client: '192.0.2.1' }))).toBe('42')
    expect(t.keyOf(logRecord({ kind: 'command', client: '192.0.2.1' }))).toBe('192.0.2.1')
    expect(table({ key: 'client' }).keyOf(logRecord({ kind: 'command', session: '42', client: '192.0.2.1' }))).toBe('192.0.2.1')
    expect(table({ key: 'input' }).keyOf(logRecord({ kind: 'command', session: '42' }))).toBe('')
  })

  it('finds an open session by key and opens a new one for an unseen key', () => {
    const t = table()
    const a = resolve(t, logRecord({ kind: 'connect', session: '1', client: '192.0.2.1' }))
    expect(resolve(t, logRecord({ kind: 'command', session: '1' }))).toBe(a)
    const b = resolve(t, logRecord({ kind: 'command', session: '2', client: '192.0.2.1' }))
    expect(b).not.toBe(a)
    expect([a.ordinal, b.ordinal]).toEqual([1, 2])
  })

  it('says a connect on a used key starts over (a recycled pid), and a transcript restarts on any connect', () => {
    const t = table()
    const s = resolve(t, logRecord({ kind: 'connect', session: '1' }))
    const connect = logRecord({ kind: 'connect', session: '1' })
    expect(t.reconnects(s, connect)).toBe(false)
    s.commands = 1
    expect(t.reconnects(s, connect)).toBe(true)
    expect(t.reconnects(s, logRecord({ kind: 'command', session: '1' }))).toBe(false)
    const transcript = table({ key: 'input' })
    const d = resolve(transcript, logRecord({ kind: 'reply' }))
    expect(transcript.find('', logRecord({ kind: 'reply' }))).toBe(d)
    expect(transcript.reconnects(d, logRecord({ kind: 'connect' }))).toBe(true)
  })
})

describe('SessionTable: two connections from one address at once (shelve)', () => {
  const C = '192.0.2.1'
  it('sets a live session aside for a connect under its client-address key, and gives the key back when the newer one ends', () => {
    const t = table()
    const a = resolve(t, logRecord({ kind: 'connect', client: C }))
    a.commands = 1
    const connect = logRecord({ kind: 'connect', client: C })
    expect(t.reconnects(a, connect)).toBe(true)
    expect(t.shelve(a, connect)).toBe(true)
    expect(t.find(C, logRecord({ kind: 'command', client: C }))).toBeUndefined()
    const b = resolve(t, connect)
    expect(t.find(C, logRecord({ kind: 'command', client: C }))).toBe(b)
    t.remove(b)
    expect(t.find(C, logRecord({ kind: 'command', client: C }))).toBe(a)
    t.remove(a)
    expect(t.find(C, logRecord({ kind: 'command', client: C }))).toBeUndefined()
    expect(t.oldest).toBeUndefined()
  })

  it('forgets a set-aside session that ends first, and keeps the newer one under the key', () => {
    const t = table({ key: 'client' })
    const a = resolve(t, logRecord({ kind: 'connect', client: C }))
    a.loggedIn = true
    expect(t.shelve(a, logRecord({ kind: 'connect', client: C }))).toBe(true)
    const b = resolve(t, logRecord({ kind: 'connect', client: C }))
    t.remove(a)
    t.remove(b)
    expect(t.find(C, logRecord({ kind: 'command', client: C }))).toBeUndefined()
  })

  it('does not set aside a session keyed by its own id (a recycled pid), one whose connection ended, or a transcript', () => {
    const t = table()
    const p = resolve(t, logRecord({ kind: 'connect', session: '7', client: C }))
    expect(t.shelve(p, logRecord({ kind: 'connect', session: '7', client: C }))).toBe(false)
    const timedOut = resolve(t, logRecord({ kind: 'connect', client: C }))
    const classification = { cause: 'idle-timeout', severity: 'error', matchedBy: 'x', advice: {}, directives: [], refines: [] }
    timedOut.events = [{ code: null, classification } as unknown as NonNullable<Session['events']>[number]]
    expect(t.shelve(timedOut, logRecord({ kind: 'connect', client: C }))).toBe(false)
    const tr = table({ key: 'input' })
    const d = resolve(tr, logRecord({ kind: 'reply' }))
    expect(tr.shelve(d, logRecord({ kind: 'connect' }))).toBe(false)
  })

  it('swallows the bare end line right after a disconnect ended the key (Pure-FTPd NNN Logout.), not later ones', () => {
    const t = table()
    const bare = logRecord({ kind: 'disconnect', client: C })
    const s = resolve(t, logRecord({ kind: 'connect', client: C }))
    s.lastReplyCode = 226
    t.rememberEnded(s, 'disconnect')
    expect(t.endsEndedSession(bare, false)).toBe(true)
    t.rememberEnded(s, 'disconnect')
    t.find(C, logRecord({ kind: 'command', client: C }))
    expect(t.endsEndedSession(bare, false)).toBe(false)
  })

  it('swallows nothing in a log without replies: there, the next bare Logout. ends another connection', () => {
    const t = table()
    const a = resolve(t, logRecord({ kind: 'connect', client: C }))
    a.loggedIn = true
    expect(t.shelve(a, logRecord({ kind: 'connect', client: C }))).toBe(true)
    const b = resolve(t, logRecord({ kind: 'connect', client: C }))
    t.remove(b)
    t.rememberEnded(b, 'disconnect')
    const bare = logRecord({ kind: 'disconnect', client: C })
    expect(t.endsEndedSession(bare, false)).toBe(false)
    expect(t.find(C, bare)).toBe(a)
  })
})

describe('SessionTable rebinding (vsftpd: one session under three pids)', () => {
  const vs = (): SessionTable => table({ rebindBy: ['client', 'user'] })
  const at = (s: number): number => Date.UTC(2024, 0, 15, 10, 0, s)

  it('binds the privileged parent (LOGIN) to the session waiting to log in, and the child to the logged-in one', () => {
    const t = vs()
    const a = resolve(t, logRecord({ kind: 'connect', session: '100', client: '192.0.2.10', time: at(0) }))
    a.attemptUser = 'alice'
    const b = resolve(t, logRecord({ kind: 'connect', session: '200', client: '192.0.2.10', time: at(1) }))
    const login = logRecord({ kind: 'login', session: '99', client: '192.0.2.10', user: 'alice', time: at(2) })
    expect(t.find('99', login)).toBe(a)
    expect(a.aliases).toEqual(['99'])
    a.loggedIn = true
    a.user = 'alice'
    a.awaitingChild = true
    const child = logRecord({ kind: 'command', session: '101', client: '192.0.2.10', user: 'alice', time: at(3) })
    expect(t.find('101', child)).toBe(a)
    expect(a.awaitingChild).toBe(false)
    // The alias now finds it directly.
    expect(t.find('101', logRecord({ kind: 'command', session: '101' }))).toBe(a)
    expect(b.aliases).toBeUndefined()
  })

  it('does not rebind connects, other clients, another user, closing or stale sessions', () => {
    const t = vs()
    const a = resolve(t, logRecord({ kind: 'connect', session: '100', client: '192.0.2.10', user: 'alice', time: at(0) }))
    expect(t.find('5', logRecord({ kind: 'connect', session: '5', client: '192.0.2.10' }))).toBeUndefined()
    expect(t.find('6', logRecord({ kind: 'command', session: '6', client: '192.0.2.99' }))).toBeUndefined()
    expect(t.find('7', logRecord({ kind: 'command', session: '7', client: '192.0.2.10', user: 'bob' }))).toBeUndefined()
    expect(t.find('8', logRecord({ kind: 'command', session: '8', client: '192.0.2.10', time: at(0) + 3 * HOUR }))).toBeUndefined()
    a.closing = true
    expect(t.find('9', logRecord({ kind: 'command', session: '9', client: '192.0.2.10' }))).toBeUndefined()
  })

  it('forgets every key of a removed session', () => {
    const t = vs()
    const a = resolve(t, logRecord({ kind: 'connect', session: '100', client: '192.0.2.10' }))
    t.find('101', logRecord({ kind: 'command', session: '101', client: '192.0.2.10' }))
    t.remove(a)
    expect(a.isOpen).toBe(false)
    expect(t.find('100', logRecord({ kind: 'command', session: '100' }))).toBeUndefined()
    expect(t.find('101', logRecord({ kind: 'command', session: '101', client: '192.0.2.10' }))).toBeUndefined()
    expect(t.oldest).toBeUndefined()
  })
})

describe('SessionTable activity order and limits', () => {
  it('keeps sessions least recently active first and names the one over the limit', () => {
    const t = table({}, 2)
    const a = resolve(t, logRecord({ kind: 'connect', session: 'a' }))
    const b = resolve(t, logRecord({ kind: 'connect', session: 'b' }))
    resolve(t, logRecord({ kind: 'command', session: 'a' }))
    expect(t.oldest).toBe(b)
    expect(t.overLimit()).toBeUndefined()
    resolve(t, logRecord({ kind: 'connect', session: 'c' }))
    expect(t.overLimit()).toBe(b)
    t.remove(b)
    expect(t.overLimit()).toBeUndefined()
    expect(t.oldest).toBe(a)
  })

  it('walks the sessions idle for idleMs before the latest time, oldest first', () => {
    const t = table()
    const old1 = resolve(t, logRecord({ kind: 'connect', session: '1', time: 0 }))
    const old2 = resolve(t, logRecord({ kind: 'connect', session: '2', time: HOUR }))
    const recent = resolve(t, logRecord({ kind: 'connect', session: '3', time: 3 * HOUR }))
    expect(t.idleAfter(undefined)).toBeUndefined() // no time noted yet
    t.tick(3 * HOUR + 1)
    expect(t.idleAfter(undefined)).toBe(old1)
    expect(t.idleAfter(old1)).toBe(old2)
    expect(t.idleAfter(old2)).toBeUndefined()
    expect(recent.isOpen).toBe(true)
  })

  it('asks for an idle check once every 4096 records', () => {
    const t = table()
    let due = 0
    for (let i = 0; i < 3 * 4096; i++) if (t.tick(i)) due++
    expect(due).toBe(3)
  })
})

describe('phaseOf', () => {
  it('tells where a session stands', () => {
    const s = resolve(table(), logRecord({ kind: 'connect', session: '1' }))
    expect(phaseOf(s)).toBe('pre-login')
    s.loggedIn = true
    expect(phaseOf(s)).toBe('logged-in')
    s.transfer = { verb: 'RETR', arg: 'f', started: false }
    expect(phaseOf(s)).toBe('data-wait')
    s.transfer.started = true
    expect(phaseOf(s)).toBe('transfer')
  })
})
