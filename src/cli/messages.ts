import { FtplogError, InvalidSettingError, UsageError } from '../errors.js'

/**
 * Where each setting of `analyze` and `merge` is set: its flag and its `ftplog.config.json` key,
 * by the setting's name in the library (`AnalysisSettings`, the report gates). The one table the
 * CLI words setting errors from; `docs/settings.md` lists the same (a test keeps them equal).
 */
export const SETTING_SOURCES = {
  logFormat: { flag: '--log-format', config: 'logFormat' },
  timeZone: { flag: '--timezone', config: 'timezone' },
  year: { flag: '--year', config: 'year' },
  maxLineBytes: { flag: '--max-line-bytes', config: 'maxLineBytes' },
  incidentGapMs: { flag: '--incident-gap', config: 'incidentGap' },
  since: { flag: '--since', config: 'since' },
  until: { flag: '--until', config: 'until' },
  clients: { flag: '--client', config: 'clients' },
  users: { flag: '--user', config: 'users' },
  bruteForce: { flag: '--bruteforce', config: 'bruteforce' },
  failOn: { flag: '--fail-on', config: 'failOn' },
  maxIncidents: { flag: '--max-incidents', config: 'maxIncidents' },
  maxUnrecognized: { flag: '--max-unrecognized', config: 'maxUnrecognized' },
  formatters: { flag: '-f', config: 'formatters' },
  redact: { flag: '--redact', config: 'redact' },
  redactKey: { flag: '--redact-key', config: 'redactKey' },
} as const satisfies Record<string, { flag: string; config: string }>

/** A setting's name in the library, as {@link SETTING_SOURCES} lists them. */
export type SettingName = keyof typeof SETTING_SOURCES

/** Where a run's settings came from: the label of each (flag, or `FILE: key`), by setting name. */
export type SettingLabels = Partial<Record<string, string>>

/**
 * How the CLI words each library error code on stderr: the library's message says what is wrong
 * without naming flags; here it gets the flag (or the config key, per `labels`) it is about.
 * Codes not listed print their message as it is.
 */
const WORDING: Readonly<Record<string, (error: FtplogError, labels: SettingLabels) => string>> = {
  FTPLOG_INVALID_SETTING: (error, labels) => {
    const setting = String(error.data.setting)
    const label = labels[setting] ?? (SETTING_SOURCES as Record<string, { flag: string }>)[setting]?.flag ?? setting
    return `${label}: ${error.message}`
  },
  FTPLOG_INVALID_TEMPLATE: (error) => `--template: ${error.message}`,
}

/** An ftplog error in the CLI's words (one line, flags named). */
export function wordError(error: FtplogError, labels: SettingLabels = {}): string {
  return WORDING[error.code]?.(error, labels) ?? error.message
}

/**
 * Runs `f`; an {@link InvalidSettingError} it throws comes back as a usage error worded with
 * `labels`, so the message names the flag or config key the bad value came from.
 */
export function withSettingLabels<T>(labels: SettingLabels, f: () => T): T {
  try {
    return f()
  } catch (error) {
    if (error instanceof InvalidSettingError) throw new UsageError(wordError(error, labels), { cause: error, data: error.data })
    throw error
  }
}

