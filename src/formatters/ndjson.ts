import { toJsonLine } from './escape.js'
import { isFailing, parseFailOn } from '../report/fail-on.js'
import type { Report } from '../report/report-schema.js'
import type { Formatter } from './types.js'

/** The ECS version the field names follow (https://www.elastic.co/guide/en/ecs/current/). */
export const ECS_VERSION = '8.11.0'

type Event = Record<string, unknown>

const SEVERITY_NUMBER = { notice: 1, warning: 2, error: 3 } as const

/**
 * Newline-delimited JSON, one event per line, with Elastic Common Schema field names where ECS
 * has one (`@timestamp`, `event.*`, `source.ip`, `user.name`, `related.*`, `file.path`,
 * `log.file.path`, `observer.*`, `message`) and ftplog's own under `ftplog.*`, for Filebeat,
 * Vector or Logstash. Events, in this order:
 * - `ftplog.type: "incident"` (`event.kind: alert`) per incident, `@timestamp` = first seen;
 * - `ftplog.type: "sample"` (`event.kind: event`) per kept sample line of an incident (at most
 *   five), `@timestamp` = its time, `log.file.path` + `ftplog.line` = where it is;
 * - `ftplog.type: "bruteforce"` (`event.kind: alert`) per brute-force window, `source.ip` = client;
 * - `ftplog.type: "input"` (`event.kind: metric`) per input with its line accounting;
 * - `ftplog.type: "report"` (`event.kind: metric`) last, with the verdict and totals.
 * Each reply, login and transfer is not in the report (it keeps totals, so memory stays flat);
 * the CLI's `--events FILE` streams those during the analysis (see `ecs-event.ts`).
 * `@timestamp` is left out when the log had no time. Each event is written with
 * {@link toJsonLine}, so log text cannot break a line (U+0085, U+2028 and U+2029 included).
 */
export const ndjson: Formatter = (report) => [...ndjsonLines(report)].join('')

/** The {@link ndjson} text line by line (each with its newline), for writing as it is made. */
export function* ndjsonLines(report: Report): Generator<string, void, undefined> {
  const failOn = parseFailOn(report.verdict.failOn)
  for (const i of report.incidents) {
    const base = {
      ecs: { version: ECS_VERSION },
      observer: { product: i.serverFamily, hostname: i.server, type: 'ftp' },
    }
    yield line(
      withTime(i.firstSeen, {
        ...base,
        event: {
          kind: 'alert',
          category: ['network'],
          type: ['connection', 'error'],
          outcome: 'failure',
          code: i.code === null ? undefined : String(i.code),
          reason: i.title,
          severity: SEVERITY_NUMBER[i.severity],
          start: i.firstSeen ?? undefined,
          end: i.lastSeen ?? undefined,
          dataset: 'ftplog.incident',
          module: 'ftplog',
        },
        message: `${i.title}: ${i.events} events`,
        related: { ip: i.clients, user: i.users },
        file: i.files.length > 0 ? { path: i.files[0] } : undefined,
        ftplog: {
          type: 'incident',
          id: i.id,
          cause: i.cause,
          severity: i.severity,
          codes: i.codes,
          events: i.events,
          clients: i.clients,
          users: i.users,
          files: i.files,
          bytes_lost: i.bytesLost,
          failing: isFailing(i, failOn),
          advice: i.advice.summary,
          directives: i.advice.directives.map((d) => d.name),
        },
      }),
    )
    for (const s of i.samples) {
      yield line(
        withTime(s.time, {
          ...base,
          event: {
            kind: 'event',
            category: ['network'],
            type: ['error'],
            outcome: 'failure',
            code: i.code === null ? undefined : String(i.code),
            reason: i.title,
            dataset: 'ftplog.sample',
            module: 'ftplog',
          },
          message: s.text,
          log: { file: { path: s.path } },
          ftplog: { type: 'sample', incident: i.id, cause: i.cause, line: s.line },
        }),
      )
    }
  }
  for (const w of report.security.bruteForce.windows) {
    yield line(
      withTime(w.start, {
        ecs: { version: ECS_VERSION },
        event: {
          kind: 'alert',
          category: ['authentication', 'intrusion_detection'],
          type: ['start'],
          outcome: 'failure',
          reason: 'FTP brute force (failed logins from one address)',
          start: w.start,
          end: w.end,
          dataset: 'ftplog.bruteforce',
          module: 'ftplog',
        },
        source: { ip: w.client },
        user: w.users.length > 0 ? { name: w.users[0] } : undefined,
        related: { ip: [w.client], user: w.users },
        log: { file: { path: w.path } },
        ftplog: { type: 'bruteforce', failures: w.failures, users: w.users, rule: report.security.bruteForce.rule },
      }),
    )
  }
  for (const input of report.inputs) {
    yield line(
      withTime(input.lastSeen, {
        ecs: { version: ECS_VERSION },
        event: { kind: 'metric', category: ['file'], type: ['info'], outcome: input.error ? 'failure' : 'success', dataset: 'ftplog.input', module: 'ftplog' },
        log: { file: { path: input.path } },
        error: input.error ? { code: input.error.code, message: input.error.message } : undefined,
        ftplog: {
          type: 'input',
          log_format: input.logFormat,
          lines: input.lines,
          recognized_lines: input.recognizedLines,
          unrecognized_lines: input.unrecognizedLines,
          skipped_lines: input.skippedLines,
          recognized_ratio: input.recognizedRatio,
          first_seen: input.firstSeen,
          last_seen: input.lastSeen,
        },
      }),
    )
  }
  yield line(
    withTime(report.timeRange?.last ?? null, {
      ecs: { version: ECS_VERSION },
      event: {
        kind: 'metric',
        category: ['network'],
        type: ['info'],
        outcome: report.verdict.status === 'pass' ? 'success' : 'failure',
        dataset: 'ftplog.report',
        module: 'ftplog',
      },
      ftplog: {
        type: 'report',
        verdict: report.verdict,
        time_range: report.timeRange,
        totals: report.totals,
        sessions: report.sessions,
        logins: { ok: report.logins.ok, failed: report.logins.failed },
        transfers: report.transfers,
        filters: report.filters,
        redacted: report.redacted,
      },
    }),
  )
}

function line(event: Event): string {
  return `${toJsonLine(event)}\n`
}

function withTime(time: string | null, event: Event): Event {
  return time ? { '@timestamp': time, ...event } : event
}
