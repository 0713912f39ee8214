import type { PeakAt } from '../analyze/concurrency-state.js'
import type { IncidentEvidence } from '../analyze/incident-evidence.js'
import type { Directive, SettingMeasure } from '../catalog/schema.js'
import type { ConfiguredLookup } from '../model/server-settings.js'
import type { SettingAdvice, SettingEvidenceReport } from './settings-schema.js'

/** What {@link settingsAdvice} sizes the settings of one incident from. */
export interface SettingsAdviceInput {
  /** The server family whose configuration is looked up (`vsftpd`, `proftpd`…). */
  readonly family: string
  /** The incident's directives from the catalog; those with a `measure` get a setting. */
  readonly directives: readonly Directive[]
  readonly evidence: IncidentEvidence | undefined
  /** The server's longest silence in a session no timeout cut (ms), if any. */
  readonly uncutGap: PeakAt | undefined
  /** The configuration given (`--server-config`); `undefined`: defaults only. */
  readonly configured: ConfiguredLookup | undefined
}

const CAPACITY: ReadonlySet<SettingMeasure> = new Set(['per-client', 'per-user', 'total'])

/**
 * The settings of one incident's advice: each catalog directive that has a `measure`, with its
 * configured value (from `configured`, else the documented default), and the value the log argues
 * for (docs/settings-advice.md):
 * - capacity (`per-client`, `per-user`, `total`): H = the most sessions the client address, user or
 *   server held at a refusal, or the configured limit when H is above it (sessions whose end the
 *   log does not show still count); recommended = max(2 × H, H + 1) (the alternative: clients
 *   opening at most H connections);
 * - timeouts (`*-wait`): W = the longest wait of a session the timeout cut; recommended =
 *   max(the documented default, 2 × W rounded up to a round value (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6,
 *   8 × 10ⁿ seconds)); when that is not
 *   above the configured value and the cuts came at half of it or later, twice the configured
 *   value rounded so; in minutes (rounded up) for directives in minutes.
 * `recommended` is null when the incident has no figure for the measure. Pure.
 */
export function settingsAdvice(input: SettingsAdviceInput): SettingAdvice[] {
  const out: SettingAdvice[] = []
  for (const d of input.directives) {
    const measure = d.measure
    if (measure === undefined || out.some((s) => s.directive === d.name)) continue
    const unit = d.unit ?? (CAPACITY.has(measure) ? 'count' : 'seconds')
    const found = input.configured?.(input.family, d.name)
    const configured = found?.value ?? d.default ?? null
    const source = found === undefined ? null : found.source.line > 0 ? `${found.source.file}:${found.source.line}` : found.source.file
    const current = configured === null ? undefined : numberIn(configured)
    const sized =
      measure === 'passive-ports'
        ? passivePorts(configured, d.rangeStart === undefined ? undefined : (input.configured?.(input.family, d.rangeStart)?.value ?? null), input.evidence)
        : CAPACITY.has(measure)
          ? capacity(measure, input.evidence, current, input.family)
          : timeout(measure, unit as 'seconds' | 'minutes', input.evidence, current, numberIn(d.default ?? ''), input.uncutGap)
    out.push({ directive: d.name, configured, source, isDefault: found === undefined, default: d.default ?? null, unit, recommended: sized.recommended, reason: sized.reason })
  }
  return out
}

/** The report form of an incident's evidence (waits in seconds), with its server's longest uncut silence. */
export function evidenceToReport(e: IncidentEvidence | undefined, uncutGap: PeakAt | undefined): SettingEvidenceReport | null {
  if (e === undefined) return null
  const values = (f: Partial<Record<SettingMeasure, number>>): Partial<Record<SettingMeasure, number>> => {
    const out: Partial<Record<SettingMeasure, number>> = {}
    for (const m of MEASURE_ORDER) if (f[m] !== undefined) out[m] = reportValue(m, f[m])
    return out
  }
  const max: SettingEvidenceReport['max'] = {}
  for (const m of MEASURE_ORDER) {
    const v = e.max[m]
    if (v !== undefined) max[m] = { value: reportValue(m, v.peak), at: iso(v.at) }
  }
  return {
    events: e.events,
    max,
    min: values(e.min),
    examples: e.examples.map((x) => ({ at: iso(x.time), client: x.client ?? null, user: x.user ?? null, values: values(x.figures) })),
    uncutLongestGapSeconds: uncutGap === undefined ? null : uncutGap.peak / 1000,
    uncutLongestGapAt: iso(uncutGap?.at),
  }
}

/** The state form of a report's evidence (see {@link evidenceToReport}); the uncut silence comes back apart. */
export function evidenceFromReport(e: SettingEvidenceReport): { evidence: IncidentEvidence; uncutGap: PeakAt | undefined } {
  const values = (f: Partial<Record<SettingMeasure, number>>): Partial<Record<SettingMeasure, number>> => {
    const out: Partial<Record<SettingMeasure, number>> = {}
    for (const m of MEASURE_ORDER) if (f[m] !== undefined) out[m] = stateValue(m, f[m])
    return out
  }
  const max: IncidentEvidence['max'] = {}
  for (const m of MEASURE_ORDER) {
    const v = e.max[m]
    if (v !== undefined) max[m] = { peak: stateValue(m, v.value), at: time(v.at) }
  }
  return {
    evidence: {
      events: e.events,
      max,
      min: values(e.min),
      examples: e.examples.map((x) => ({ time: time(x.at), client: x.client ?? undefined, user: x.user ?? undefined, figures: values(x.values) })),
    },
    uncutGap: e.uncutLongestGapSeconds === null ? undefined : { peak: Math.round(e.uncutLongestGapSeconds * 1000), at: time(e.uncutLongestGapAt) },
  }
}

const MEASURE_ORDER: readonly SettingMeasure[] = ['per-client', 'per-user', 'total', 'login-wait', 'idle-wait', 'no-transfer-wait', 'stall-wait', 'passive-ports']

const COUNTS: ReadonlySet<SettingMeasure> = new Set(['per-client', 'per-user', 'total', 'passive-ports'])

function reportValue(m: SettingMeasure, v: number): number {
  return COUNTS.has(m) ? v : v / 1000
}
function stateValue(m: SettingMeasure, v: number): number {
  return COUNTS.has(m) ? v : Math.round(v * 1000)
}

interface Sized {
  recommended: string | null
  reason: string
}

const HOLDER: Record<string, string> = { 'per-client': 'client address', 'per-user': 'user', total: 'server' }

/**
 * Servers with a log that names no client address in the refused sessions, and the logs that do:
 * ProFTPD's TraceLog (`response` and `command` channels) gives the pid and the replies only.
 */
const ADDRESS_LOG: Record<string, string> = { proftpd: "ProFTPD's SystemLog, or an ExtendedLog with %a" }

function capacity(measure: SettingMeasure, e: IncidentEvidence | undefined, current: number | undefined, family: string): Sized {
  const held = e?.max[measure]
  const addressLog = ADDRESS_LOG[family]
  if (measure === 'per-client' && addressLog !== undefined && e !== undefined && held === undefined && e.examples.length > 0 && e.examples.every((x) => x.client === undefined)) {
    const when = e.examples.map((x) => clock(x.time)).filter((t) => t !== null)
    return {
      recommended: null,
      reason: `the log names no client address for the ${e.events === 1 ? 'refused session' : `${e.events} refused sessions`}${when.length > 0 ? ` (${when.join(', ')})` : ''}, so the sessions each address held cannot be counted; a log of the same server that names client addresses (${addressLog}) can`,
    }
  }
  if (e === undefined || held === undefined) return { recommended: null, reason: `no refusal in a session with a known ${HOLDER[measure]} to count its sessions at` }
  const h = held.peak
  if (h === 0) {
    const when = e.examples.map((x) => clock(x.time)).filter((t) => t !== null)
    return { recommended: null, reason: `the log shows no session the ${HOLDER[measure]} held at the ${e.events === 1 ? 'refusal' : `${e.events} refusals`}${when.length > 0 ? ` (${when.join(', ')})` : ''}: its sessions are not in this log` }
  }
  const limit = current !== undefined && current > 0 ? current : undefined
  const atMax = e.examples.filter((x) => x.figures[measure] === h)
  // A refusal means the server was at its limit: a count above it includes sessions whose end the
  // log does not show (still counted as open), so the limit is the better figure.
  const over = limit !== undefined && h > limit
  const sized = over ? limit : h
  const rec = Math.max(2 * sized, sized + 1)
  const who = measure === 'total' ? 'the server' : measure === 'per-client' ? (atMax[0]?.client ?? 'a client address') : `user ${atMax[0]?.user ?? '?'}`
  const times = atMax.map((x) => clock(x.time)).filter((t) => t !== null)
  const refusals = e.events === 1 ? 'the refusal' : e.events === atMax.length ? (e.events === 2 ? 'both refusals' : `all ${e.events} refusals`) : `${atMax.length > 0 ? atMax.length : 'some'} of ${e.events} refusals`
  let reason = `${who} held ${h} session${h === 1 ? '' : 's'} at ${refusals}${times.length > 0 ? ` (${times.join(', ')})` : ''}`
  if (limit !== undefined && h < limit) reason += ` (fewer than ${limit}: the server runs with a lower limit)`
  if (over) reason += ` (more than the ${limit} configured: sessions whose end the log does not show still count, so ${limit} is taken)`
  reason += `; recommended 2 × ${sized}${sized === 1 ? ' + 1' : ''} = ${rec}`
  if (measure !== 'total') reason += `, or lower the ${measure === 'per-client' ? "client's" : "user's"} parallelism to ${sized} connection${sized === 1 ? '' : 's'} (FileZilla: simultaneous transfers + 1 control connection)`
  return { recommended: String(rec), reason }
}

const WAIT_WORDS: Record<string, string> = {
  'login-wait': 'after connecting without logging in',
  'idle-wait': 'of silence',
  'no-transfer-wait': 'without a transfer',
  'stall-wait': 'into a transfer',
}

function timeout(
  measure: SettingMeasure,
  unit: 'seconds' | 'minutes',
  e: IncidentEvidence | undefined,
  current: number | undefined,
  defaultValue: number | undefined,
  uncut: PeakAt | undefined,
): Sized {
  const longest = e?.max[measure]
  if (e === undefined || longest === undefined) return { recommended: null, reason: 'no timed event in a session to measure the wait from' }
  // Under a second: the log wrote the session's lines at the cut (a summary line), not as they came.
  if (longest.peak < 1000) return { recommended: null, reason: `the log shows no wait before the cut${e.events === 1 ? '' : 's'} (${e.events} in under 1 s of the session's previous line)` }
  const perUnit = unit === 'minutes' ? 60 : 1
  const maxS = longest.peak / 1000
  const minS = (e.min[measure] ?? longest.peak) / 1000
  const currentS = current !== undefined && current > 0 ? current * perUnit : undefined
  const defaultS = defaultValue !== undefined && defaultValue > 0 ? defaultValue * perUnit : undefined
  let recS = Math.max(niceCeil(2 * maxS), defaultS ?? 0)
  // Cuts well before the configured value: the server does not run with it (an unread or other
  // configuration); else a recommendation at or below it would change nothing.
  const runsWithIt = currentS !== undefined && maxS >= currentS / 2
  if (runsWithIt && recS <= currentS) recS = niceCeil(2 * currentS)
  const rec = unit === 'minutes' ? Math.ceil(recS / 60) : recS
  const times = e.examples.map((x) => clock(x.time)).filter((t) => t !== null)
  const cut = `${e.events} session${e.events === 1 ? '' : 's'} cut after ${seconds(minS)}${maxS !== minS ? `–${seconds(maxS)}` : ''} ${WAIT_WORDS[measure]}${times.length > 0 ? ` (${times.join(', ')})` : ''}`
  const notCut =
    (uncut !== undefined ? `; sessions not cut were silent up to ${seconds(uncut.peak / 1000)}` : '') +
    (currentS !== undefined && !runsWithIt ? `; the server cuts at about ${seconds(minS)}, not ${seconds(currentS)}` : '')
  const why =
    recS === defaultS && defaultS > niceCeil(2 * maxS)
      ? `the documented default (twice the longest wait is ${seconds(niceCeil(2 * maxS))})`
      : runsWithIt && recS === niceCeil(2 * currentS!)
        ? `twice the configured value, rounded up`
        : `twice the longest wait, rounded up`
  return { recommended: String(rec), reason: `${cut}${notCut}; recommended ${why}` }
}

/**
 * A passive port range: P = the most data connections being set up or open at the failures (the
 * failed one included), S = the most sessions then open. When the configured range has fewer than
 * max(P, S) ports it ran out or can: recommended = a range of max(2 × P, S) ports from the same
 * first port, written as the setting writes it. Otherwise (or when the server may use any port)
 * the range is not the cause: no recommendation.
 */
function passivePorts(configured: string | null, rangeStart: string | null | undefined, e: IncidentEvidence | undefined): Sized {
  const inUse = e?.max['passive-ports']
  if (e === undefined || inUse === undefined) return { recommended: null, reason: 'no failed data connection in a session to count the others at' }
  const p = inUse.peak
  const sessions = e.max.total?.peak ?? p
  const times = e.examples.map((x) => clock(x.time)).filter((t) => t !== null)
  const seen = `${p} data connection${p === 1 ? '' : 's'} being set up or open and ${sessions} session${sessions === 1 ? '' : 's'} at ${e.events === 1 ? 'the failure' : `${e.events} failures`}${times.length > 0 ? ` (${times.join(', ')})` : ''}`
  const range = portRange(configured, rangeStart)
  if (range === undefined) return { recommended: null, reason: `${seen}; the server may use any free port, so the range did not run out: look at the address it advertises and the firewall` }
  const size = range.last - range.first + 1
  if (size >= Math.max(p, sessions)) return { recommended: null, reason: `${seen}; the range has ${size} ports, enough: look at the address it advertises and the firewall` }
  const want = Math.max(2 * p, sessions)
  const last = range.first + want - 1
  const recommended = range.sep === undefined ? String(last) : `${range.first}${range.sep}${last}`
  return { recommended, reason: `${seen}; the range has ${size} ports; recommended max(2 × ${p}, ${sessions}) = ${want} ports from ${range.first}` }
}

/** A range written `a b`, `a:b`, `a-b` or `a,b` (sep kept), or a last port with its first from `rangeStart`; `undefined` for any port. */
function portRange(configured: string | null, rangeStart: string | null | undefined): { first: number; last: number; sep: string | undefined } | undefined {
  if (configured === null) return undefined
  const m = /^\s*(\d+)(\s+|\s*[:,-]\s*)(\d+)\s*$/.exec(configured)
  if (m) return Number(m[3]) >= Number(m[1]) && Number(m[1]) > 0 ? { first: Number(m[1]), last: Number(m[3]), sep: m[2]!.trim() === '' ? ' ' : m[2]!.trim() } : undefined
  const last = numberIn(configured)
  const first = rangeStart === undefined || rangeStart === null ? undefined : numberIn(rangeStart)
  return last !== undefined && last > 0 && first !== undefined && first > 0 && last >= first ? { first, last, sep: undefined } : undefined
}

/** The first number in a setting's value ("2000", "15 minutes", "300 seconds"); `undefined` for none ("none", "any"). */
function numberIn(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(value)
  return m ? Number(m[1]) : undefined
}

/** Round values for timeouts: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ. */
const ROUND_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]

/** The smallest round value (see {@link ROUND_STEPS}) at or above `x`; 1 for x ≤ 1. */
function niceCeil(x: number): number {
  if (x <= 1) return 1
  const p = 10 ** Math.floor(Math.log10(x))
  for (const f of ROUND_STEPS) if (f * p >= x - 1e-9) return Math.round(f * p)
  return 10 * p
}

function seconds(s: number): string {
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

/** HH:MM:SS of an epoch ms, UTC; null for none. */
function clock(t: number | undefined): string | null {
  return t === undefined ? null : new Date(t).toISOString().slice(11, 19)
}

function iso(t: number | undefined): string | null {
  return t === undefined || !Number.isFinite(t) ? null : new Date(t).toISOString()
}

function time(s: string | null): number | undefined {
  return s === null ? undefined : Date.parse(s)
}
