/**
 * The words of the notices and errors a report keeps as text (`inputs[].timeRule`,
 * `inputs[].error.message`, `verdict.reasons[].message`), in one place. The library decides *what* happened and hands it
 * around as a `code` with plain `data`; these functions are the only ones that turn such facts
 * into report text. That text names the CLI's flags (`--year`, `--timezone`, `--fail-on`, …)
 * because a report's reader changes those settings there; the CLI words everything else it
 * prints itself (`src/cli/messages.ts`).
 */

/**
 * How an input's incomplete timestamps were completed (one notice per kind of gap).
 * - `FTPLOG_YEAR_SET`: year-less timestamps dated by the `year` setting;
 * - `FTPLOG_YEAR_FROM_MTIME`: dated by the file's modification time (`date`: YYYY-MM-DD, UTC);
 * - `FTPLOG_YEAR_FROM_CLOCK`: dated by the current date (standard input has no modification time);
 * - `FTPLOG_ZONE_DEFAULT`: wall-clock times read as UTC, the default;
 * - `FTPLOG_ZONE_SET`: wall-clock times read in the `timeZone` setting.
 */
export type TimeNotice =
  | { readonly code: 'FTPLOG_YEAR_SET'; readonly data: { readonly year: number } }
  | { readonly code: 'FTPLOG_YEAR_FROM_MTIME'; readonly data: { readonly date: string } }
  | { readonly code: 'FTPLOG_YEAR_FROM_CLOCK'; readonly data: Readonly<Record<string, never>> }
  | { readonly code: 'FTPLOG_ZONE_DEFAULT'; readonly data: { readonly timeZone: string } }
  | { readonly code: 'FTPLOG_ZONE_SET'; readonly data: { readonly timeZone: string } }

const TIME_NOTICE_WORDS: { readonly [C in TimeNotice['code']]: (data: Extract<TimeNotice, { code: C }>['data']) => string } = {
  FTPLOG_YEAR_SET: (d) => `year-less timestamps dated ${d.year} (--year)`,
  FTPLOG_YEAR_FROM_MTIME: (d) => `year-less timestamps dated by the file's modification time (${d.date}); pass --year to set it`,
  FTPLOG_YEAR_FROM_CLOCK: () => 'year-less timestamps dated by the current date (standard input has no modification time); pass --year to set it',
  FTPLOG_ZONE_DEFAULT: () => 'wall-clock times read as UTC; pass --timezone if the log is in local time',
  FTPLOG_ZONE_SET: (d) => `wall-clock times read in ${d.timeZone} (--timezone)`,
}

/** One notice in words, as a report's `timeRule` says it. */
export function wordTimeNotice(notice: TimeNotice): string {
  return (TIME_NOTICE_WORDS[notice.code] as (data: TimeNotice['data']) => string)(notice.data)
}

/** An input's time notices as its report `timeRule`: joined by `; `, or `null` when there are none. */
export function wordTimeNotices(notices: readonly TimeNotice[]): string | null {
  return notices.length > 0 ? notices.map(wordTimeNotice).join('; ') : null
}

/**
 * A gate that tripped, by its `rule` in the report's `verdict.reasons` (input errors carry their
 * own message): `failing` incidents at or above the `failOn` rule (more than `maxIncidents`), or an
 * input whose share of unrecognized lines (`ratio`, 0–1, of `considered` lines) is over `maxUnrecognized`.
 */
export type VerdictNotice =
  | { readonly code: 'fail-on'; readonly data: { readonly failing: number; readonly failOn: string } }
  | { readonly code: 'max-incidents'; readonly data: { readonly failing: number; readonly failOn: string; readonly maxIncidents: number } }
  | {
      readonly code: 'max-unrecognized'
      readonly data: { readonly path: string; readonly ratio: number; readonly considered: number; readonly maxUnrecognized: number }
    }

/** A tripped gate as the report's `verdict.reasons[].message` says it. */
export function wordVerdictReason(notice: VerdictNotice): string {
  if (notice.code === 'max-unrecognized') {
    const d = notice.data
    return `${d.path}: ${(d.ratio * 100).toFixed(1)}% of ${d.considered} lines unrecognized, more than --max-unrecognized ${d.maxUnrecognized}`
  }
  const d = notice.data
  const what = `${d.failing} incident${d.failing === 1 ? '' : 's'} at or above --fail-on ${d.failOn}`
  return notice.code === 'max-incidents' ? `${what}, more than --max-incidents ${notice.data.maxIncidents}` : what
}

/** The message of an `FTPLOG_UNKNOWN_LOG_FORMAT` error (kept in the report's `inputs[].error.message`). */
export function unknownLogFormatMessage(data: { readonly path: string; readonly tried: readonly string[]; readonly examinedLines: number }): string {
  const n = data.examinedLines
  return (
    `${data.path}: no known log format matches its first ${n} line${n === 1 ? '' : 's'} ` +
    `(tried ${data.tried.join(', ')}). Pass --log-format <name> to force one; \`ftplog formats\` lists them.`
  )
}
