import { describe, expect, it } from 'vitest'
import { compileUnit, type FormatUnit } from '../../src/log-formats/compile-unit.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import type { LineMatch } from '../../src/log-formats/match-engine.js'
import { NO_GROUPS, NOT_FTP_ENTRY } from '../../src/log-formats/pattern-entry.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { compileEnvelopes, unwrapEnvelope } from '../../src/log-formats/unwrap-envelope.js'

const time = { timeZone: 'UTC', year: 2024 }
const envelopes = bundledEnvelopes()
const vsftpd = compileUnit(createLogFormatRegistry().get('vsftpd'), time, envelopes)
const programs = new Map<string, FormatUnit>([['vsftpd', vsftpd]])
const runtime = compileEnvelopes(envelopes, {}, 'vsftpd', time)
const out: LineMatch = { entry: NOT_FTP_ENTRY, groups: NO_GROUPS, outer: undefined, outerTime: undefined, unit: vsftpd }

describe('unwrapEnvelope', () => {
  it('a claimed program: its message is matched by the unit\'s wrapped patterns; the header fills the outer groups', () => {
    const m = unwrapEnvelope('Jan 15 10:00:00 host1 vsftpd[42]: [bob] OK LOGIN: Client "192.0.2.1"', runtime, programs, vsftpd, out)
    expect(m).toBe(out)
    expect(m!.unit).toBe(vsftpd)
    expect(m!.outer).toMatchObject({ program: 'vsftpd', host: 'host1', session: '42' })
    expect(m!.entry.build(m!.groups, m!.outer, m!.outerTime, 1, undefined)).toMatchObject({ kind: 'login', user: 'bob', client: '192.0.2.1', session: '42', time: Date.UTC(2024, 0, 15, 10) })
  })

  it('another program is not FTP; a claimed program with an unknown message stops the search (null); a plain line fits no envelope', () => {
    expect(unwrapEnvelope('Jan 15 10:00:00 h sshd[1]: Accepted', runtime, programs, vsftpd, out)?.entry).toBe(NOT_FTP_ENTRY)
    expect(unwrapEnvelope('Jan 15 10:00:00 h vsftpd[1]: nothing vsftpd writes', runtime, programs, vsftpd, out)).toBeNull()
    expect(unwrapEnvelope('no envelope at all', runtime, programs, vsftpd, out)).toBeUndefined()
  })

  it('journal JSON: program, session, host and time come from the object\'s keys', () => {
    const line = JSON.stringify({ SYSLOG_IDENTIFIER: 'vsftpd', MESSAGE: '[bob] FAIL LOGIN: Client "192.0.2.9"', _PID: '7', _HOSTNAME: 'h2', __REALTIME_TIMESTAMP: '1705312800000000' })
    const m = unwrapEnvelope(line, runtime, programs, vsftpd, out)
    expect(m?.outer).toMatchObject({ program: 'vsftpd', session: '7', host: 'h2' })
    expect(m!.entry.build(m!.groups, m!.outer, m!.outerTime, 1, undefined)).toMatchObject({ kind: 'login', ok: false, session: '7' })
  })

  it('markers are recognised as meta lines', () => {
    const marker = envelopes.markers[0]!.samples[0]!
    expect(unwrapEnvelope(marker, runtime, programs, vsftpd, out)?.entry.definition).toMatchObject({ id: 'envelope-marker', kind: 'meta' })
  })
})
