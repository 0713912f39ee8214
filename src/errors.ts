import { unknownLogFormatMessage } from './notices.js'

/**
 * Errors that reach the user. Every expected failure is an {@link FtplogError} with a stable
 * `code`, structured `data` (the facts a caller needs to word it in its own terms) and a message
 * that says what to do next; the CLI words them with its flag names (`src/cli/messages.ts`),
 * prints them without a stack trace and exits 2. Anything else is a bug and is printed with its
 * stack.
 */
export abstract class FtplogError extends Error {
  /** Stable machine-readable identifier, e.g. `FTPLOG_UNKNOWN_LOG_FORMAT`. */
  abstract readonly code: string
  /** The facts of the error as plain data (paths, values, what is allowed); `{}` when there are none. */
  readonly data: Readonly<Record<string, unknown>>
  constructor(message: string, options?: { cause?: unknown; data?: Readonly<Record<string, unknown>> }) {
    super(message, options)
    this.name = new.target.name
    this.data = options?.data ?? {}
  }
}

/**
 * A path as error messages show it: as given, or `""` when it is empty (an unset variable in a
 * script or CI job), which would otherwise leave `ftplog: : …` on stderr.
 */
export function shownPath(path: string): string {
  return path === '' ? '""' : path
}

/**
 * The reason given for an empty path: `''` names no file, and on the command line it is most
 * often a variable that was not set (`ftplog analyze "$LOG_DIR"` in a CI job).
 */
export const EMPTY_PATH_REASON = 'empty path (an unset variable?)'

/**
 * What is wrong with an empty glob in `include` or `exclude` (`--include`, `--exclude`): picomatch
 * refuses it, and on the command line it is most often a variable that was not set.
 */
export const EMPTY_GLOB_PROBLEM = 'an empty glob (an unset variable?) matches no file; leave the option out instead'

/** Bad flags, arguments or configuration values. */
export class UsageError extends FtplogError {
  readonly code = 'FTPLOG_USAGE'
}

/**
 * A setting of the analysis or the report (a key of `AnalysisSettings`, or `failOn`) has a value
 * ftplog cannot use. The message says what is wrong and what is allowed without naming any CLI
 * flag; `data` is `{ setting, value }`. The CLI prefixes the flag or config key the value came
 * from (`--timezone: unknown time zone "Mars/Olympus" …`).
 */
export class InvalidSettingError extends FtplogError {
  readonly code = 'FTPLOG_INVALID_SETTING'
  constructor(
    /** The setting's name in the library (`timeZone`, `logFormat`, `failOn`, …). */
    readonly setting: string,
    readonly value: unknown,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(problem, { ...options, data: { setting, value } })
  }
}

/**
 * A ProFTPD `LogFormat` template cannot be turned into a log format. `data` is
 * `{ template }`; the message names the problem, and the CLI prefixes `--template:`.
 */
export class InvalidTemplateError extends FtplogError {
  readonly code = 'FTPLOG_INVALID_TEMPLATE'
  constructor(
    readonly template: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(problem, { ...options, data: { template } })
  }
}

/**
 * No log format recognised the first lines of an input. `data` is `{ path, tried, examinedLines }`.
 * The message (which a report keeps in `inputs[].error.message`) lists the log formats tried and
 * names `--log-format`; it is worded in `notices.ts`.
 */
export class UnknownLogFormatError extends FtplogError {
  readonly code = 'FTPLOG_UNKNOWN_LOG_FORMAT'
  constructor(
    readonly path: string,
    readonly tried: readonly string[],
    readonly examinedLines: number,
  ) {
    super(unknownLogFormatMessage({ path, tried, examinedLines }), { data: { path, tried, examinedLines } })
  }
}

/** An input could not be opened or read (missing, unreadable, directory without logs, binary). */
export class InputError extends FtplogError {
  readonly code = 'FTPLOG_INPUT'
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${shownPath(path)}: ${reason}`, { ...options, data: { path, reason } })
  }
}

/** A bundled or user-supplied data definition (log format, registry, catalog) failed validation. */
export class InvalidDefinitionError extends FtplogError {
  readonly code = 'FTPLOG_INVALID_DEFINITION'
}

/**
 * The text handed to `readReport` is not an ftplog JSON report: it is not JSON at all
 * (`reason: 'not-json'`), or JSON without a `schemaVersion` (`reason: 'no-schema-version'`).
 */
export class NotAReportError extends FtplogError {
  readonly code = 'FTPLOG_NOT_A_REPORT'
  constructor(
    message: string,
    readonly reason: 'not-json' | 'no-schema-version',
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** A JSON report was written with another `schemaVersion` than the one this version reads. */
export class ReportVersionError extends FtplogError {
  readonly code = 'FTPLOG_REPORT_VERSION'
  constructor(
    message: string,
    /** The report's `schemaVersion`, as found. */
    readonly found: unknown,
    /** The `schemaVersion` this version reads. */
    readonly supported: number,
  ) {
    super(message)
  }
}

/** A JSON report has the supported `schemaVersion` but does not validate against the report schema. */
export class InvalidReportError extends FtplogError {
  readonly code = 'FTPLOG_INVALID_REPORT'
  constructor(
    message: string,
    /** The first schema violations, as `path: message`. */
    readonly issues: readonly string[],
  ) {
    super(message)
  }
}

/**
 * Reports handed to `mergeReports` were made with different settings (filters, brute-force rule
 * or redaction), so their sum would mean nothing.
 */
export class IncompatibleReportsError extends FtplogError {
  readonly code = 'FTPLOG_INCOMPATIBLE_REPORTS'
  constructor(
    message: string,
    /** Which setting differs: `filters`, `brute-force rule` or `redaction`. */
    readonly setting: string,
  ) {
    super(message)
  }
}

/** A report or event file could not be written (missing folder, no permission, disk full). */
export class OutputError extends FtplogError {
  readonly code = 'FTPLOG_OUTPUT'
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write ${shownPath(path)}: ${reason}`, options)
  }
}
