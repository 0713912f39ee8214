import type { Cause, ServerName } from './types'

export type ScenarioId =
  | 'login-list'
  | 'download'
  | 'upload'
  | 'missing-file'
  | 'login-fail'
  | 'login-unknown-user'
  | 'login-noshell'
  | 'per-ip-limit'
  | 'global-limit'
  | 'instance-limit'
  | 'login-timeout'
  | 'idle-timeout'
  | 'no-transfer-timeout'
  | 'stalled-download'
  | 'abort-download'
  | 'abort-download-ftplib'
  | 'killed-client-download'
  | 'reset-data-download'
  | 'pasv-no-connect'
  | 'port-refused'

/** A line the scenario must (or must not) have left in a log, among the lines attributed to it. */
export interface LogExpectation {
  readonly file: string
  readonly match: RegExp
  /** exact number of matching lines; default: at least one */
  readonly count?: number
}

export interface ClientExpectation {
  /** codes that must appear, in this order (not necessarily adjacent), in all replies of the scenario */
  readonly codes: readonly number[]
  /** codes that must not appear anywhere in the scenario's replies */
  readonly absent?: readonly number[]
  /** the text each listed code must have (first reply with that code) */
  readonly texts?: Readonly<Record<number, RegExp>>
  /** the last session's replies, in order (for limit scenarios: the refused connection) */
  readonly lastSession?: readonly number[]
  /** how the last session ended, from the client side */
  readonly lastSessionEnd?: RegExp
  readonly exitCode?: number
  /** for transfer scenarios: whether the client's transfer completed */
  readonly completed?: boolean
}

export interface ScenarioOnServer {
  readonly params?: Readonly<Record<string, unknown>>
  readonly expect: ClientExpectation
  readonly logs?: readonly LogExpectation[]
  readonly absentFromLogs?: readonly LogExpectation[]
  /** run in the background while the next scenarios run (Pure-FTPd's 60 s login timeout) */
  readonly background?: boolean
  /** what the server does here that an analyzer must know (goes into the docs) */
  readonly note?: string
}

export interface Scenario {
  readonly id: ScenarioId
  readonly title: string
  /** loopback source address of the (first) client connection; scenarios never share one */
  readonly source: string
  /** number of consecutive source addresses used (global and instance limits use one per connection) */
  readonly sourceCount: number
  readonly client: string
  /**
   * Cause of every incident line this scenario leaves in a log, in the analyzer's vocabulary.
   * null: the scenario is not an incident (a normal session, or a login failure, which an analyzer
   * must not report as a 421/426 incident).
   */
  readonly cause: Cause | null
  readonly on: Partial<Record<ServerName, ScenarioOnServer>>
}

const SMALL = 100_000
export const BIG = 64_000_000

/** Server limits the lab configures; the limit scenarios open one connection more. */
export const LIMITS = {
  vsftpd: { perIp: 2, global: 3 },
  proftpd: { perIp: 2, global: 3, instances: 6 },
  'pure-ftpd': { perIp: 2, global: 4 },
} as const

/** Timeouts the lab configures, in seconds (Pure-FTPd: -I is in minutes, 1 is its minimum). */
export const TIMEOUTS = {
  vsftpd: { idle: 5, data: 2, accept: 2, connect: 2 },
  proftpd: { login: 3, idle: 4, noTransfer: 5, stalled: 2 },
  'pure-ftpd': { idleMinutes: 1, siteIdle: 2 },
} as const

const pureIdle = { siteIdle: TIMEOUTS['pure-ftpd'].siteIdle }

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'login-list',
    title: 'successful login and directory listing',
    source: '127.0.0.11',
    sourceCount: 1,
    client: 'lftp',
    cause: null,
    on: {
      vsftpd: { expect: { codes: [230, 150, 226, 221], exitCode: 0 }, logs: [{ file: 'vsftpd.log', match: /OK LOGIN/ }] },
      proftpd: { expect: { codes: [230, 150, 226, 221], exitCode: 0 }, logs: [{ file: 'system.log', match: /Login successful/ }] },
      'pure-ftpd': { expect: { codes: [230, 150, 226, 221], exitCode: 0 }, logs: [{ file: 'syslog.log', match: /is now logged in/ }] },
    },
  },
  {
    id: 'download',
    title: 'successful download (RETR)',
    source: '127.0.0.12',
    sourceCount: 1,
    client: 'curl',
    cause: null,
    on: {
      vsftpd: {
        params: { file: 'small.bin', size: SMALL },
        expect: { codes: [150, 226], exitCode: 0, completed: true },
        logs: [
          { file: 'vsftpd.log', match: /OK DOWNLOAD: .*small\.bin", 100000 bytes/ },
          { file: 'xferlog', match: / 100000 \/srv\/ftplab\/small\.bin b _ o r ftplab ftp 0 \* c$/ },
        ],
      },
      proftpd: {
        params: { file: 'small.bin', size: SMALL },
        expect: { codes: [150, 226], exitCode: 0, completed: true },
        logs: [
          { file: 'transfer.log', match: / 100000 \/srv\/ftplab\/small\.bin b _ o r ftplab ftp 0 \* c$/ },
          { file: 'extended.log', match: /"RETR small\.bin" 226 100000$/ },
        ],
      },
      'pure-ftpd': {
        params: { file: 'small.bin', size: SMALL },
        expect: { codes: [150, 226], exitCode: 0, completed: true },
        logs: [{ file: 'syslog.log', match: /small\.bin downloaded {2}\(100000 bytes/ }],
      },
    },
  },
  {
    id: 'upload',
    title: 'successful upload (STOR)',
    source: '127.0.0.13',
    sourceCount: 1,
    client: 'curl',
    cause: null,
    on: {
      vsftpd: {
        params: { size: 50_000 },
        expect: { codes: [150, 226], exitCode: 0, completed: true },
        logs: [{ file: 'vsftpd.log', match: /OK UPLOAD: .*upload\.bin", 50000 bytes/ }],
      },
      proftpd: {
        params: { size: 50_000 },
        expect: { codes: [150, 226], exitCode: 0, completed: true },
        logs: [{ file: 'transfer.log', match: / 50000 \/srv\/ftplab\/upload\.bin b _ i r ftplab ftp 0 \* c$/ }],
      },
      'pure-ftpd': {
        params: { size: 50_000 },
        expect: { codes: [150, 226], exitCode: 0, completed: true },
        logs: [{ file: 'syslog.log', match: /upload\.bin uploaded {2}\(50000 bytes/ }],
      },
    },
  },
  {
    id: 'missing-file',
    title: 'download of a missing file (550)',
    source: '127.0.0.14',
    sourceCount: 1,
    client: 'lftp',
    cause: null,
    on: {
      vsftpd: {
        expect: { codes: [550, 550, 550], texts: { 550: /Could not get file size\./ } },
        logs: [{ file: 'vsftpd.log', match: /"550 Failed to open file\."/ }],
      },
      proftpd: {
        expect: { codes: [550, 550, 550] },
        logs: [{ file: 'extended.log', match: /"RETR no-such-file\.bin" 550 -$/ }],
      },
      'pure-ftpd': {
        expect: { codes: [550, 550, 550] },
        logs: [{ file: 'syslog.log', match: /550 Sorry, but that file doesn't exist/ }],
      },
    },
  },
  {
    id: 'login-fail',
    title: 'login with a wrong password',
    source: '127.0.0.15',
    sourceCount: 1,
    client: 'curl',
    cause: null,
    on: {
      vsftpd: { expect: { codes: [331, 530], exitCode: 67 }, logs: [{ file: 'vsftpd.log', match: /FAIL LOGIN/ }] },
      proftpd: {
        expect: { codes: [331, 530], exitCode: 67 },
        logs: [{ file: 'system.log', match: /USER ftplab \(Login failed\): Incorrect password/ }],
      },
      'pure-ftpd': {
        expect: { codes: [331, 530], exitCode: 67 },
        logs: [{ file: 'syslog.log', match: /\[WARNING\] Authentication failed for user \[ftplab\]/ }],
      },
    },
  },
  {
    id: 'login-unknown-user',
    title: 'login as a user that does not exist',
    source: '127.0.0.16',
    sourceCount: 1,
    client: 'python-ftplib',
    cause: null,
    on: {
      vsftpd: { expect: { codes: [331, 530, 221] }, logs: [{ file: 'vsftpd.log', match: /\[no-such-user\] FAIL LOGIN/ }] },
      proftpd: { expect: { codes: [331, 530, 221] }, logs: [{ file: 'system.log', match: /no such user found/ }] },
      'pure-ftpd': {
        expect: { codes: [331, 530, 221] },
        logs: [{ file: 'syslog.log', match: /Authentication failed for user \[no-such-user\]/ }],
      },
    },
  },
  {
    id: 'login-noshell',
    title: 'login as a user whose shell (/bin/false) is not in /etc/shells',
    source: '127.0.0.17',
    sourceCount: 1,
    client: 'python-socket',
    cause: null,
    on: {
      vsftpd: {
        expect: { codes: [331, 530, 221] },
        logs: [{ file: 'vsftpd.log', match: /\[ftplabns\] FAIL LOGIN/ }],
        note: 'PAM (pam_shells in the stock Debian vsftpd PAM file) refuses it: 530 Login incorrect.',
      },
      proftpd: {
        expect: { codes: [331, 530, 221] },
        logs: [{ file: 'system.log', match: /Invalid shell: '\/bin\/false'/ }],
        note: 'RequireValidShell (default on): 530 Login incorrect., SystemLog says "Invalid shell".',
      },
      'pure-ftpd': {
        expect: { codes: [331, 530, 221] },
        logs: [{ file: 'syslog.log', match: /Authentication failed for user \[ftplabns\]/ }],
        note: '-l unix refuses it with the same 530 and log line as a wrong password; the shell is not named.',
      },
    },
  },
  {
    id: 'per-ip-limit',
    title: 'per-IP connection limit: one connection more than allowed from one address',
    source: '127.0.0.18',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'capacity',
    on: {
      vsftpd: {
        params: { connections: LIMITS.vsftpd.perIp + 1 },
        expect: {
          codes: [421],
          lastSession: [421],
          lastSessionEnd: /server-closed/,
          texts: { 421: /^There are too many connections from your internet address\.$/ },
        },
        logs: [
          { file: 'vsftpd.log', match: /CONNECT: Client "127\.0\.0\.18", "Connection refused: too many sessions for this address\."/, count: 1 },
          { file: 'vsftpd.log', match: /"421 There are too many connections from your internet address\."/, count: 1 },
        ],
      },
      proftpd: {
        params: { connections: LIMITS.proftpd.perIp + 1 },
        expect: {
          codes: [530],
          absent: [421],
          lastSession: [220, 331, 530],
          texts: { 530: /^Sorry, the maximum number of clients \(2\) from your host are already connected\.$/ },
        },
        logs: [
          { file: 'system.log', match: /Connection refused \(MaxClientsPerHost 2\)/, count: 1 },
          { file: 'trace.log', match: /530 Sorry, the maximum number of clients \(2\) from your host/, count: 1 },
          { file: 'extended-rich.log', match: /Configured policy: Denied by MaxClientsPerHost/ },
        ],
      },
      'pure-ftpd': {
        params: { connections: LIMITS['pure-ftpd'].perIp + 1 },
        expect: { codes: [421], lastSession: [421], texts: { 421: /^Too many connections \(2\) from this IP$/ } },
        logs: [{ file: 'syslog.log', match: /\[WARNING\] Too many connections \(2\) from this IP: \[127\.0\.0\.18\]$/, count: 1 }],
        absentFromLogs: [{ file: 'syslog.log', match: /\] 421 / }],
        note: 'Logged once, at WARNING, without a reply code; the 421 itself is not logged even with -d -d.',
      },
    },
  },
  {
    id: 'global-limit',
    title: 'global connection limit: one connection more than allowed, each from its own address',
    source: '127.0.1.1',
    sourceCount: 5,
    client: 'python-socket',
    cause: 'capacity',
    on: {
      vsftpd: {
        params: { connections: LIMITS.vsftpd.global + 1 },
        expect: { codes: [421], lastSession: [421], texts: { 421: /^There are too many connected users, please try later\.$/ } },
        logs: [
          { file: 'vsftpd.log', match: /"Connection refused: too many sessions\."/, count: 1 },
          { file: 'vsftpd.log', match: /"421 There are too many connected users, please try later\."/, count: 1 },
        ],
      },
      proftpd: {
        params: { connections: LIMITS.proftpd.global + 1 },
        expect: {
          codes: [530],
          absent: [421],
          lastSession: [220, 331, 530],
          texts: { 530: /^Sorry, the maximum number of allowed clients \(3\) are already connected\.$/ },
        },
        logs: [
          { file: 'system.log', match: /Connection refused \(MaxClients 3\)/, count: 1 },
          { file: 'extended-rich.log', match: /Configured policy: Denied by MaxClients"/ },
        ],
      },
      'pure-ftpd': {
        params: { connections: LIMITS['pure-ftpd'].global + 1 },
        expect: { codes: [421], lastSession: [421], texts: { 421: /^4 users \(the maximum\) are already logged in, sorry$/ } },
        absentFromLogs: [{ file: 'syslog.log', match: /127\.0\.1\.5|maximum/ }],
        note: 'The -c refusal is written straight to the socket by the accept loop and never logged.',
      },
    },
  },
  {
    id: 'instance-limit',
    title: 'ProFTPD MaxInstances: one connection more than the daemon will fork for',
    source: '127.0.2.1',
    sourceCount: 7,
    client: 'python-socket',
    cause: 'capacity',
    on: {
      proftpd: {
        params: { connections: LIMITS.proftpd.instances + 1, login: false },
        expect: { codes: [220], lastSession: [], lastSessionEnd: /server-(closed|reset)/ },
        logs: [{ file: 'system.log', match: /MaxInstances \(6\) reached, new connection denied/, count: 1 }],
        note: 'The refused connection is closed without any reply; the log line names no client.',
      },
    },
  },
  {
    id: 'login-timeout',
    title: 'login timeout: connect, read the greeting, never send USER',
    source: '127.0.0.20',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'login-timeout',
    on: {
      vsftpd: {
        params: { wait: 10 },
        expect: { codes: [220, 421], texts: { 421: /^Timeout\.$/ }, lastSessionEnd: /server-closed/ },
        logs: [{ file: 'vsftpd.log', match: /"421 Timeout\."/, count: 1 }],
        note: 'vsftpd has no login timeout: idle_session_timeout applies before login too, with the same text.',
      },
      proftpd: {
        params: { wait: 10 },
        expect: { codes: [220, 421], texts: { 421: /^Login timeout \(3 seconds\): closing control connection$/ } },
        logs: [
          { file: 'trace.log', match: /async: 421 Login timeout \(3 seconds\)/, count: 1 },
          { file: 'system.log', match: /Login timeout exceeded, disconnected/, count: 1 },
          { file: 'extended-rich.log', match: /"Timeout exceeded: TimeoutLogin"/, count: 1 },
        ],
        absentFromLogs: [
          { file: 'extended.log', match: / 421 / },
          { file: 'system.log', match: /421/ },
        ],
      },
      'pure-ftpd': {
        params: { wait: 75 },
        background: true,
        expect: { codes: [220, 421], texts: { 421: /^Timeout - try typing a little faster next time$/ } },
        logs: [{ file: 'syslog.log', match: /\[INFO\] Timeout - try typing a little faster next time/, count: 1 }],
        note: 'Takes the full minute: -I is in minutes and 1 is the shortest; SITE IDLE needs a login.',
      },
    },
  },
  {
    id: 'idle-timeout',
    title: 'idle timeout: log in, then send nothing',
    source: '127.0.0.21',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'idle-timeout',
    on: {
      vsftpd: {
        params: { wait: 10 },
        expect: { codes: [230, 421], texts: { 421: /^Timeout\.$/ } },
        logs: [{ file: 'vsftpd.log', match: /"421 Timeout\."/, count: 1 }],
      },
      proftpd: {
        params: { wait: 10 },
        expect: { codes: [230, 421], texts: { 421: /^Idle timeout \(4 seconds\): closing control connection$/ } },
        logs: [
          { file: 'trace.log', match: /async: 421 Idle timeout \(4 seconds\)/, count: 1 },
          { file: 'system.log', match: /Client session idle timeout, disconnected/, count: 1 },
          { file: 'extended-rich.log', match: /"Timeout exceeded: TimeoutIdle"/, count: 1 },
        ],
        absentFromLogs: [{ file: 'extended.log', match: / 421 / }],
      },
      'pure-ftpd': {
        params: { wait: 10, ...pureIdle },
        expect: { codes: [230, 200, 421], texts: { 200: /^Idle time set to 2 seconds$/, 421: /^Timeout - try typing a little faster next time$/ } },
        logs: [{ file: 'syslog.log', match: /\[INFO\] Timeout - try typing a little faster next time/, count: 1 }],
        note: 'SITE IDLE 2 (a Pure-FTPd command any logged-in client may send) shortens this session\'s idle time.',
      },
    },
  },
  {
    id: 'no-transfer-timeout',
    title: 'no-transfer timeout: log in, send NOOP every second, never transfer',
    source: '127.0.0.22',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'no-transfer-timeout',
    on: {
      vsftpd: {
        params: { wait: 5 },
        expect: { codes: [230, 200, 221], absent: [421] },
        note: 'vsftpd has no such timeout: NOOP resets idle_session_timeout, so the session lives on.',
      },
      proftpd: {
        params: { wait: 12 },
        expect: { codes: [230, 200, 421], texts: { 421: /^No transfer timeout \(5 seconds\): closing control connection$/ } },
        logs: [
          { file: 'trace.log', match: /async: 421 No transfer timeout \(5 seconds\)/, count: 1 },
          { file: 'system.log', match: /FTP no transfer timeout, disconnected/, count: 1 },
          { file: 'extended-rich.log', match: /"Timeout exceeded: TimeoutNoTransfer"/, count: 1 },
        ],
      },
      'pure-ftpd': {
        params: { wait: 12, ...pureIdle },
        expect: { codes: [230, 200, 421], texts: { 421: /^Timeout \(no operation for 4 seconds\)$/ } },
        logs: [{ file: 'syslog.log', match: /\[INFO\] Timeout \(no operation for 4 seconds\)/, count: 1 }],
        note: 'Pure-FTPd\'s anti-idle: only NOOP-like commands for 2 x the idle time.',
      },
    },
  },
  {
    id: 'stalled-download',
    title: 'stalled download: the client opens the data connection and stops reading a 64 MB file',
    source: '127.0.0.23',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'data-timeout',
    on: {
      vsftpd: {
        params: { wait: 20, size: BIG },
        expect: { codes: [150, 421], absent: [426], texts: { 421: /^Data timeout\. Reconnect\. Sorry\.$/ } },
        logs: [
          { file: 'vsftpd.log', match: /"421 Data timeout\. Reconnect\. Sorry\."/, count: 1 },
          { file: 'vsftpd.log', match: /FAIL DOWNLOAD: .*big\.bin/, count: 1 },
          { file: 'xferlog', match: /big\.bin b _ o r ftplab ftp 0 \* i$/, count: 1 },
        ],
      },
      proftpd: {
        params: { wait: 12, size: BIG },
        expect: { codes: [150], absent: [421, 426, 226], lastSessionEnd: /server-(closed|reset)/ },
        logs: [
          { file: 'system.log', match: /Data transfer stall timeout: 2 seconds/, count: 1 },
          { file: 'extended-rich.log', match: /"Timeout exceeded: TimeoutStalled during data transfer"/ },
          { file: 'transfer.log', match: /big\.bin b _ o r ftplab ftp 0 \* i$/ },
        ],
        note: 'TimeoutStalled closes the session without a reply the client can read; the 426 is only logged.',
      },
      'pure-ftpd': {
        params: { wait: 12, size: BIG, ...pureIdle },
        expect: { codes: [150, 421], absent: [426, 226], texts: { 421: /^Timeout - try typing a little faster next time$/ } },
        logs: [
          { file: 'syslog.log', match: /big\.bin downloaded {2}\(\d+ bytes/, count: 1 },
          { file: 'xferlog', match: /big\.bin b _ o r ftplab ftp 1 \* c$/, count: 1 },
        ],
        note: 'The stalled download is logged as "downloaded" (complete, c in xferlog) with the partial byte count.',
      },
    },
  },
  {
    id: 'abort-download',
    title: 'download aborted with ABOR (Telnet IP + Synch, as BSD ftp and lftp send it)',
    source: '127.0.0.24',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'client-abort',
    on: {
      vsftpd: {
        params: { size: BIG },
        expect: { codes: [150, 426, 226], texts: { 426: /^Failure writing network stream\.$/, 226: /^ABOR successful\.$/ } },
        logs: [
          { file: 'vsftpd.log', match: /"426 Failure writing network stream\."/, count: 1 },
          { file: 'vsftpd.log', match: /"226 ABOR successful\."/, count: 1 },
          { file: 'xferlog', match: /big\.bin b _ o r ftplab ftp 0 \* i$/, count: 1 },
        ],
      },
      proftpd: {
        params: { size: BIG },
        expect: { codes: [150, 226, 426], texts: { 226: /^Abort successful$/, 426: /^Transfer aborted\. Data connection closed$/ } },
        logs: [
          { file: 'trace.log', match: /426 Transfer aborted\. Data connection closed\r?$/, count: 1 },
          { file: 'extended-rich.log', match: / ABOR "" 226 "Abort successful" cancelled / },
        ],
        note: 'ProFTPD answers 226 Abort successful first and 426 second (the reverse of RFC 959 order).',
      },
      'pure-ftpd': {
        params: { size: BIG },
        expect: { codes: [150, 426, 226], texts: { 426: /^ABORT$/, 226: /^Transfer aborted/ } },
        logs: [
          { file: 'syslog.log', match: /\[DEBUG\] 426 ABORT$/, count: 1 },
          { file: 'syslog.log', match: /big\.bin downloaded {2}\(\d+ bytes/, count: 1 },
        ],
        note: 'The aborted download is still logged as "downloaded" (and c in the altlogs).',
      },
    },
  },
  {
    id: 'abort-download-ftplib',
    title: "download aborted with Python ftplib's abort() (ABOR line sent as urgent data), data connection closed",
    source: '127.0.0.25',
    sourceCount: 1,
    client: 'python-ftplib',
    cause: 'client-abort',
    on: {
      vsftpd: {
        params: { size: BIG },
        expect: { codes: [150, 500, 426], texts: { 500: /^Unknown command\.$/ } },
        logs: [{ file: 'vsftpd.log', match: /"426 Failure writing network stream\."/, count: 1 }],
        note: 'On Linux the urgent byte is the final LF, taken out of band: vsftpd sees "ABOR" without its LF, answers 500.',
      },
      proftpd: {
        params: { size: BIG },
        expect: { codes: [150, 426], absent: [500], texts: { 426: /^Transfer aborted\. Data connection closed\.$/ } },
        logs: [{ file: 'trace.log', match: /426 Transfer aborted\. Data connection closed\.\r?$/, count: 1 }],
        note: 'ProFTPD accepts it: 426 with a final period (pr_netio_lingering_abort), and no 226 follows.',
      },
      'pure-ftpd': {
        params: { size: BIG },
        // Whether the client still reads Pure-FTPd's "500 Unknown command" for the LF-less ABOR
        // depends on timing (seen both ways in CI-like runs); what never comes is a 426.
        expect: { codes: [150], absent: [426] },
        logs: [{ file: 'syslog.log', match: /big\.bin downloaded {2}\(\d+ bytes/, count: 1 }],
      },
    },
  },
  {
    id: 'killed-client-download',
    title: 'download aborted by killing the client (curl, SIGKILL one second into the transfer)',
    source: '127.0.0.26',
    sourceCount: 1,
    client: 'curl',
    cause: 'data-connection-lost',
    on: {
      vsftpd: {
        params: { size: BIG, killAfter: 1.0, settle: 1.0 },
        expect: { codes: [150], absent: [226, 426], lastSessionEnd: /client-killed/ },
        logs: [
          { file: 'vsftpd.log', match: /"426 Failure writing network stream\."/, count: 1 },
          { file: 'xferlog', match: /big\.bin b _ o r ftplab ftp 0 \* i$/, count: 1 },
        ],
      },
      proftpd: {
        params: { size: BIG, killAfter: 1.0, settle: 1.0 },
        expect: { codes: [150], absent: [226, 426], lastSessionEnd: /client-killed/ },
        logs: [
          { file: 'trace.log', match: /426 Transfer aborted\. Data connection closed\r?$/, count: 1 },
          { file: 'transfer.log', match: /big\.bin b _ o r ftplab ftp 0 \* i$/, count: 1 },
        ],
      },
      'pure-ftpd': {
        params: { size: BIG, killAfter: 1.0, settle: 1.0 },
        expect: { codes: [150], absent: [226, 426], lastSessionEnd: /client-killed/ },
        logs: [
          { file: 'syslog.log', match: /big\.bin downloaded {2}\(\d+ bytes/, count: 1 },
          { file: 'xferlog', match: /big\.bin b _ o r ftplab ftp 1 \* c$/, count: 1 },
        ],
        absentFromLogs: [{ file: 'syslog.log', match: /\] 426 / }],
        note: 'No 426 is sent or logged; the partial download is logged as complete.',
      },
    },
  },
  {
    id: 'reset-data-download',
    title: 'download whose data connection the client resets (SO_LINGER 0 close)',
    source: '127.0.0.27',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'data-connection-lost',
    on: {
      vsftpd: {
        params: { size: BIG, wait: 5 },
        expect: { codes: [150, 426], texts: { 426: /^Failure writing network stream\.$/ } },
        logs: [{ file: 'vsftpd.log', match: /"426 Failure writing network stream\."/, count: 1 }],
      },
      proftpd: {
        params: { size: BIG, wait: 5 },
        expect: { codes: [150, 426], texts: { 426: /^Transfer aborted\. Data connection closed$/ } },
        logs: [{ file: 'trace.log', match: /426 Transfer aborted\. Data connection closed\r?$/, count: 1 }],
      },
      'pure-ftpd': {
        params: { size: BIG, wait: 3 },
        expect: { codes: [150], absent: [226, 426] },
        logs: [{ file: 'syslog.log', match: /big\.bin downloaded {2}\(\d+ bytes/, count: 1 }],
        note: 'No 226 or 426: the client only gets the tail of a 150 reply ("N seconds (measured here)").',
      },
    },
  },
  {
    id: 'pasv-no-connect',
    title: 'passive data connection never made: PASV, RETR, and the client never connects',
    source: '127.0.0.28',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'data-timeout',
    on: {
      vsftpd: {
        params: { wait: 10, size: SMALL },
        expect: { codes: [227, 425], texts: { 425: /^Failed to establish connection\.$/ } },
        logs: [{ file: 'vsftpd.log', match: /"425 Failed to establish connection\."/, count: 1 }],
      },
      proftpd: {
        params: { wait: 10, size: SMALL },
        expect: { codes: [227], absent: [425, 421, 150], lastSessionEnd: /server-(closed|reset)/ },
        logs: [{ file: 'system.log', match: /Data transfer stall timeout: 2 seconds/, count: 1 }],
        note: 'ProFTPD waits TimeoutStalled for the data connection, then drops the session without a reply.',
      },
      'pure-ftpd': {
        params: { wait: 10, size: SMALL, ...pureIdle },
        expect: { codes: [227, 421], texts: { 421: /^Timeout$/ } },
        logs: [{ file: 'syslog.log', match: /\[INFO\] Timeout$/, count: 1 }],
      },
    },
  },
  {
    id: 'port-refused',
    title: 'active (PORT) data connection refused: PORT to a closed local port, then RETR',
    source: '127.0.0.29',
    sourceCount: 1,
    client: 'python-socket',
    cause: 'data-connection-lost',
    on: {
      vsftpd: {
        params: { size: SMALL },
        expect: { codes: [200, 425], texts: { 425: /^Failed to establish connection\.$/ } },
        logs: [{ file: 'vsftpd.log', match: /"425 Failed to establish connection\."/, count: 1 }],
      },
      proftpd: {
        params: { size: SMALL },
        expect: { codes: [200, 425], texts: { 425: /^Unable to build data connection: Connection refused$/ } },
        logs: [{ file: 'extended.log', match: /"RETR small\.bin" 425 \S+$/, count: 1 }],
      },
      'pure-ftpd': {
        params: { size: SMALL },
        expect: { codes: [200, 425], texts: { 425: /^Could not open data connection to port \d+: Connection refused$/ } },
        logs: [{ file: 'syslog.log', match: /425 Could not open data connection to port \d+: Connection refused/, count: 1 }],
      },
    },
  },
]

export function scenarioById(id: string): Scenario {
  const s = SCENARIOS.find((x) => x.id === id)
  if (s === undefined) throw new Error(`unknown scenario ${id}`)
  return s
}

/** All loopback addresses a scenario's clients connect from. */
export function sourcesOf(s: Scenario): string[] {
  const parts = s.source.split('.')
  const last = Number(parts.pop())
  return Array.from({ length: s.sourceCount }, (_, i) => [...parts, String(last + i)].join('.'))
}

export function scenariosFor(server: ServerName): Scenario[] {
  return SCENARIOS.filter((s) => s.on[server] !== undefined)
}

/**
 * The order a server runs its scenarios in. Pure-FTPd: the limit scenarios first (nothing else may
 * hold a connection then), then its one-minute login timeout in the background, then the rest, so
 * the minute is spent once.
 */
export function orderedScenarios(server: ServerName): Scenario[] {
  const all = scenariosFor(server)
  if (server !== 'pure-ftpd') return all
  const first: ScenarioId[] = ['per-ip-limit', 'global-limit', 'login-timeout']
  return [...first.map(scenarioById), ...all.filter((s) => !first.includes(s.id))]
}
