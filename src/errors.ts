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

/** A JSON report handed to `merge` has another schema version or does not validate. */
export class ReportVersionError extends FtplogError {
  readonly code = 'FTPLOG_REPORT_VERSION'
}

/** A report or event file could not be written (missing folder, no permission, disk full). */
export class OutputError extends FtplogError {
  readonly code = 'FTPLOG_OUTPUT'
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write ${path}: ${reason}`, options)
  }
}
