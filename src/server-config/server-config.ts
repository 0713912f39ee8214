import type { SettingSource } from '../model/server-settings.js'

/** The FTP servers whose configuration ftplog reads. */
export const CONFIG_SERVERS = ['vsftpd', 'proftpd', 'pure-ftpd'] as const
export type ConfigServer = (typeof CONFIG_SERVERS)[number]

/**
 * One enclosing ProFTPD section of a setting, outermost first: `{ name: 'VirtualHost', argument:
 * '10.0.0.1' }`, `{ name: 'IfModule', argument: 'mod_tls.c' }`. vsftpd and Pure-FTPd have none.
 */
export interface ConfigSection {
  readonly name: string
  readonly argument: string
  /** Where the section was opened. */
  readonly source: SettingSource
}

/**
 * One directive as written in a server's configuration: `directive` in its documented spelling
 * (`max_per_ip`, `TimeoutIdle`, `MaxClientsPerIP`; a name the server does not know keeps the
 * spelling written), `value` the arguments as written after the name (quotes removed, one space
 * between arguments), `args` the arguments one by one, and `scope` its enclosing sections.
 */
export interface ConfigSetting {
  readonly directive: string
  readonly value: string
  readonly args: readonly string[]
  readonly source: SettingSource
  readonly scope: readonly ConfigSection[]
}

/** A line that could not be read as a setting the server knows: unknown name, bad value, unclosed section. */
export interface ConfigProblem {
  readonly source: SettingSource
  readonly message: string
}

/** A ProFTPD `LogFormat name "format"`: the layout of the ExtendedLogs that name it. */
export interface ProftpdLogFormat {
  readonly name: string
  readonly format: string
  readonly source: SettingSource
}

/**
 * A ProFTPD `ExtendedLog path [classes [format-name]]`: `classes` defaults to `ALL` and
 * `formatName` to `undefined`, which means ProFTPD's built-in default format
 * (`%h %l %u %t "%r" %s %b`).
 */
export interface ProftpdExtendedLog {
  readonly path: string
  readonly classes: string
  readonly formatName: string | undefined
  readonly source: SettingSource
  readonly scope: readonly ConfigSection[]
}

/**
 * A server configuration as read: every setting in file order (ProFTPD: includes expanded in
 * place), the files read, and the problems found. Reading never fails on content; a file that
 * cannot be read at all is an error of the reader.
 */
export interface ServerConfig {
  readonly server: ConfigServer
  /** The path given (a file, a Debian conf folder, or the label of a command line). */
  readonly path: string
  /** Every file read, the given one first, in reading order. */
  readonly files: readonly string[]
  readonly settings: readonly ConfigSetting[]
  readonly problems: readonly ConfigProblem[]
  /** ProFTPD only; empty for the others. */
  readonly logFormats: readonly ProftpdLogFormat[]
  /** ProFTPD only; empty for the others. */
  readonly extendedLogs: readonly ProftpdExtendedLog[]
}

/** A `ServerConfig` with no ProFTPD log declarations: the shape the vsftpd and Pure-FTPd readers return. */
export function plainConfig(server: ConfigServer, path: string, files: readonly string[], settings: readonly ConfigSetting[], problems: readonly ConfigProblem[]): ServerConfig {
  return { server, path, files, settings, problems, logFormats: [], extendedLogs: [] }
}
