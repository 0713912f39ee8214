/**
 * Errors that reach the user. Every expected failure is an {@link FtplogError} with a stable
 * `code` and a message that says what to do next; the CLI prints those without a stack trace
 * and exits 2. Anything else is a bug and is printed with its stack.
 */
export abstract class FtplogError extends Error {
  /** Stable machine-readable identifier, e.g. `FTPLOG_UNKNOWN_LOG_FORMAT`. */
  abstract readonly code: string
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** Bad flags, arguments or configuration values. */
export class UsageError extends FtplogError {
  readonly code = 'FTPLOG_USAGE'
}

/**
 * No log format recognised the first lines of an input.
 * The message lists the log formats tried and names `--log-format`.
 */
export class UnknownLogFormatError extends FtplogError {
  readonly code = 'FTPLOG_UNKNOWN_LOG_FORMAT'
  constructor(
    readonly path: string,
    readonly tried: readonly string[],
    readonly examinedLines: number,
  ) {
    super(
      `${path}: no known log format matches its first ${examinedLines} line${examinedLines === 1 ? '' : 's'} ` +
        `(tried ${tried.join(', ')}). Pass --log-format <name> to force one; \`ftplog formats\` lists them.`,
    )
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
    super(`${path}: ${reason}`, options)
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
