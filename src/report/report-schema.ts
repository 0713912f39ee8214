import { z } from 'zod'
import { DEFAULT_MAX_KEYS } from '../collections/counter-map.js'
import { causeSchema } from '../model/cause-schema.js'
import { serverFamilySchema } from '../model/server-family-schema.js'
import { severitySchema } from '../model/severity-schema.js'
import { REPORT_SCHEMA_VERSION } from './report-schema-version.js'
import { emptyPeakConcurrent, evidenceSchema, longestSilenceSchema, peakConcurrentSchema, settingAdviceSchema } from './settings-schema.js'

const isoTime = z.string().meta({ description: 'ISO 8601 time in UTC' })

export const sampleSchema = z
  .object({
    path: z.string().meta({ description: 'input path as given; "-" for standard input' }),
    line: z.number().int().positive().meta({ description: '1-based line number' }),
    time: isoTime.nullable().meta({ description: 'time of the line, ISO 8601 UTC; null when it had none' }),
    text: z.string().meta({ description: 'the raw line, capped at 500 characters; untrusted log content' }),
  })
  .meta({ title: 'Sample' })

export const directiveRefSchema = z.object({
  name: z.string().meta({ description: 'name of the setting in the server configuration' }),
  default: z.string().optional().meta({ description: "the server's default value, when known" }),
  note: z.string().optional().meta({ description: 'remark on the setting, e.g. where it lives or what it interacts with' }),
})

export const incidentSchema = z
  .object({
    id: z.string().meta({ description: 'stable id: server, cause and first time' }),
    server: z.string().meta({ description: 'syslog host when the log names one, else the server family' }),
    serverFamily: serverFamilySchema.meta({ description: 'server software that wrote the log (generic when not known)' }),
    code: z.number().int().nullable().meta({ description: 'the most frequent reply code of its events; null when logged without a code' }),
    codes: z.record(z.string(), z.number().int()).meta({ description: 'reply code (or "none") → events' }),
    cause: causeSchema.meta({ description: 'catalog cause id: why the connections were refused or dropped' }),
    title: z.string().meta({ description: "the cause's title, from the catalog" }),
    description: z.string().meta({ description: "the cause's description, from the catalog" }),
    severity: severitySchema.meta({ description: 'highest severity among its events' }),
    events: z.number().int().positive().meta({ description: 'events grouped into this incident (after filters)' }),
    firstSeen: isoTime.nullable().meta({ description: 'time of its first event, ISO 8601 UTC; null when no event had a time' }),
    lastSeen: isoTime.nullable().meta({ description: 'time of its last event, ISO 8601 UTC; null when no event had a time' }),
    clients: z.array(z.string()).meta({ description: 'client addresses by event count, at most 20' }),
    users: z.array(z.string()).meta({ description: 'user names by event count, at most 20' }),
    files: z.array(z.string()).meta({ description: 'file paths by event count, at most 20' }),
    bytesLost: z.number().int().nonnegative().meta({ description: 'bytes of transfers that did not complete' }),
    clientSideEvents: z.number().int().nonnegative().meta({ description: 'events printed by a client rather than sent by the server' }),
    samples: z.array(sampleSchema).max(5).meta({ description: 'the 5 earliest event lines, by time (untimed last), then path and line' }),
    matchedBy: z.array(z.object({ id: z.string().meta({ description: 'catalog message or rule id' }), events: z.number().int().meta({ description: 'events it classified' }) })).meta({
      description: 'catalog entries and rules that classified the events',
    }),
    advice: z
      .object({
        summary: z.string().meta({ description: 'what to do, in a few sentences; when entries with different advice matched, names each with its events' }),
        steps: z.array(z.string()).meta({ description: 'steps to take, in order; when several entries matched, their steps combined, at most 8' }),
        directives: z.array(directiveRefSchema).meta({ description: 'server configuration settings involved, from every entry that matched, each once' }),
        settings: z
          .array(settingAdviceSchema)
          .default(() => [])
          .meta({ description: 'the directives the log can size: configured value, default, recommended value and the evidence (docs/settings-advice.md)' }),
        evidence: evidenceSchema.nullable().default(null).meta({ description: 'the figures behind settings; null when no event had any' }),
      })
      .meta({ description: 'advice from the catalog entries in matchedBy (else the cause)' }),
  })
  .meta({ title: 'Incident', description: 'events of one server and cause, grouped while close in time, across inputs' })

export const inputReportSchema = z
  .object({
    path: z.string().meta({ description: 'path as given or as found in a folder; "-" for standard input' }),
    logFormat: z.string().nullable().meta({ description: 'name of the log format used; null when none was recognised' }),
    detection: z.enum(['detected', 'forced', 'none']).meta({ description: 'how the log format was chosen: detected from the first lines, forced (named by the user), or none' }),
    bytes: z.number().int().nonnegative().meta({ description: 'bytes read from the file (compressed size for gzip); file size for a skipped input' }),
    lines: z.number().int().nonnegative().meta({ description: 'lines read, blank and overlong ones included; 0 for a skipped input' }),
    recognizedLines: z.number().int().nonnegative().meta({ description: 'lines the log format read as FTP records' }),
    unrecognizedLines: z.number().int().nonnegative().meta({ description: 'non-blank lines the log format could not read (and replies that hide their reply code)' }),
    notFtpLines: z.number().int().nonnegative().meta({ description: "lines recognised as another program's in a shared log (syslog, journal)" }),
    skippedLines: z.number().int().nonnegative().meta({ description: "blank lines, lines over --max-line-bytes and a mirror's lines counted in another file (see mirror)" }),
    overlongLines: z.number().int().nonnegative().meta({ description: 'lines over the line byte limit, not read (also counted in skippedLines)' }),
    recognizedRatio: z.number().min(0).max(1).nullable().meta({
      description: '(recognized + notFtp) / (lines - skipped); null for an empty input',
    }),
    timeRule: z.string().nullable().meta({ description: 'how year-less or zone-less timestamps were completed, in words; null when none needed it' }),
    firstSeen: isoTime.nullable().meta({ description: 'earliest time of a recognised line, ISO 8601 UTC; null when no line had a time' }),
    lastSeen: isoTime.nullable().meta({ description: 'latest time of a recognised line, ISO 8601 UTC; null when no line had a time' }),
    unrecognizedSamples: z
      .array(
        z.object({
          line: z.number().int().meta({ description: '1-based line number' }),
          text: z.string().meta({ description: 'the line, cut at 200 characters (… marks the cut); untrusted log content' }),
        }),
      )
      .meta({ description: 'the first 5 unrecognized lines' }),
    error: z
      .object({ code: z.string().meta({ description: 'error code, e.g. FTPLOG_INPUT or FTPLOG_UNKNOWN_LOG_FORMAT' }), message: z.string().meta({ description: 'the error in one line' }) })
      .nullable()
      .meta({ description: 'why the input could not be read or recognised; null when it was (lines read before the error still count)' }),
    status: z.enum(['analyzed', 'skipped', 'error']).default('analyzed').meta({
      description: 'analyzed; skipped: found but not an FTP log (see skipReason), not an error; error: could not be read or recognised (exit 2)',
    }),
    skipReason: z.string().nullable().default(null).meta({
      description: 'why a skipped input was not analysed: "server configuration (vsftpd)", "binary file", "no known log format", "matched by an exclude pattern"…',
    }),
    pairedWith: z
      .array(z.string())
      .default(() => [])
      .meta({ description: 'inputs of the same server whose records of the same transfers were counted once with this one (docs/inputs.md "Paired logs")' }),
    container: z
      .string()
      .optional()
      .meta({
        description:
          "the container runtime's line wrapping removed before reading: cri (containerd, CRI-O log files), docker-timestamps (docker or kubectl logs --timestamps), docker-compose (docker compose logs), docker-json-file (Docker's json-file driver); absent when the lines were read as they are",
      }),
    mirror: z
      .object({
        of: z.string().meta({ description: 'the file that holds the same lines from then on, where they were counted' }),
        lines: z.number().int().nonnegative().meta({ description: 'lines of this file from that moment on, not analysed (also counted in skippedLines)' }),
      })
      .optional()
      .meta({
        description:
          'present on a part read only up to the moment another file starts holding the same lines (a syslog daemon writing both /var/log/messages and /var/log/syslog; docs/inputs.md "Mirrored syslog files")',
      }),
  })
  .meta({ title: 'Input', description: 'one file read, skipped or in error (or a folder holding no FTP log): named, found in a folder, or one part of a rotated set; sorted by path' })

/** Why a run did not pass: one entry per gate that tripped. */
export const verdictReasonSchema = z
  .object({
    rule: z.enum(['input-error', 'fail-on', 'max-incidents', 'max-unrecognized']).meta({ description: 'the gate: input-error (an input could not be read or recognised), fail-on (failing incidents), max-incidents (more failing incidents than allowed), max-unrecognized (an input over the unrecognized share)' }),
    message: z.string().meta({ description: "the reason in one sentence; for input-error, the input's error message" }),
    path: z.string().nullable().meta({ description: 'the input concerned, for input-error and max-unrecognized' }),
  })
  .meta({ title: 'VerdictReason' })

const counts = z.record(z.string(), z.number().int())
/** The counter tables' bound, as the schema's descriptions state it. */
const BOUND = DEFAULT_MAX_KEYS.toLocaleString('en-US')

/** `report.filters`: the event filters a run applied (see `EventFilter`). */
export const filtersSchema = z
  .object({
    since: isoTime.nullable().meta({ description: 'events before this time were left out, and events without a time; ISO 8601 UTC; null: no lower bound' }),
    until: isoTime.nullable().meta({ description: 'events after this time were left out, and events without a time; ISO 8601 UTC; null: no upper bound' }),
    clients: z.array(z.string()).meta({ description: 'only events of these clients were kept: addresses (compared as addresses), CIDR ranges (10.0.0.0/8) or names (exact match); empty: all' }),
    users: z.array(z.string()).meta({ description: 'only events of these user names (exact match) were kept; empty: all' }),
    matchedEvents: z
      .number()
      .int()
      .optional()
      .meta({
        description:
          'events that passed every filter: replies, login attempts and incident events, each counted as what it is (a 421 reply that is an incident event counts twice); 0: the filters kept nothing, so incidents and security figures are empty because of them, not because of the log; absent when unknown (a merged report made before this count)',
      }),
  })
  .meta({
    title: 'Filters',
    description:
      'what --since/--until/--client/--user kept: incidents, security figures and the timeline are filtered; ' +
      'inputs, totals, sessions, logins, transfers and fileOps cover every line',
  })

/** One brute-force window of `report.security.bruteForce.windows`. */
export const bruteForceWindowSchema = z
  .object({
    client: z.string().meta({ description: 'client address' }),
    start: isoTime.meta({ description: 'time of the first failed login in the window, ISO 8601 UTC' }),
    end: isoTime.meta({ description: 'time of the last failed login in the window, ISO 8601 UTC' }),
    failures: z.number().int().positive().meta({ description: 'failed logins of the client from start to end' }),
    users: z.array(z.string()).meta({ description: 'user names tried, most frequent first, at most 10' }),
    path: z.string().meta({ description: 'the input the failures were read from' }),
  })
  .meta({ title: 'BruteForceWindow' })

/** `report.security`: failed and privileged logins, brute-force windows and offenders (filtered). */
export const securitySchema = z
  .object({
    failedLogins: z.number().int().nonnegative().meta({ description: 'failed logins that passed the filters' }),
    failedByClient: counts.meta({ description: 'top 100 clients by failed logins' }),
    failedByUser: counts.meta({ description: 'top 100 user names by failed logins' }),
    privileged: z.object({
      attempts: z.number().int().nonnegative().meta({ description: 'logins tried as root, admin, administrator or toor' }),
      failed: z.number().int().nonnegative().meta({ description: 'privileged logins that failed' }),
      succeeded: z.number().int().nonnegative().meta({ description: 'privileged logins that succeeded' }),
      byUser: counts.meta({ description: 'privileged user name (as logged) → attempts, top 100' }),
      byClient: counts.meta({ description: 'top 100 clients' }),
    }).meta({ description: 'login attempts (ok or failed) with a privileged user name, compared without case' }),
    bruteForce: z.object({
      rule: z
        .object({
          failures: z.number().int().positive().meta({ description: 'failed logins from one client that make a window' }),
          windowSeconds: z.number().positive().meta({ description: 'time span those failures must fall within, in seconds' }),
          preset: z.string().nullable().meta({ description: 'name of the preset the numbers come from (zeek, wazuh); null for a custom rule' }),
        })
        .nullable()
        .meta({ description: 'failures from one client within the window that make a brute-force window' }),
      windows: z.array(bruteForceWindowSchema).meta({ description: 'at most 1000, by start time' }),
      windowsDropped: z.number().int().nonnegative().meta({ description: 'windows left out beyond the 1000 kept (those with the fewest failures)' }),
      offenders: z.array(z.string()).meta({ description: 'clients with at least one window, sorted' }),
    }).meta({ description: 'clients with many failed logins in a short time; failed logins without a time are not counted here' }),
  })
  .meta({ title: 'Security', description: 'failed and privileged logins and brute-force windows, after filters' })

/** The security section of a report that has none (reports written before it existed). */
export const emptySecurityReport = (): z.infer<typeof securitySchema> => ({
  failedLogins: 0,
  failedByClient: {},
  failedByUser: {},
  privileged: { attempts: 0, failed: 0, succeeded: 0, byUser: {}, byClient: {} },
  bruteForce: { rule: null, windows: [], windowsDropped: 0, offenders: [] },
})

/** `report.timeline`: server replies by class over time, for charts. */
export const timelineSchema = z
  .object({
    bucketMs: z.number().int().nonnegative().meta({ description: 'bucket size in ms; 0 when no reply had a time' }),
    buckets: z.array(z.object({ start: isoTime.meta({ description: 'start of the bucket, ISO 8601 UTC' }), replies: counts.meta({ description: 'reply class digit (1–5) → replies' }) }))
      .max(200)
      .meta({ description: 'non-empty buckets by start time' }),
  })
  .meta({ title: 'Timeline', description: 'server replies by class over time, at most 200 non-empty buckets, sorted' })

/** The finished report: the only input of formatters, and the JSON contract scripts rely on. */
export const reportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION).meta({ description: 'version of the report format; changes only when a change breaks consumers' }),
    tool: z
      .object({ name: z.literal('ftplog').meta({ description: 'always "ftplog"' }), version: z.string().meta({ description: 'version of ftplog that wrote the report' }) })
      .meta({ description: 'the program that wrote the report' }),
    verdict: z.object({
      status: z.enum(['pass', 'fail', 'error']).meta({
        description: 'error: an input could not be read; fail: incidents at or above failOn; pass: neither',
      }),
      exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]).meta({ description: 'process exit code: 0 pass, 1 fail, 2 error' }),
      failOn: z.string().meta({ description: 'the --fail-on rule applied' }),
      failingIncidents: z.number().int().nonnegative().meta({ description: 'incidents the failOn rule selects (its severity or above, or its causes or reply codes)' }),
      maxIncidents: z.number().int().nonnegative().nullable().default(null).meta({
        description: '--max-incidents: failing incidents allowed before the run fails; null = none allowed',
      }),
      maxUnrecognized: z.number().min(0).max(1).nullable().default(null).meta({
        description: '--max-unrecognized: largest share of unrecognized lines allowed per input; null = not checked',
      }),
      reasons: z.array(verdictReasonSchema).default(() => []).meta({ description: 'why the status is not pass' }),
    }).meta({ description: 'whether the run passed its gates, and why not' }),
    timeRange: z
      .object({ first: isoTime.meta({ description: 'earliest line time over all inputs, ISO 8601 UTC' }), last: isoTime.meta({ description: 'latest line time over all inputs, ISO 8601 UTC' }) })
      .nullable()
      .meta({ description: 'span of the recognised lines of all inputs, filters not applied; null when no line had a time' }),
    inputs: z.array(inputReportSchema),
    notices: z
      .array(z.string())
      .default(() => [])
      .meta({ description: 'warnings about the inputs as a whole, such as the same file named twice (read once); untrusted paths' }),
    totals: z
      .object({
        lines: z.number().int().nonnegative().meta({ description: 'lines read over all analysed inputs; skipped inputs count none' }),
        recognizedLines: z.number().int().nonnegative().meta({ description: 'recognizedLines summed over the inputs' }),
        unrecognizedLines: z.number().int().nonnegative().meta({ description: 'unrecognizedLines summed over the inputs' }),
        replies: z.record(z.string(), z.number().int()).meta({ description: 'reply code → count of server replies (multi-line replies count once)' }),
        repliesByClass: z.record(z.string(), z.number().int()).meta({ description: 'first digit → count' }),
        incidents: z.number().int().nonnegative().meta({ description: 'incidents in the report (after filters)' }),
        incidentsBySeverity: z
          .object({
            error: z.number().int().meta({ description: 'incidents of severity error' }),
            warning: z.number().int().meta({ description: 'incidents of severity warning' }),
            notice: z.number().int().meta({ description: 'incidents of severity notice' }),
          })
          .meta({ description: 'incidents by severity' }),
      })
      .meta({ description: 'sums over all inputs; replies cover every line, incidents are after filters' }),
    incidents: z.array(incidentSchema),
    sessions: z
      .object({
        total: z.number().int().meta({ description: 'control connections seen (logged as opened, or inferred from their first line)' }),
        loggedIn: z.number().int().meta({ description: 'sessions with at least one successful login' }),
        peakConcurrent: peakConcurrentSchema.default(emptyPeakConcurrent),
        longestSilence: longestSilenceSchema.default(() => []),
      })
      .meta({ description: 'control connections over all inputs; filters not applied' }),
    logins: z.object({
      ok: z.number().int().meta({ description: 'successful logins: login records, or 230/232 replies' }),
      failed: z.number().int().meta({ description: 'failed logins: login records, or 530 replies refusing a login' }),
      failedByClient: z.record(z.string(), z.number().int()).meta({ description: 'top 100 clients by failed logins' }),
      failedByUser: z.record(z.string(), z.number().int()).meta({ description: 'top 100 user names by failed logins' }),
    }).meta({ description: 'login attempts over all inputs; filters not applied (see security)' }),
    transfers: z.object({
      completed: z.number().int().meta({ description: 'transfers that completed: uploads + downloads' }),
      incomplete: z.number().int().meta({ description: 'transfers that started but did not complete' }),
      failedToStart: z.number().int().meta({ description: 'transfer commands refused before any data moved (550, 553, 425…)' }),
      uploads: z.number().int().meta({ description: 'completed uploads' }),
      downloads: z.number().int().meta({ description: 'completed downloads' }),
      deletes: z.number().int().meta({ description: "deleted files: xferlog `d` records, vsftpd `OK DELETE` lines, successful replies to DELE (one per delete when paired logs both record it)" }),
      bytesIn: z.number().int().meta({ description: 'bytes of completed uploads' }),
      bytesOut: z.number().int().meta({ description: 'bytes of completed downloads' }),
      partialBytes: z.number().int().meta({ description: 'bytes moved by transfers that did not complete' }),
    }).meta({ description: 'file transfers and deletes over all inputs; filters not applied' }),
    fileOps: z
      .object({ ok: z.number().int().meta({ description: 'file operations that succeeded' }), failed: z.number().int().meta({ description: 'file operations that failed' }) })
      .meta({ description: 'file operations (delete, make or remove directory, rename, chmod): vsftpd OK/FAIL MKDIR, RMDIR, DELETE, RENAME, CHMOD lines, or the final replies to DELE, MKD, RMD, RNTO, SITE CHMOD in logs counted from replies' }),
    filters: filtersSchema.nullable().default(null),
    timeline: timelineSchema.default(() => ({ bucketMs: 0, buckets: [] })),
    security: securitySchema.default(emptySecurityReport),
    top: z
      .object({
        clients: counts.meta({ description: 'client address → incident events, top 20' }),
        users: counts.meta({ description: 'user name → incident events, top 20' }),
        files: counts.meta({ description: 'file path → incident events, top 20' }),
      })
      .default(() => ({ clients: {}, users: {}, files: {} }))
      .meta({ description: 'who and what the incidents touched most' }),
    approximateCounts: z
      .record(z.string(), z.number().int().positive())
      .optional()
      .meta({
        description:
          `present only when some client, user or file table met more distinct keys than it keeps (${BOUND}): JSON Pointer of each table or list concerned ` +
          '(/logins/failedByClient, /top/clients, /incidents/3/files…) → the most any of its counts may overstate the true count, in events. ' +
          'Such a table keeps its heavy hitters by the Space-Saving algorithm: a listed count is at least the true count, a key not listed had at most that many events, ' +
          `and the error is at most events / ${BOUND} (a top table: the sum of its incidents' errors). Absent: every count is exact`,
      }),
    redacted: z.boolean().default(false).meta({ description: 'addresses, user names and paths were replaced by keyed hashes (--redact)' }),
  })
  .meta({ title: 'ftplog report', description: 'The JSON report of `ftplog analyze -f json`.' })

export type Report = z.infer<typeof reportSchema>
export type ReportIncident = z.infer<typeof incidentSchema>
export type ReportInput = z.infer<typeof inputReportSchema>
export type ReportSample = z.infer<typeof sampleSchema>
/** `report.verdict`: status, exit code, the gates applied and why the run did not pass. */
export type ReportVerdict = Report['verdict']
/** One entry of `report.verdict.reasons`. */
export type VerdictReason = z.infer<typeof verdictReasonSchema>
/** `report.filters` when filters were applied. */
export type ReportFilters = z.infer<typeof filtersSchema>
/** `report.security`. */
export type ReportSecurity = z.infer<typeof securitySchema>
/** `report.timeline`. */
export type ReportTimeline = z.infer<typeof timelineSchema>
/** One window of `report.security.bruteForce.windows` (times as ISO strings). */
export type BruteForceWindowReport = z.infer<typeof bruteForceWindowSchema>
