export type ServerName = 'vsftpd' | 'proftpd' | 'pure-ftpd'

export const SERVER_NAMES = ['vsftpd', 'proftpd', 'pure-ftpd'] as const satisfies readonly ServerName[]

/** Log formats, named as the analyzer's log-format registry will name them. */
export type LogFormat =
  | 'vsftpd'
  | 'xferlog'
  | 'proftpd-system'
  | 'proftpd-extended'
  | 'proftpd-trace'
  | 'pureftpd-syslog'
  | 'pureftpd-clf'
  | 'pureftpd-stats'
  | 'pureftpd-w3c'

/** Why a 421/425/426/530 (or a code-less incident line) happened: the analyzer's cause vocabulary. */
export type Cause =
  | 'capacity'
  | 'login-timeout'
  | 'idle-timeout'
  | 'no-transfer-timeout'
  | 'data-timeout'
  | 'data-connection-lost'
  | 'client-abort'
  | 'shutdown'
  | 'unknown'

export interface Reply {
  readonly code: number
  readonly text: string
}

export interface TranscriptEntry {
  readonly t: number
  readonly sent?: string
  readonly reply?: number
  readonly text?: string
  readonly event?: string
}

export interface ObservedSession {
  readonly label: string
  readonly client: string
  readonly commands: readonly string[]
  readonly replies: readonly Reply[]
  /** how the control connection ended, from the client's side */
  readonly end: string
  readonly transcript: readonly TranscriptEntry[]
}

export interface ObservedTransfer {
  readonly command: string
  readonly direction: 'download' | 'upload'
  readonly bytes: number
  readonly size: number | null
  readonly completed: boolean
}

/** What one scenario's client(s) saw, as printed by scripts/lab/ftpdriver.py. */
export interface ObservedScenario {
  readonly scenario: string
  readonly client: string | readonly string[]
  readonly source: string
  readonly startedAt: string
  readonly endedAt: string
  readonly commands: readonly string[]
  readonly replies: readonly Reply[]
  readonly transfers: readonly ObservedTransfer[]
  readonly exitCode: number | null
  readonly notes: readonly string[]
  readonly sessions: readonly ObservedSession[]
}

export interface LogFile {
  /** file name inside the run directory and the fixture folder */
  readonly name: string
  readonly format: LogFormat
  readonly description: string
}
