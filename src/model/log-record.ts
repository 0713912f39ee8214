/**
 * What one recognised line means. Log-format patterns choose the kind; the session tracker
 * acts on it:
 * - `connect` / `disconnect`: a control connection opens or closes;
 * - `login`: a login attempt (`ok` says how it went);
 * - `command`: a command the client sent (`verb`, `arg`);
 * - `reply`: one physical reply line, `NNN text`, `NNN-text` or a continuation line of a multi-line reply;
 * - `exchange`: a command and its reply on one line (ProFTPD ExtendedLog, IIS, Zeek);
 * - `transfer`: a transfer record (vsftpd `OK DOWNLOAD`, xferlog);
 * - `file-op`: MKDIR, RMDIR, DELETE, RENAME, CHMOD records;
 * - `message`: a server or client message without a code, matched against the catalog;
 * - `meta`: recognised but carries nothing to count (headers, startup lines, quote residue);
 * - `not-ftp`: a line of another program inside a shared log (syslog, journal).
 */
export type RecordKind =
  | 'connect'
  | 'disconnect'
  | 'login'
  | 'command'
  | 'reply'
  | 'exchange'
  | 'transfer'
  | 'file-op'
  | 'message'
  | 'meta'
  | 'not-ftp'

export const RECORD_KINDS: readonly RecordKind[] = [
  'connect',
  'disconnect',
  'login',
  'command',
  'reply',
  'exchange',
  'transfer',
  'file-op',
  'message',
  'meta',
  'not-ftp',
]

export type TransferDirection = 'in' | 'out' | 'delete'
export type TransferStatus = 'complete' | 'incomplete'

/**
 * One recognised input line, normalised. Built by the compiled log format from the named groups
 * of the pattern that matched; fields a pattern does not capture are `undefined`.
 */
export interface LogRecord {
  readonly kind: RecordKind
  /** 1-based line number in its input. */
  readonly line: number
  /** Epoch milliseconds (UTC), or `undefined` when the line has no usable timestamp. */
  readonly time: number | undefined
  /** The log format's session key (pid, connection id), or `''` when it has none. */
  readonly session: string
  /** Host that wrote the line (syslog hostname), when the log carries one. */
  readonly host: string | undefined
  /** Client address with any `::ffff:` prefix removed. */
  readonly client: string | undefined
  readonly user: string | undefined
  /** Command verb, upper case (`RETR`). */
  readonly verb: string | undefined
  readonly arg: string | undefined
  /** Reply code of a `reply` or `exchange`. For a continuation line, `undefined`. */
  readonly code: number | undefined
  /** `-` on the first lines of a multi-line reply, `' '` on the last (or only) one. */
  readonly sep: '-' | ' ' | undefined
  /** Reply text without the code, or the text of a continuation line. */
  readonly text: string | undefined
  /** A log message to match against the catalog (trigger `log-message`). */
  readonly message: string | undefined
  readonly file: string | undefined
  /** Bytes transferred. */
  readonly bytes: number | undefined
  /** Transfer duration in seconds. */
  readonly seconds: number | undefined
  readonly direction: TransferDirection | undefined
  readonly status: TransferStatus | undefined
  /** Outcome of a login or file operation. */
  readonly ok: boolean | undefined
  /** File operation name (MKDIR, DELETE…). */
  readonly action: string | undefined
  /** Whether the line came from the client side (a transcript line the client printed itself). */
  readonly clientSide: boolean
  /** IIS `sc-win32-status`: the Win32 / Winsock error behind the reply (10054 = peer reset). */
  readonly win32Status: number | undefined
  /** IIS `sc-substatus` (14 = control channel timeout, 19 = connection limit…). */
  readonly subStatus: number | undefined
}
