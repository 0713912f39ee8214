import { readFileSync } from 'node:fs'
import { scenarioById, type ScenarioId } from './scenarios'
import type { Cause, LogFormat, ObservedScenario } from './types'

/** Reply codes whose lines are listed as events (with their cause). */
export const EVENT_CODES = [421, 425, 426, 530] as const
export type EventCode = (typeof EVENT_CODES)[number]

export interface TransferRecord {
  readonly completed: boolean
  readonly bytes: number
}

/** What one log line says, independent of which scenario wrote it. */
export interface LineInfo {
  /** reply code carried by the line (a server reply the log recorded), if any */
  readonly code: number | null
  /** client address named by the line, if any (the server's own 127.0.0.1 is never one) */
  readonly ip: string | null
  /** process id named by the line, if any */
  readonly pid: number | null
  /** a code-less line that records an incident or a refused login (see INCIDENT_PATTERNS) */
  readonly incident: boolean
  /** a file-transfer record, with what the line claims */
  readonly transfer: TransferRecord | null
}

interface FormatSpec {
  /** the format carries FTP reply codes (replies are counted) */
  readonly hasCodes: boolean
  /** the format records file transfers (transfer totals are given) */
  readonly hasTransfers: boolean
  readonly rule: string
  parse(line: string): LineInfo
}

const NONE: LineInfo = { code: null, ip: null, pid: null, incident: false, transfer: null }
const SERVER_ADDRESS = '127.0.0.1'

function clientIp(candidate: string | undefined): string | null {
  if (candidate === undefined || candidate === SERVER_ADDRESS || !/^\d+\.\d+\.\d+\.\d+$/.test(candidate)) return null
  return candidate
}

const FINAL_TRANSFER_CODES = new Set([226, 426, 450, 451, 452, 552])
const TRANSFER_COMMANDS = new Set(['RETR', 'STOR', 'APPE', 'STOU'])

const FORMATS: Readonly<Record<LogFormat, FormatSpec>> = {
  vsftpd: {
    hasCodes: true,
    hasTransfers: true,
    rule: 'replies: `FTP response: Client "<ip>", "<code>[ -]`; transfers: `OK|FAIL DOWNLOAD|UPLOAD` lines (OK = complete)',
    parse(line) {
      const m = /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} \[pid (\d+)\] (?:\[[^\]]*\] )?(.*)$/.exec(line)
      if (m === null) return NONE
      const body = m[2] ?? ''
      const ip = clientIp(/Client "([^"]+)"/.exec(body)?.[1])
      const pid = Number(m[1])
      const resp = /^FTP response: Client "[^"]*", "(\d{3})[ -]/.exec(body)
      const xfer = /^(OK|FAIL) (DOWNLOAD|UPLOAD): Client "[^"]*", "[^"]*"(?:, (\d+) bytes)?/.exec(body)
      return {
        code: resp === null ? null : Number(resp[1]),
        ip,
        pid,
        incident: /^CONNECT: Client "[^"]*", "Connection refused/.test(body) || /^FAIL (DOWNLOAD|UPLOAD|LOGIN)/.test(body),
        transfer: xfer === null ? null : { completed: xfer[1] === 'OK', bytes: Number(xfer[3] ?? 0) },
      }
    },
  },
  xferlog: {
    hasCodes: false,
    hasTransfers: true,
    rule: 'one line per transfer; field 8 = bytes, last field = completion status (c complete, i incomplete)',
    parse(line) {
      const m = /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} \d+ (\S+) (\d+) \S+ [ab] \S [oid] [agr] \S+ \S+ \d \S+ ([ci])$/.exec(line)
      if (m === null) return NONE
      return { ...NONE, ip: clientIp(m[1]), transfer: { completed: m[3] === 'c', bytes: Number(m[2]) } }
    },
  },
  'proftpd-system': {
    hasCodes: false,
    hasTransfers: false,
    rule: 'no reply codes; incident lines: idle/login/no-transfer/stall timeouts, aborted transfers, Max* refusals, failed logins',
    parse(line) {
      const m = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \S+ proftpd\[(\d+)\] \S+(?: \([^[]*\[([^\]]+)\]\))?: (.*)$/.exec(line)
      if (m === null) return NONE
      const msg = m[3] ?? ''
      return {
        ...NONE,
        ip: clientIp(m[2]),
        pid: Number(m[1]),
        incident:
          /idle timeout, disconnected|Login timeout exceeded|no transfer timeout, disconnected|Data transfer stall timeout|aborting transfer|Connection refused \(Max|MaxInstances \(\d+\) reached|\(Login failed\)|no such user found|Passive data transfer failed/.test(
            msg,
          ),
      }
    },
  },
  'proftpd-extended': {
    hasCodes: true,
    hasTransfers: true,
    rule: 'replies: the %s field (one line per command, with its last reply); transfers: RETR/STOR/APPE/STOU lines whose %s is 226 (complete) or 426/450/451/452/552 (incomplete), bytes = %b; lines with 150 or - are intermediate records and not counted',
    parse(line) {
      // default format: %h %l %u %t "%r" %s %b
      const d = /^(\S+) \S+ \S+ \[[^\]]+\] "(\S*)[^"]*" (\S+) (\S+)$/.exec(line)
      // rich format: %{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b
      const r = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (\S+) \S+ (\S+) "(?:.*?)" (\S+) "(?:.*)" (\S+) "([^"]*)" "([^"]*)" (\S+)$/.exec(line)
      // iso8601-exit format: %{iso8601} [%P] %a %{remote-port} %u %V "%r" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b %{transfer-millisecs} %{protocol}
      const x = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[\d+\] (\S+) \d+ \S+ \S+ "(\S*)[^"]*" (\S+) "(?:.*)" (\S+) "([^"]*)" "([^"]*)" (\S+) \S+ \S+$/.exec(line)
      let ip: string | undefined
      let cmd: string
      let code: string
      let bytes: string
      let incident = false
      const rx = r ?? x
      if (rx !== null) {
        ip = rx[1]
        cmd = (rx[2] ?? '').toUpperCase()
        code = rx[3] ?? '-'
        bytes = rx[7] ?? '-'
        const status = rx[4] ?? '-'
        const exit = rx[6] ?? ''
        // a failed RETR of a missing file (550) is a refused command, not an incident
        incident =
          (['failed', 'timeout', 'cancelled'].includes(status) && !/^5\d\d$/.test(code)) ||
          /^(Timeout exceeded|Configured policy)/.test(exit)
      } else if (d !== null) {
        ip = d[1]
        cmd = (d[2] ?? '').toUpperCase()
        code = d[3] ?? '-'
        bytes = d[4] ?? '-'
      } else {
        return NONE
      }
      const numeric = /^\d{3}$/.test(code) ? Number(code) : null
      const transfer =
        TRANSFER_COMMANDS.has(cmd) && numeric !== null && FINAL_TRANSFER_CODES.has(numeric)
          ? { completed: numeric === 226, bytes: /^\d+$/.test(bytes) ? Number(bytes) : 0 }
          : null
      return { code: numeric, ip: clientIp(ip), pid: null, incident, transfer }
    },
  },
  'proftpd-trace': {
    hasCodes: true,
    hasTransfers: false,
    rule: 'replies: `<response:1>: [async: ]<code>[ -]`; no client address: lines are tied to clients through the pid in SystemLog',
    parse(line) {
      const m = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[(\d+)\] <response:\d+>: (?:async: )?(\d{3})[ -]/.exec(line)
      const pid = /^\S+ \S+ \[(\d+)\]/.exec(line)?.[1]
      return { ...NONE, code: m === null ? null : Number(m[2]), pid: pid === undefined ? null : Number(pid) }
    },
  },
  'pureftpd-syslog': {
    hasCodes: true,
    hasTransfers: true,
    rule: 'replies: `[DEBUG] <code>[ -]` (VerboseLog twice); transfers: `[NOTICE] <path> downloaded|uploaded  (<n> bytes` (all logged as complete)',
    parse(line) {
      const m = /^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ pure-ftpd(?:\[(\d+)\])?: \([^@]*@([^)]*)\) \[(\w+)\] (.*)$/.exec(line)
      if (m === null) return NONE
      const level = m[3]
      const msg = m[4] ?? ''
      const ip = clientIp(m[2]) ?? clientIp(/\[(\d+\.\d+\.\d+\.\d+)\]$/.exec(msg)?.[1])
      const code = level === 'DEBUG' ? /^(\d{3})[ -]/.exec(msg)?.[1] : undefined
      const xfer = level === 'NOTICE' ? / (downloaded|uploaded) {2}\((\d+) bytes/.exec(msg) : null
      return {
        code: code === undefined ? null : Number(code),
        ip,
        pid: m[1] === undefined ? null : Number(m[1]),
        incident:
          (level === 'INFO' && /^Timeout/.test(msg)) ||
          (level === 'WARNING' && /^(Too many connections|Authentication failed)/.test(msg)),
        transfer: xfer === null ? null : { completed: true, bytes: Number(xfer[2]) },
      }
    },
  },
  'pureftpd-clf': {
    hasCodes: false,
    hasTransfers: true,
    rule: 'one line per completed transfer: <host> - <user> [time] "GET|PUT <path>" 200 <bytes> (200 is a fixed HTTP-style status, not an FTP reply)',
    parse(line) {
      const m = /^(\S+) - \S+ \[[^\]]+\] "(?:GET|PUT) .*" \d{3} (\d+)$/.exec(line)
      if (m === null) return NONE
      return { ...NONE, ip: clientIp(m[1]), transfer: { completed: true, bytes: Number(m[2]) } }
    },
  },
  'pureftpd-stats': {
    hasCodes: false,
    hasTransfers: true,
    rule: 'one line per completed transfer: <time> <session> <user> <host> U|D <bytes> <seconds> <path>',
    parse(line) {
      const m = /^\d+ \S+ \S+ (\S+) [UD] (\d+) \d+ /.exec(line)
      if (m === null) return NONE
      return { ...NONE, ip: clientIp(m[1]), transfer: { completed: true, bytes: Number(m[2]) } }
    },
  },
  'pureftpd-w3c': {
    hasCodes: true,
    hasTransfers: true,
    rule: 'header lines start with #; rows: date time c-ip cs-method cs-uri-stem sc-status cs-username sc-bytes (sc-status is always 226)',
    parse(line) {
      const m = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (\S+) \S+ .* (\d{3}) \S+ (\d+)$/.exec(line)
      if (m === null) return NONE
      return { ...NONE, ip: clientIp(m[1]), code: Number(m[2]), transfer: { completed: true, bytes: Number(m[3]) } }
    },
  },
}

export function formatRule(format: LogFormat): string {
  return FORMATS[format].rule
}

export function parseLine(format: LogFormat, line: string): LineInfo {
  return FORMATS[format].parse(line)
}

export interface TimelineWindow {
  readonly scenario: string
  readonly sources: readonly string[]
  readonly background: boolean
  readonly offsetsBefore: Readonly<Record<string, number>>
  readonly offsetsAfter: Readonly<Record<string, number>>
}

export interface ExpectedEvent {
  readonly line: number
  readonly code: EventCode | null
  /** null: not an incident (a refused login); the analyzer must not report it as a 421/426 incident */
  readonly cause: Cause | null
  readonly scenario: string | null
  readonly text: string
  /** the line records a transfer as complete although the client's transfer was not */
  readonly misreportedAsComplete?: true
}

export interface ExpectedFile {
  readonly logFormat: LogFormat
  readonly lines: number
  readonly replies?: Readonly<Record<string, number>>
  readonly events: readonly ExpectedEvent[]
  readonly transfers?: {
    readonly completed: number
    readonly incomplete: number
    readonly bytesComplete: number
    readonly bytesPartial: number
  }
}

export interface AttributedLine extends LineInfo {
  readonly line: number
  readonly text: string
  readonly scenario: string | null
}

/** Which scenario wrote each line: by client address, else by pid (trace log), else by when. */
export function attributeLines(
  fileName: string,
  format: LogFormat,
  content: string,
  timeline: readonly TimelineWindow[],
  pidToIp: ReadonlyMap<number, string>,
): AttributedLine[] {
  const byIp = new Map<string, string>()
  for (const t of timeline) for (const ip of t.sources) byIp.set(ip, t.scenario)
  const lines = splitLines(content)
  const out: AttributedLine[] = []
  let offset = 0
  for (const [i, text] of lines.entries()) {
    const info = parseLine(format, text)
    let ip = info.ip
    if (ip === null && info.pid !== null) ip = pidToIp.get(info.pid) ?? null
    let scenario = ip === null ? null : (byIp.get(ip) ?? null)
    if (scenario === null && !text.startsWith('#')) {
      const inWindow = timeline.filter(
        (t) => !t.background && offset >= (t.offsetsBefore[fileName] ?? 0) && offset < (t.offsetsAfter[fileName] ?? 0),
      )
      scenario = inWindow[0]?.scenario ?? null
    }
    out.push({ ...info, line: i + 1, text, scenario })
    offset += Buffer.byteLength(text) + 1
  }
  return out
}

export function splitLines(content: string): string[] {
  const lines = content.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** pid -> client address, from ProFTPD SystemLog lines ("proftpd[pid] ... (name[ip])"). */
export function proftpdPidMap(systemLog: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const line of splitLines(systemLog)) {
    const info = parseLine('proftpd-system', line)
    if (info.pid !== null && info.ip !== null) map.set(info.pid, info.ip)
  }
  return map
}

function isEventCode(code: number | null): code is EventCode {
  return code !== null && (EVENT_CODES as readonly number[]).includes(code)
}

/**
 * The facts an analyzer must reproduce from one log file: reply counts, the events with the cause
 * the lab knows (each scenario has one), and transfer totals as the log states them.
 * `unexpected` lists incident-looking lines the lab did not plan for (the test fails on them).
 */
export function expectedFacts(
  format: LogFormat,
  lines: readonly AttributedLine[],
  observed: readonly ObservedScenario[],
): { facts: ExpectedFile; unexpected: AttributedLine[] } {
  const spec = FORMATS[format]
  const replies: Record<string, number> = {}
  const events: ExpectedEvent[] = []
  const unexpected: AttributedLine[] = []
  const transfers = { completed: 0, incomplete: 0, bytesComplete: 0, bytesPartial: 0 }
  const clientCompleted = new Map<string, boolean>()
  for (const o of observed) clientCompleted.set(o.scenario, o.transfers.length > 0 && o.transfers.every((t) => t.completed))

  for (const l of lines) {
    if (l.code !== null) replies[String(l.code)] = (replies[String(l.code)] ?? 0) + 1
    if (l.transfer !== null) {
      if (l.transfer.completed) {
        transfers.completed++
        transfers.bytesComplete += l.transfer.bytes
      } else {
        transfers.incomplete++
        transfers.bytesPartial += l.transfer.bytes
      }
    }
    const scenarioCause = l.scenario === null ? undefined : scenarioById(l.scenario as ScenarioId).cause
    const inIncidentScenario = scenarioCause !== undefined && scenarioCause !== null
    // an incomplete-transfer record is an incident signal of its own (xferlog's "i"), whatever the scenario
    const isEvent =
      isEventCode(l.code) || l.incident || (l.transfer !== null && (inIncidentScenario || !l.transfer.completed))
    if (!isEvent) continue
    let cause: Cause | null
    if (scenarioCause === undefined) {
      cause = 'unknown'
      unexpected.push(l)
    } else if (scenarioCause === null) {
      // only refused logins (and a failed RETR of a missing file) are expected in the non-incident scenarios
      cause = null
      if (l.code !== null && l.code !== 530) unexpected.push(l)
    } else {
      cause = scenarioCause
    }
    const misreported = l.transfer !== null && l.transfer.completed && l.scenario !== null && clientCompleted.get(l.scenario) === false
    events.push({
      line: l.line,
      code: isEventCode(l.code) ? l.code : null,
      cause,
      scenario: l.scenario,
      text: l.text.length > 200 ? `${l.text.slice(0, 197)}...` : l.text,
      ...(misreported ? { misreportedAsComplete: true as const } : {}),
    })
  }
  const sortedReplies = Object.fromEntries(Object.entries(replies).sort(([a], [b]) => Number(a) - Number(b)))
  return {
    facts: {
      logFormat: format,
      lines: lines.length,
      ...(spec.hasCodes ? { replies: sortedReplies } : {}),
      events,
      ...(spec.hasTransfers ? { transfers } : {}),
    },
    unexpected,
  }
}

export function readLog(path: string): string {
  return readFileSync(path, 'utf8')
}
