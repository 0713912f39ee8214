// ProFTPD writes the same sessions to ExtendedLogs in several LogFormats (servers.ts,
// PROFTPD_EXTENDED_LOGS) and to its TraceLog. This checks what ftplog reads from each ExtendedLog
// (without --template, or with it where the entry says so) against the TraceLog of the same run (every reply ProFTPD sent) and against
// the causes the scenarios induced. The ExtendedLog differs from the TraceLog in a few classes of
// replies, ProFTPD's doing; the expected counts are the TraceLog's minus exactly those classes
// (DIFFERENCES), each counted from the TraceLog itself.
import { readFileSync } from 'node:fs'
import { ftplogReport } from './ftplog-check'
import { splitLines } from './log-facts'
import type { LabRun } from './run-lab'
import { scenarioById, type ScenarioId } from './scenarios'
import type { ProftpdExtendedLog } from './servers'

/** One reply in the TraceLog (`<response:1>:` lines; a multi-line reply counts once, at its `NNN text` line). */
export interface TraceReply {
  readonly pid: number
  readonly code: number
  readonly text: string
  /** sent by a timer or the data-transfer code, not as the answer to a command (`async: `) */
  readonly async: boolean
  /** first / last reply of its session (pid) */
  readonly first: boolean
  readonly last: boolean
  /** the session's previous reply was `226 Abort successful` */
  readonly afterAbort: boolean
}

export function traceReplies(trace: string): TraceReply[] {
  const raw: { pid: number; code: number; text: string; async: boolean }[] = []
  for (const line of splitLines(trace)) {
    const m = /^\S+ \S+ \[(\d+)\] <response:1>: (async: )?(\d{3}) (.*?)\r?$/.exec(line)
    if (m !== null) raw.push({ pid: Number(m[1]), code: Number(m[3]), text: m[4] ?? '', async: m[2] !== undefined })
  }
  return raw.map((r, i) => {
    const before = raw.slice(0, i).filter((x) => x.pid === r.pid)
    return {
      ...r,
      first: before.length === 0,
      last: !raw.slice(i + 1).some((x) => x.pid === r.pid),
      afterAbort: before.at(-1)?.code === 226 && before.at(-1)?.text === 'Abort successful',
    }
  })
}

/** A class of replies in which an ExtendedLog differs from the TraceLog, and how it differs. */
interface Difference {
  readonly id: string
  /** the replies of the class, found in the TraceLog */
  readonly matches: (r: TraceReply) => boolean
  /** what the ExtendedLog has for each of them, instead of the reply itself */
  readonly instead: (r: TraceReply) => readonly number[]
  /** only LogFormats of this kind differ this way */
  readonly only?: 'custom'
}

/**
 * The documented differences (docs/real-servers.md, "ProFTPD's ExtendedLog in four LogFormats").
 * Every other reply of the TraceLog is one ExtendedLog line with its code.
 */
export const DIFFERENCES: readonly Difference[] = [
  // The greeting is sent before any command: no command, no ExtendedLog line.
  { id: 'banner-220', matches: (r) => r.first && r.code === 220, instead: () => [] },
  // One ExtendedLog line per command, with its last reply: the 150 before a transfer's 226/426 is not logged...
  { id: '150-mark', matches: (r) => r.code === 150 && !r.last, instead: () => [] },
  // ...unless the session ends during the transfer (TimeoutStalled): the RETR is logged with its 150
  // (%{transfer-status} timeout) and, at session end, again with a 426 that was never sent.
  { id: 'stalled-150', matches: (r) => r.code === 150 && r.last, instead: () => [150, 426] },
  // An ABOR during a download is answered `226 Abort successful` first and the RETR's 426 second:
  // the RETR is then logged with `-` (and the ABOR with 226, %{transfer-status} cancelled).
  { id: 'abor-426', matches: (r) => r.code === 426 && r.afterAbort, instead: () => [] },
  // The timers' 421s answer no command; the EXIT line's %E says which timer ended the session.
  { id: 'timer-421', matches: (r) => r.async && r.code === 421, instead: () => [] },
  // LANG is not logged and OPTS is logged with `-` in a custom LogFormat; in the default one
  // ProFTPD logs LANG and the internal OPTS_UTF8 / OPTS_MLST with the 200 the client got.
  { id: 'lang-opts-200', matches: (r) => /^(Using (default )?language |UTF8 set to |MLST OPTS )/.test(r.text), instead: () => [], only: 'custom' },
]

/** Reply counts an ExtendedLog in `log`'s LogFormat must hold, from the TraceLog of the same run. */
export function expectedFromTrace(replies: readonly TraceReply[], log: ProftpdExtendedLog): { counts: Record<string, number>; applied: Record<string, number> } {
  const counts: Record<string, number> = {}
  const applied: Record<string, number> = {}
  const add = (code: number): void => {
    counts[String(code)] = (counts[String(code)] ?? 0) + 1
  }
  for (const r of replies) {
    const d = DIFFERENCES.find((x) => (x.only !== 'custom' || log.name !== null) && x.matches(r))
    if (d === undefined) {
      add(r.code)
      continue
    }
    applied[d.id] = (applied[d.id] ?? 0) + 1
    for (const c of d.instead(r)) add(c)
  }
  return { counts: sortCodes(counts), applied }
}

const sortCodes = (c: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0).sort(([a], [b]) => Number(a) - Number(b)))

/**
 * The causes ftplog must give each scenario that induced an incident, by what the LogFormat can
 * show. With %S and %E (`ALL,EXIT`) every one is classified; the default LogFormat has neither: no
 * EXIT line (the timeouts leave no line), no reply text (a 530 for MaxClients is a refused login,
 * a stall's or ftplib's abort's 426 a lost data connection).
 */
const CAUSES: Readonly<Record<'rich' | 'default', Partial<Record<ScenarioId, readonly string[]>>>> = {
  rich: {
    'per-ip-limit': ['capacity'],
    'global-limit': ['capacity'],
    'instance-limit': [],
    'login-timeout': ['login-timeout'],
    'idle-timeout': ['idle-timeout'],
    'no-transfer-timeout': ['no-transfer-timeout'],
    'stalled-download': ['data-timeout'],
    'abort-download': ['client-abort'],
    'abort-download-ftplib': ['client-abort'],
    'killed-client-download': ['data-connection-lost'],
    'reset-data-download': ['data-connection-lost'],
    // no 425: ProFTPD waits for the data connection until TimeoutStalled ends the session
    'pasv-no-connect': ['data-timeout'],
    'port-refused': ['data-connection-failed'],
  },
  default: {
    'per-ip-limit': [],
    'global-limit': [],
    'instance-limit': [],
    'login-timeout': [],
    'idle-timeout': [],
    'no-transfer-timeout': [],
    'stalled-download': ['data-connection-lost'],
    // `ABOR` 226 and the RETR with `-`: nothing failed, as far as the line shows
    'abort-download': [],
    'abort-download-ftplib': ['data-connection-lost'],
    'killed-client-download': ['data-connection-lost'],
    'reset-data-download': ['data-connection-lost'],
    'pasv-no-connect': [],
    'port-refused': ['data-connection-failed'],
  },
}

export interface LogFormatResult {
  readonly file: string
  readonly logFormat: string
  readonly detected: string | null
  readonly lines: number
  readonly recognized: number
  /** every reply of the TraceLog, per code */
  readonly trace: Record<string, number>
  readonly replies: Record<string, number>
  readonly expected: Record<string, number>
  readonly differences: Record<string, number>
  /** scenario → causes ftplog gave the events of its client addresses */
  readonly causes: Record<string, string[]>
  readonly problems: string[]
}

/**
 * Reads `log` of `run` with ftplog (no option, or `--template` for a log read with it) and
 * compares it with the TraceLog and the scenarios.
 */
export async function checkLogFormat(run: LabRun, log: ProftpdExtendedLog): Promise<LogFormatResult> {
  const path = run.logs[log.file]
  const trace = run.logs['trace.log']
  if (path === undefined || trace === undefined) throw new Error(`${run.runId}: no ${log.file} or trace.log`)
  const template = log.readWith === 'template'
  const r = await ftplogReport(path, template ? log.logFormat : undefined)
  const input = r.inputs[0]!
  const problems: string[] = []
  const where = `${run.server}/${run.runId}/${log.file}`
  const [wantFormat, wantDetection] = template ? ['proftpd-template', 'forced'] : ['proftpd-extended', 'detected']
  if (input.logFormat !== wantFormat || input.detection !== wantDetection) problems.push(`${where}: read as ${input.logFormat} (${input.detection}), expected ${wantFormat}, ${wantDetection}`)
  if (input.recognizedLines < 0.99 * input.lines) problems.push(`${where}: ${input.recognizedLines} of ${input.lines} lines recognised (< 99%)`)
  const sent = traceReplies(readFileSync(trace, 'utf8'))
  const { counts, applied } = expectedFromTrace(sent, log)
  const traceCounts: Record<string, number> = {}
  for (const x of sent) traceCounts[String(x.code)] = (traceCounts[String(x.code)] ?? 0) + 1
  const replies = sortCodes(r.totals.replies)
  if (JSON.stringify(replies) !== JSON.stringify(counts)) problems.push(`${where}: replies ${JSON.stringify(replies)}, the TraceLog less its documented differences ${JSON.stringify(applied)} gives ${JSON.stringify(counts)}`)

  const table = CAUSES[log.classes === 'ALL,EXIT' ? 'rich' : 'default']
  const causes: Record<string, string[]> = {}
  for (const t of run.timeline) {
    const want = table[t.scenario as ScenarioId]
    const got = [...new Set(r.incidents.filter((i) => i.clients.some((c) => t.sources.includes(c))).map((i) => i.cause))].sort()
    causes[t.scenario] = got
    if (want === undefined) {
      if (scenarioById(t.scenario as ScenarioId).cause === null && got.length > 0) problems.push(`${where}: ${t.scenario} induced no incident, ftplog reports ${got.join(', ')}`)
      continue
    }
    if (JSON.stringify(got) !== JSON.stringify([...want].sort())) problems.push(`${where}: ${t.scenario} reported as ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
  }
  return {
    file: log.file,
    logFormat: log.logFormat,
    detected: input.logFormat,
    lines: input.lines,
    recognized: input.recognizedLines,
    trace: sortCodes(traceCounts),
    replies,
    expected: counts,
    differences: applied,
    causes,
    problems,
  }
}
