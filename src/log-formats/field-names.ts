/**
 * Named groups a pattern may capture. Anything else is rejected so typos in definitions fail
 * the schema test instead of silently capturing nothing.
 */
export const FIELD_NAMES = [
  'time',
  'session',
  'host',
  'client',
  'user',
  'command',
  'verb',
  'arg',
  'reply',
  'code',
  'text',
  'message',
  'file',
  'bytes',
  'seconds',
  'direction',
  'status',
  'ok',
  'action',
  'rest',
  /** Syslog / journal program name (envelopes only): picks the log format a wrapped line belongs to. */
  'program',
  /** A date written apart from the time (W3C `date` column, `#Date:` header); joined as `date time`. */
  'date',
  /** IIS `sc-win32-status` (Winsock / Win32 error number). */
  'win32',
  /** IIS `sc-substatus`. */
  'substatus',
] as const
export type FieldName = (typeof FIELD_NAMES)[number]
