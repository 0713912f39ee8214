import { z } from 'zod'
import { causeSchema } from '../model/cause.js'
import { serverFamilySchema } from '../model/server-family.js'
import { severitySchema } from '../model/severity.js'

/** Version of the JSON report. Bumped on any change that breaks a consumer. */
export const REPORT_SCHEMA_VERSION = 1

const isoTime = z.string().meta({ description: 'ISO 8601 time in UTC' })

export const sampleSchema = z
  .object({
    path: z.string().meta({ description: 'input path as given; "-" for standard input' }),
    line: z.number().int().positive().meta({ description: '1-based line number' }),
    time: isoTime.nullable(),
    text: z.string().meta({ description: 'the raw line, capped at 500 characters; untrusted log content' }),
  })
  .meta({ title: 'Sample' })

export const directiveRefSchema = z.object({
  name: z.string(),
  default: z.string().optional(),
  note: z.string().optional(),
})

export const incidentSchema = z
  .object({
    id: z.string().meta({ description: 'stable id: server, cause and first time' }),
    server: z.string().meta({ description: 'syslog host when the log names one, else the server family' }),
    serverFamily: serverFamilySchema,
    code: z.number().int().nullable().meta({ description: 'the most frequent reply code of its events; null when logged without a code' }),
    codes: z.record(z.string(), z.number().int()).meta({ description: 'reply code (or "none") → events' }),
    cause: causeSchema,
    title: z.string(),
    description: z.string(),
    severity: severitySchema,
    events: z.number().int().positive(),
    firstSeen: isoTime.nullable(),
    lastSeen: isoTime.nullable(),
    clients: z.array(z.string()).meta({ description: 'client addresses by event count, at most 20' }),
    users: z.array(z.string()),
    files: z.array(z.string()),
    bytesLost: z.number().int().nonnegative().meta({ description: 'bytes of transfers that did not complete' }),
    clientSideEvents: z.number().int().nonnegative().meta({ description: 'events printed by a client rather than sent by the server' }),
    samples: z.array(sampleSchema).max(5),
    matchedBy: z.array(z.object({ id: z.string(), events: z.number().int() })).meta({
      description: 'catalog entries and rules that classified the events',
    }),
    advice: z.object({
      summary: z.string(),
      steps: z.array(z.string()),
      directives: z.array(directiveRefSchema),
    }),
  })
  .meta({ title: 'Incident' })

export const inputReportSchema = z
  .object({
    path: z.string(),
    logFormat: z.string().nullable(),
    detection: z.enum(['detected', 'forced', 'none']),
    bytes: z.number().int().nonnegative(),
    lines: z.number().int().nonnegative(),
    recognizedLines: z.number().int().nonnegative(),
    unrecognizedLines: z.number().int().nonnegative(),
    notFtpLines: z.number().int().nonnegative(),
    skippedLines: z.number().int().nonnegative().meta({ description: 'blank lines and lines over --max-line-bytes' }),
    overlongLines: z.number().int().nonnegative(),
    recognizedRatio: z.number().min(0).max(1).nullable().meta({
      description: '(recognized + notFtp) / (lines - skipped); null for an empty input',
    }),
    timeRule: z.string().nullable(),
    firstSeen: isoTime.nullable(),
    lastSeen: isoTime.nullable(),
    unrecognizedSamples: z.array(z.object({ line: z.number().int(), text: z.string() })),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
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
  })
  .meta({ title: 'Input' })

/** Why a run did not pass: one entry per gate that tripped. */
export const verdictReasonSchema = z
  .object({
    rule: z.enum(['input-error', 'fail-on', 'max-incidents', 'max-unrecognized']),
    message: z.string(),
    path: z.string().nullable().meta({ description: 'the input concerned, for input-error and max-unrecognized' }),
  })
  .meta({ title: 'VerdictReason' })

const counts = z.record(z.string(), z.number().int())

/** `report.filters`: the event filters a run applied (see `EventFilter`). */
export const filtersSchema = z
  .object({
    since: isoTime.nullable(),
    until: isoTime.nullable(),
    clients: z.array(z.string()),
    users: z.array(z.string()),
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
    client: z.string(),
    start: isoTime,
    end: isoTime,
    failures: z.number().int().positive(),
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
      failed: z.number().int().nonnegative(),
      succeeded: z.number().int().nonnegative(),
      byUser: counts,
      byClient: counts.meta({ description: 'top 100 clients' }),
    }),
    bruteForce: z.object({
      rule: z
        .object({
          failures: z.number().int().positive(),
          windowSeconds: z.number().positive(),
          preset: z.string().nullable(),
        })
        .nullable()
        .meta({ description: 'failures from one client within the window that make a brute-force window' }),
      windows: z.array(bruteForceWindowSchema).meta({ description: 'at most 1000, by start time' }),
      windowsDropped: z.number().int().nonnegative(),
      offenders: z.array(z.string()).meta({ description: 'clients with at least one window, sorted' }),
    }),
  })
  .meta({ title: 'Security' })

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
    buckets: z.array(z.object({ start: isoTime, replies: counts.meta({ description: 'reply class digit (1–5) → replies' }) })).max(200),
  })
  .meta({ title: 'Timeline', description: 'server replies by class over time, at most 200 non-empty buckets, sorted' })

/** The finished report: the only input of formatters, and the JSON contract scripts rely on. */
export const reportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('ftplog'), version: z.string() }),
    verdict: z.object({
      status: z.enum(['pass', 'fail', 'error']).meta({
        description: 'error: an input could not be read; fail: incidents at or above failOn; pass: neither',
      }),
      exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
      failOn: z.string().meta({ description: 'the --fail-on rule applied' }),
      failingIncidents: z.number().int().nonnegative(),
      maxIncidents: z.number().int().nonnegative().nullable().default(null).meta({
        description: '--max-incidents: failing incidents allowed before the run fails; null = none allowed',
      }),
      maxUnrecognized: z.number().min(0).max(1).nullable().default(null).meta({
        description: '--max-unrecognized: largest share of unrecognized lines allowed per input; null = not checked',
      }),
      reasons: z.array(verdictReasonSchema).default(() => []).meta({ description: 'why the status is not pass' }),
    }),
    timeRange: z.object({ first: isoTime, last: isoTime }).nullable(),
    inputs: z.array(inputReportSchema),
    notices: z
      .array(z.string())
      .default(() => [])
      .meta({ description: 'warnings about the inputs as a whole, such as the same file named twice (read once); untrusted paths' }),
    totals: z.object({
      lines: z.number().int().nonnegative(),
      recognizedLines: z.number().int().nonnegative(),
      unrecognizedLines: z.number().int().nonnegative(),
      replies: z.record(z.string(), z.number().int()).meta({ description: 'reply code → count of server replies (multi-line replies count once)' }),
      repliesByClass: z.record(z.string(), z.number().int()).meta({ description: 'first digit → count' }),
      incidents: z.number().int().nonnegative(),
      incidentsBySeverity: z.object({ error: z.number().int(), warning: z.number().int(), notice: z.number().int() }),
    }),
    incidents: z.array(incidentSchema),
    sessions: z.object({ total: z.number().int(), loggedIn: z.number().int() }),
    logins: z.object({
      ok: z.number().int(),
      failed: z.number().int(),
      failedByClient: z.record(z.string(), z.number().int()).meta({ description: 'top 100 clients by failed logins' }),
      failedByUser: z.record(z.string(), z.number().int()).meta({ description: 'top 100 user names by failed logins' }),
    }),
    transfers: z.object({
      completed: z.number().int(),
      incomplete: z.number().int().meta({ description: 'transfers that started but did not complete' }),
      failedToStart: z.number().int().meta({ description: 'transfer commands refused before any data moved (550, 553, 425…)' }),
      uploads: z.number().int(),
      downloads: z.number().int(),
      deletes: z.number().int().meta({ description: "deleted files: xferlog `d` records, vsftpd `OK DELETE` lines, successful replies to DELE (one per delete when paired logs both record it)" }),
      bytesIn: z.number().int().meta({ description: 'bytes of completed uploads' }),
      bytesOut: z.number().int().meta({ description: 'bytes of completed downloads' }),
      partialBytes: z.number().int().meta({ description: 'bytes moved by transfers that did not complete' }),
    }),
    fileOps: z
      .object({ ok: z.number().int(), failed: z.number().int() })
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
