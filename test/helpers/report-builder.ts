import { reportSchema, type Report, type ReportIncident, type ReportInput } from '../../src/report/report-schema.js'
import { emptyPeakConcurrent } from '../../src/report/settings-schema.js'

// Hand-made reports for the formatters' golden files: every figure is written here, so a golden
// changes only when a formatter's rendering changes, never when the analyzer or the bundled data
// (catalog texts, advice) does. Built through reportSchema, so a report-shape change fails here.

type AdviceInput = Omit<ReportIncident['advice'], 'settings' | 'evidence'> & Partial<Pick<ReportIncident['advice'], 'settings' | 'evidence'>>
type IncidentInput = Partial<Omit<ReportIncident, 'advice'>> & Pick<ReportIncident, 'cause' | 'severity' | 'code' | 'events' | 'firstSeen'> & { advice?: AdviceInput }

/** An incident with plausible defaults for what the test does not care about. */
export function incident(i: IncidentInput): ReportIncident {
  const codes = i.codes ?? { [String(i.code ?? 'none')]: i.events }
  return {
    id: `${i.server ?? 'vsftpd'}/${i.cause}/${i.firstSeen}`,
    server: 'vsftpd',
    serverFamily: 'vsftpd',
    title: `Title of ${i.cause}`,
    description: `What ${i.cause} means.`,
    lastSeen: i.firstSeen,
    clients: [],
    users: [],
    files: [],
    bytesLost: 0,
    clientSideEvents: 0,
    samples: [],
    matchedBy: [],
    ...i,
    advice: { settings: [], evidence: null, ...(i.advice ?? { summary: `What to do about ${i.cause}.`, steps: [], directives: [] }) },
    codes,
  }
}

/** An input that was read cleanly with every line recognised. */
export function input(i: Partial<ReportInput> & Pick<ReportInput, 'path' | 'lines'>): ReportInput {
  return {
    logFormat: 'vsftpd',
    detection: 'detected',
    bytes: i.lines * 100,
    recognizedLines: i.lines,
    unrecognizedLines: 0,
    notFtpLines: 0,
    skippedLines: 0,
    overlongLines: 0,
    recognizedRatio: i.lines === 0 ? null : 1,
    timeRule: null,
    firstSeen: null,
    lastSeen: null,
    unrecognizedSamples: [],
    error: null,
    status: 'analyzed',
    skipReason: null,
    pairedWith: [],
    ...i,
  }
}

/**
 * A report around `inputs` and `incidents`: totals (with `rest.replies`) and the verdict
 * (`--fail-on error`) are derived from them, everything else comes from `rest`.
 */
export function report(inputs: ReportInput[], incidents: ReportIncident[], rest: Partial<Omit<Report, 'totals'>> & { replies?: Record<string, number> } = {}): Report {
  const { replies = {}, ...others } = rest
  const byClass: Record<string, number> = {}
  for (const [code, n] of Object.entries(replies)) byClass[code[0]!] = (byClass[code[0]!] ?? 0) + n
  const failing = incidents.filter((i) => i.severity === 'error').length
  const times = incidents.flatMap((i) => [i.firstSeen, i.lastSeen]).filter((t): t is string => t !== null).sort()
  return reportSchema.parse({
    schemaVersion: 1,
    tool: { name: 'ftplog', version: '0.1.0' },
    verdict: {
      status: failing > 0 ? 'fail' : 'pass',
      exitCode: failing > 0 ? 1 : 0,
      failOn: 'error',
      failingIncidents: failing,
      reasons: failing > 0 ? [{ rule: 'fail-on', message: `${failing} incident${failing === 1 ? '' : 's'} at or above --fail-on error`, path: null }] : [],
    },
    timeRange: times.length > 0 ? { first: times[0], last: times.at(-1) } : null,
    inputs,
    totals: {
      lines: inputs.reduce((n, i) => n + i.lines, 0),
      recognizedLines: inputs.reduce((n, i) => n + i.recognizedLines, 0),
      unrecognizedLines: inputs.reduce((n, i) => n + i.unrecognizedLines, 0),
      replies,
      repliesByClass: byClass,
      incidents: incidents.length,
      incidentsBySeverity: {
        error: incidents.filter((i) => i.severity === 'error').length,
        warning: incidents.filter((i) => i.severity === 'warning').length,
        notice: incidents.filter((i) => i.severity === 'notice').length,
      },
    },
    incidents,
    sessions: { total: 0, loggedIn: 0, peakConcurrent: emptyPeakConcurrent(), longestSilence: [] },
    logins: { ok: 0, failed: 0, failedByClient: {}, failedByUser: {} },
    transfers: { completed: 0, incomplete: 0, failedToStart: 0, uploads: 0, downloads: 0, deletes: 0, bytesIn: 0, bytesOut: 0, partialBytes: 0 },
    fileOps: { ok: 0, failed: 0 },
    ...others,
  })
}

const T = '2024-01-15T10:'
/** Three incidents on a vsftpd log (a 426 mid-download, two 421 per-IP refusals, a 421 login timeout) and a clean xferlog. */
export function incidentsReport(): Report {
  const log = 'fixtures/edge/vsftpd-incidents.log'
  return report(
    [
      input({ path: log, lines: 28, bytes: 2990, timeRule: 'wall-clock times read as UTC; pass --timezone if the log is in local time', firstSeen: `${T}00:00.000Z`, lastSeen: `${T}11:00.000Z` }),
      input({ path: 'fixtures/edge/clean-xferlog.log', logFormat: 'xferlog', lines: 4, bytes: 420, firstSeen: `${T}20:00.000Z`, lastSeen: `${T}21:00.000Z` }),
    ],
    [
      incident({
        cause: 'data-connection-lost',
        severity: 'error',
        code: 426,
        events: 1,
        firstSeen: `${T}02:45.000Z`,
        title: 'Data connection lost mid-transfer',
        description: 'The data connection closed or was reset while a transfer was running.',
        clients: ['192.0.2.10'],
        users: ['alice'],
        files: ['/home/alice/big.iso'],
        bytesLost: 52428800,
        samples: [{ path: log, line: 19, time: `${T}02:45.000Z`, text: 'Mon Jan 15 10:02:45 2024 [pid 2102] [alice] FTP response: Client "192.0.2.10", "426 Failure writing network stream."' }],
        matchedBy: [{ id: 'vsftpd-write-network-stream', events: 1 }],
        advice: {
          summary: 'Writing to the data connection failed: the client closed or reset it.',
          steps: ['Check whether the client aborted.', 'Look for a firewall or NAT timeout on long transfers.'],
          directives: [{ name: 'data_connection_timeout', default: '300' }],
        },
      }),
      incident({
        cause: 'capacity',
        severity: 'error',
        code: 421,
        events: 2,
        firstSeen: `${T}05:00.000Z`,
        lastSeen: `${T}05:01.000Z`,
        title: 'Connection limit reached',
        description: 'The server refused new connections: a per-IP limit was reached.',
        clients: ['198.51.100.7'],
        samples: [{ path: log, line: 23, time: `${T}05:00.000Z`, text: 'Mon Jan 15 10:05:00 2024 [pid 2201] FTP response: Client "198.51.100.7", "421 There are too many connections from your internet address."' }],
        matchedBy: [{ id: 'vsftpd-max-per-ip', events: 2 }],
        advice: {
          summary: 'One address opened more connections than max_per_ip allows.',
          steps: ['Lower the client\'s parallel connections.', 'Raise max_per_ip if the load is legitimate.'],
          directives: [{ name: 'max_per_ip', default: '50', note: 'standalone mode only' }],
          settings: [
            {
              directive: 'max_per_ip',
              configured: '3',
              source: 'vsftpd.conf:34',
              isDefault: false,
              default: '50',
              unit: 'count',
              recommended: '6',
              reason: '198.51.100.7 held 3 sessions at both refusals (10:05:00, 10:05:01); recommended 2 × 3 = 6',
            },
          ],
          evidence: {
            events: 2,
            max: { 'per-client': { value: 3, at: `${T}05:00.000Z` }, total: { value: 3, at: `${T}05:00.000Z` } },
            min: { 'per-client': 3, total: 3 },
            examples: [
              { at: `${T}05:00.000Z`, client: '198.51.100.7', user: null, values: { 'per-client': 3, total: 3 } },
              { at: `${T}05:01.000Z`, client: '198.51.100.7', user: null, values: { 'per-client': 3, total: 3 } },
            ],
            uncutLongestGapSeconds: 2,
            uncutLongestGapAt: `${T}01:02.000Z`,
          },
        },
      }),
      incident({
        cause: 'login-timeout',
        severity: 'notice',
        code: 421,
        events: 1,
        firstSeen: `${T}11:00.000Z`,
        title: 'Login timeout',
        description: 'The client connected but did not log in in time.',
        clients: ['203.0.113.5'],
        samples: [{ path: log, line: 28, time: `${T}11:00.000Z`, text: 'Mon Jan 15 10:11:00 2024 [pid 2301] FTP response: Client "203.0.113.5", "421 Timeout."' }],
        matchedBy: [{ id: 'vsftpd-timeout', events: 1 }],
        advice: { summary: 'Usually a scanner or a client stuck before USER.', steps: ['Nothing to do unless real users report it.'], directives: [{ name: 'idle_session_timeout', default: '300' }] },
      }),
    ],
    {
      replies: { '150': 2, '220': 2, '221': 1, '226': 1, '227': 2, '230': 1, '331': 1, '421': 3, '426': 1 },
      sessions: {
        total: 4,
        loggedIn: 1,
        peakConcurrent: { global: 3, at: `${T}04:58.000Z`, byClient: [{ client: '198.51.100.7', peak: 3, at: `${T}04:58.000Z` }], estimated: true, endsNotLogged: 1, sessionlessInputs: 0 },
        longestSilence: [{ server: 'vsftpd', seconds: 2, at: `${T}01:02.000Z` }],
      },
      logins: { ok: 1, failed: 0, failedByClient: {}, failedByUser: {} },
      transfers: { completed: 1, incomplete: 1, failedToStart: 0, uploads: 0, downloads: 1, deletes: 0, bytesIn: 0, bytesOut: 1048576, partialBytes: 52428800 },
      timeline: {
        bucketMs: 60000,
        buckets: [
          { start: `${T}00:00.000Z`, replies: { '1': 2, '2': 5, '3': 1, '4': 0, '5': 0 } },
          { start: `${T}02:00.000Z`, replies: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 0 } },
          { start: `${T}05:00.000Z`, replies: { '1': 0, '2': 0, '3': 0, '4': 2, '5': 0 } },
          { start: `${T}11:00.000Z`, replies: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 } },
        ],
      },
      top: { clients: { '198.51.100.7': 2, '192.0.2.10': 1, '203.0.113.5': 1 }, users: { alice: 1 }, files: { '/home/alice/big.iso': 1 } },
    },
  )
}

/** A vsftpd log with failed logins from two clients, one of them a brute-force offender. */
export function bruteForceReport(): Report {
  const log = 'fixtures/edge/vsftpd-bruteforce.log'
  return report([input({ path: log, lines: 40, bytes: 3900, firstSeen: '2024-01-15T09:00:00.000Z', lastSeen: '2024-01-15T09:03:00.000Z' })], [], {
    replies: { '220': 12, '331': 12, '530': 11, '230': 1 },
    sessions: { total: 12, loggedIn: 1, peakConcurrent: emptyPeakConcurrent(), longestSilence: [] },
    logins: { ok: 1, failed: 11, failedByClient: { '198.51.100.23': 9, '192.0.2.44': 2 }, failedByUser: { root: 6, admin: 3, bob: 2 } },
    security: {
      failedLogins: 11,
      failedByClient: { '198.51.100.23': 9, '192.0.2.44': 2 },
      failedByUser: { root: 6, admin: 3, bob: 2 },
      privileged: { attempts: 9, failed: 9, succeeded: 0, byUser: { root: 6, admin: 3 }, byClient: { '198.51.100.23': 9 } },
      bruteForce: {
        rule: { failures: 8, windowSeconds: 120, preset: 'wazuh' },
        windows: [{ client: '198.51.100.23', start: '2024-01-15T09:00:05.000Z', end: '2024-01-15T09:01:10.000Z', failures: 9, users: ['root', 'admin'], path: log }],
        windowsDropped: 0,
        offenders: ['198.51.100.23'],
      },
    },
  })
}
