import { describe, expect, it } from 'vitest'
import { capSample, incidentEvent, MAX_SAMPLE_CHARS, mergeEvents, MERGE_WINDOW_MS, near, type PendingEvent } from '../../src/analyze/event-merger.js'
import { createCatalog, type Classification } from '../../src/catalog/catalog.js'

const catalog = createCatalog()
/** Real classifications from the bundled catalog. */
const classify = (trigger: 'reply' | 'log-message' | 'transfer-failed', code: number | null, text: string, server = 'vsftpd' as const): Classification => {
  const c = catalog.classify({ trigger, server, code, text, phase: 'transfer', lastCommand: 'RETR', nextReply: undefined })
  if (!c) throw new Error(`no classification for ${code} ${text}`)
  return c
}

function pending(over: Partial<PendingEvent> & Pick<PendingEvent, 'trigger' | 'code' | 'classification'>, line = 1): PendingEvent {
  return {
    time: 10_000,
    client: '192.0.2.10',
    user: 'alice',
    file: undefined,
    bytesLost: 0,
    clientSide: false,
    sample: { path: 'x.log', line, time: 10_000, text: `line ${line}` },
    ...over,
  }
}

describe('mergeEvents', () => {
  const lost = classify('reply', 426, 'Failure writing network stream.')
  const failed = classify('transfer-failed', null, '')

  it('lets a 426 absorb its failed-transfer record: the record lends its full path and bytes', () => {
    const events = [
      pending({ trigger: 'reply', code: 426, classification: lost, file: 'big.iso' }, 1),
      pending({ trigger: 'transfer-failed', code: null, classification: failed, file: '/srv/big.iso', bytesLost: 4096 }, 2),
    ]
    expect(mergeEvents(events)).toBe(1)
    expect(events[0]).toMatchObject({ code: 426, file: '/srv/big.iso', bytesLost: 4096 })
    expect(events[0]!.sample.line).toBe(1)
  })

  it('merges in either order, keeping the survivors first and in order', () => {
    const other = classify('reply', 421, 'Timeout.')
    const events = [
      pending({ trigger: 'transfer-failed', code: null, classification: failed, file: '/srv/a', bytesLost: 10 }, 1),
      pending({ trigger: 'reply', code: 421, classification: other, time: 10_000 + 5 * MERGE_WINDOW_MS }, 2),
      pending({ trigger: 'reply', code: 426, classification: lost }, 3),
    ]
    expect(mergeEvents(events)).toBe(2)
    expect(events.slice(0, 2).map((e) => e.sample.line)).toEqual([2, 3])
    expect(events[1]).toMatchObject({ file: '/srv/a', bytesLost: 10 })
  })

  it('keeps events further apart than the merge window', () => {
    const events = [
      pending({ trigger: 'reply', code: 426, classification: lost }),
      pending({ trigger: 'transfer-failed', code: null, classification: failed, time: 10_000 + MERGE_WINDOW_MS + 1 }),
    ]
    expect(mergeEvents(events)).toBe(2)
  })

  it('lets an entry that refines a cause absorb it (ProFTPD passive hint after a no-transfer timeout)', () => {
    const timeout = catalog.classify({ trigger: 'log-message', server: 'proftpd', code: null, text: 'FTP no transfer timeout, disconnected', phase: 'logged-in', lastCommand: undefined, nextReply: undefined })!
    const hint = catalog.classify({ trigger: 'log-message', server: 'proftpd', code: null, text: 'Passive data transfer failed, possibly due to network issues', phase: 'logged-in', lastCommand: undefined, nextReply: undefined })!
    expect(hint.refines).toContain(timeout.cause)
    const events = [pending({ trigger: 'log-message', code: null, classification: timeout }, 1), pending({ trigger: 'log-message', code: null, classification: hint }, 2)]
    expect(mergeEvents(events)).toBe(1)
    expect(events[0]!.classification.cause).toBe(hint.cause)
  })

  it('leaves one event alone', () => {
    expect(mergeEvents([pending({ trigger: 'reply', code: 426, classification: lost })])).toBe(1)
    expect(mergeEvents([])).toBe(0)
  })
})

describe('incidentEvent, near and capSample', () => {
  it('turns a pending event into the incident event of its server and family', () => {
    const c = classify('reply', 426, 'Failure writing network stream.')
    const e = pending({ trigger: 'reply', code: 426, classification: c, file: '/f', bytesLost: 3 })
    expect(incidentEvent(e, 'ftp1.example', 'vsftpd')).toEqual({
      time: 10_000,
      server: 'ftp1.example',
      family: 'vsftpd',
      cause: c.cause,
      severity: c.severity,
      code: 426,
      matchedBy: c.matchedBy,
      client: '192.0.2.10',
      user: 'alice',
      file: '/f',
      bytesLost: 3,
      clientSide: false,
      sample: e.sample,
    })
  })

  it('takes unknown times as near anything', () => {
    expect(near(undefined, 5)).toBe(true)
    expect(near(0, MERGE_WINDOW_MS)).toBe(true)
    expect(near(0, MERGE_WINDOW_MS + 1)).toBe(false)
  })

  it('caps samples with an ellipsis', () => {
    expect(capSample('short')).toBe('short')
    const capped = capSample('z'.repeat(MAX_SAMPLE_CHARS + 10))
    expect(capped).toHaveLength(MAX_SAMPLE_CHARS + 1)
    expect(capped.endsWith('…')).toBe(true)
  })
})
