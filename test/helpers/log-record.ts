import type { LogRecord } from '../../src/model/log-record.js'

/** A record with every field unset but those given (line 1, no time, no session key, server side). */
export function logRecord(fields: Partial<LogRecord> & Pick<LogRecord, 'kind'>): LogRecord {
  return {
    line: 1,
    time: undefined,
    session: '',
    host: undefined,
    client: undefined,
    user: undefined,
    verb: undefined,
    arg: undefined,
    code: undefined,
    sep: undefined,
    text: undefined,
    message: undefined,
    file: undefined,
    bytes: undefined,
    seconds: undefined,
    direction: undefined,
    status: undefined,
    ok: undefined,
    action: undefined,
    clientSide: false,
    win32Status: undefined,
    subStatus: undefined,
    ...fields,
  }
}

/** A reply line `NNN text` (`sep` ' '), `NNN-text` (`sep` '-') or a continuation line (no code). */
export function replyLine(line: number, code: number | undefined, sep: '-' | ' ' | undefined, text: string, more: Partial<LogRecord> = {}): LogRecord {
  return logRecord({ kind: 'reply', line, code, sep, text, ...more })
}
