import { Readable } from 'node:stream'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { TransferFact } from './tallies.js'
import type { AnalysisState, IncidentEvent } from './state.js'

/**
 * Paired logs of one server (see docs/inputs.md "Paired logs"): a transfer log (xferlog, or a
 * Pure-FTPd altlog) written beside a protocol log of the same server (vsftpd's `vsftpd.log` with
 * `dual_log_enable`, a ProFTPD ExtendedLog/TraceLog/SystemLog, Pure-FTPd's syslog lines) records
 * the same transfers twice. The sides of a pair are read at the same time, each through its own
 * analysis, and kept within {@link LEAD_MS} of log time of each other (a k-way merge by time:
 * a side that runs ahead waits before its next chunk), so what is held stays bounded by log time:
 *
 * - every transfer a protocol side counts, and every failure reply (4xx) and incident event it
 *   finds, is kept as evidence for {@link MATCH_MS} plus {@link DECIDE_LAG_MS} of log time;
 * - every transfer record of a transfer side, with the incident event it raised, waits until the
 *   protocol sides have read {@link DECIDE_LAG_MS} past it, then is decided:
 *   - it matches a protocol transfer (same direction, client, file and bytes, within MATCH_MS):
 *     counted once, as the protocol log says (its outcome, reply code and cause), with the
 *     transfer log's byte count when the protocol log has none; its event is dropped;
 *   - else its event (an `unknown` failed transfer) folds into a protocol failure of the same
 *     client (a 4xx reply or an incident event within MATCH_MS; a log without client addresses,
 *     such as a TraceLog, matches on time alone); a folded record of 0 bytes counts as a transfer
 *     that failed to start;
 *   - else it counts as it is: records found in one log only still count.
 *
 * Inputs that are not paired never reach this module (no cost on their hot path).
 */
export interface PairSide {
  /** The side reached this log time (epoch ms); called for every timed record. */
  time(t: number): void
  /** A transfer the side's trackers counted. */
  transfer(fact: TransferFact): void
  /** A failure reply (code ≥ 400) the side's trackers counted. */
  reply(code: number, time: number | undefined, client: string | undefined): void
  /**
   * An incident event before grouping. Returns `true` when the side keeps it: it later passes it
   * to `add` (the grouper) or drops it as folded into the other log's event.
   */
  event(e: IncidentEvent, add: (e: IncidentEvent) => void): boolean
  /** The side's input ended: waits for the other sides, then corrects `state` (its own). */
  finish(state: AnalysisState): Promise<void>
  /** The side stopped (aborted); the others stop waiting for it. */
  abandon(): void
  /** Wraps a byte stream of the side so that it does not run ahead of the others. */
  gate(stream: Readable): Readable
}

/** Records of one transfer in two logs this close in time match (xferlog has whole seconds). */
export const MATCH_MS = 2_000
/** A transfer record is decided once the protocol logs have been read this far past it. */
export const DECIDE_LAG_MS = 15_000
/** A side waits before its next chunk while it is this far ahead of another side. */
export const LEAD_MS = 60_000

export type PairRole = 'protocol' | 'transfer'

/**
 * The role a log format can play in a pair, or `undefined` for none: a server log without
 * sessions (xferlog, Pure-FTPd's clf/stats/w3c altlogs) is a transfer log; a server log with
 * sessions written by a named server family is a protocol log.
 */
export function pairRole(def: LogFormatDefinition): PairRole | undefined {
  if (def.role !== 'server' || def.dispatch) return undefined
  if (def.sessions.key === 'none') return 'transfer'
  return def.server === 'generic' ? undefined : 'protocol'
}

/** Whether a transfer log of `transfer` may be written by the server of `protocol`. */
export function canPair(transfer: LogFormatDefinition, protocol: LogFormatDefinition): boolean {
  return pairRole(transfer) === 'transfer' && pairRole(protocol) === 'protocol' && (transfer.server === 'generic' || transfer.server === protocol.server)
}

interface Evidence {
  /** The protocol side it was found in. */
  readonly side: number
  readonly time: number | undefined
  readonly file: string | undefined
}
interface FactEvidence extends Evidence {
  readonly fact: TransferFact
  used: boolean
}
interface Held {
  readonly fact: TransferFact | undefined
  readonly time: number | undefined
  readonly line: number
  events: { e: IncidentEvent; add: (e: IncidentEvent) => void }[]
}

interface SideState {
  readonly index: number
  readonly role: PairRole
  readonly paths: readonly string[]
  time: number | undefined
  ended: boolean
  state: AnalysisState | undefined
  /** Transfer records (and their events) waiting for a decision, in log order. */
  held: Held[]
  /** Transfer sides: state corrections, applied at finish (the state is not known before). */
  corrections: Partial<Record<keyof AnalysisState['transfers'], number>>
  /** Indexes of the sides a record of this side matched or folded into. */
  pairedWith: Set<number>
}

/**
 * Creates the coordinated sides of one group of paired inputs: `sides[i]` has role `roles[i]` and
 * names the input paths `paths[i]` (several for a rotated set) in `pairedWith`. Every side must
 * be read (each in its own analysis, at the same time) and finished or abandoned.
 */
export function createPairing(members: readonly { role: PairRole; paths: readonly string[] }[]): PairSide[] {
  return new Pairing(members).sides
}

class Pairing {
  readonly sides: PairSide[]
  private readonly s: SideState[]
  private readonly facts = new Map<string, FactEvidence[]>()
  private readonly failures = new Map<string, Evidence[]>()
  private readonly events = new Map<string, Evidence[]>()
  private evidenceAdded = 0
  private waiters: (() => void)[] = []
  private lastWake = Number.NEGATIVE_INFINITY
  private lastDecide = Number.NEGATIVE_INFINITY
  private finishing: Promise<void> | undefined

  constructor(members: readonly { role: PairRole; paths: readonly string[] }[]) {
    this.s = members.map((m, index) => ({
      index,
      role: m.role,
      paths: m.paths,
      time: undefined,
      ended: false,
      state: undefined,
      held: [],
      corrections: {},
      pairedWith: new Set<number>(),
    }))
    this.sides = this.s.map((side) => this.makeSide(side))
  }

  private makeSide(side: SideState): PairSide {
    const protocol = side.role === 'protocol'
    return {
      time: (t) => {
        if (side.time === undefined || t > side.time) side.time = t
        if (protocol && t >= this.lastDecide + 1000) {
          this.lastDecide = t
          this.decide(false)
        }
        if (this.waiters.length > 0 && t >= this.lastWake + 1000) {
          this.lastWake = t
          this.wake()
        }
      },
      transfer: (fact) => {
        if (protocol) this.addEvidence(this.facts, fact.client, { side: side.index, time: fact.time, file: fact.file, fact, used: false })
        else side.held.push({ fact, time: fact.time, line: fact.line, events: [] })
      },
      reply: (_code, time, client) => {
        if (protocol) this.addEvidence(this.failures, client, { side: side.index, time, file: undefined })
      },
      event: (e, add) => {
        if (protocol) {
          this.addEvidence(this.events, e.client, { side: side.index, time: e.time, file: e.file })
          return false
        }
        const last = side.held[side.held.length - 1]
        if (last && last.fact && last.line === e.sample.line && last.time === e.time) last.events.push({ e, add })
        else side.held.push({ fact: undefined, time: e.time, line: e.sample.line, events: [{ e, add }] })
        return true
      },
      finish: async (state) => {
        side.state = state
        side.ended = true
        this.wake()
        // Every side waits for all: the last one to end decides what is still held.
        await this.allEnded()
        this.finishing ??= Promise.resolve().then(() => this.finishAll())
        await this.finishing
      },
      abandon: () => {
        side.ended = true
        this.wake()
      },
      gate: (stream) => Readable.from(this.gated(side, stream), { objectMode: false }),
    }
  }

  private async *gated(side: SideState, stream: Readable): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      while (this.ahead(side)) await new Promise<void>((resolve) => this.waiters.push(resolve))
      yield chunk
    }
  }

  /** Whether `side` is more than LEAD_MS of log time ahead of a side still reading. */
  private ahead(side: SideState): boolean {
    if (side.time === undefined) return false
    for (const other of this.s) {
      if (other === side || other.ended) continue
      if (other.time === undefined || side.time - other.time > LEAD_MS) return true
    }
    return false
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const resolve of w) resolve()
  }

  private allEnded(): Promise<void> {
    if (this.s.every((x) => x.ended)) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (this.s.every((x) => x.ended)) resolve()
        else this.waiters.push(check)
      }
      this.waiters.push(check)
    })
  }

  private finishAll(): void {
    this.decide(true)
    for (const side of this.s) {
      const state = side.state
      if (!state) continue
      const t = state.transfers
      for (const [k, v] of Object.entries(side.corrections) as [keyof typeof t, number][]) t[k] += v
      const paired = [...side.pairedWith].flatMap((i) => this.s[i]!.paths)
      for (const input of state.inputs) input.pairedWith = [...new Set([...input.pairedWith, ...paired])].sort()
    }
  }

  /** The log time up to which every protocol side has been read (∞ once all ended). */
  private protocolFrontier(): number {
    let f = Number.POSITIVE_INFINITY
    for (const side of this.s) {
      if (side.role !== 'protocol' || side.ended) continue
      f = Math.min(f, side.time ?? Number.NEGATIVE_INFINITY)
    }
    return f
  }

  /** Decides the held transfer records the protocol sides have been read far enough past. */
  private decide(all: boolean): void {
    const frontier = all ? Number.POSITIVE_INFINITY : this.protocolFrontier()
    for (const side of this.s) {
      if (side.role !== 'transfer') continue
      let n = 0
      for (const h of side.held) {
        if (!all && (h.time === undefined || h.time + DECIDE_LAG_MS > frontier)) break
        this.decideOne(side, h)
        n++
      }
      if (n > 0) side.held.splice(0, n)
    }
    if (!all) this.prune()
  }

  private decideOne(side: SideState, h: Held): void {
    const x = h.fact
    const c = side.corrections
    const bump = (k: keyof AnalysisState['transfers'], v: number): void => {
      if (v !== 0) c[k] = (c[k] ?? 0) + v
    }
    if (x) {
      const match = this.findFact(x)
      if (match) {
        match.used = true
        side.pairedWith.add(match.side)
        this.s[match.side]!.pairedWith.add(side.index)
        // Counted once, as the protocol log counted it: take back the transfer log's count.
        for (const [k, v] of contribution(x)) bump(k, -v)
        if (match.fact.bytes === undefined && x.bytes !== undefined) {
          for (const [k, v] of contribution({ ...match.fact, bytes: x.bytes })) if (k.startsWith('bytes') || k === 'partialBytes') bump(k, v)
        }
        return
      }
    }
    let folded = false
    for (const { e, add } of h.events) {
      const into = this.findFailure(e)
      if (into !== undefined) {
        folded = true
        side.pairedWith.add(into)
        this.s[into]!.pairedWith.add(side.index)
      } else add(e)
    }
    if (folded && x && x.outcome === 'incomplete' && (x.bytes ?? 0) === 0) {
      // No byte moved and the protocol log shows the failure: the transfer never started.
      bump('incomplete', -1)
      bump('failedToStart', 1)
    }
  }

  private findFact(x: TransferFact): FactEvidence | undefined {
    let best: FactEvidence | undefined
    for (const key of keysFor(x.client)) {
      for (const p of this.facts.get(key) ?? []) {
        if (p.used || !near(p.time, x.time)) continue
        const f = p.fact
        if (f.direction !== x.direction || !sameFile(f.file, x.file)) continue
        const bytesOk = f.bytes === undefined || x.bytes === undefined || f.bytes === x.bytes || (f.outcome === 'failed-to-start' && (x.bytes ?? 0) === 0)
        if (!bytesOk) continue
        if (!best || distance(p.time, x.time) < distance(best.time, x.time)) best = p
      }
    }
    return best
  }

  /** The protocol side whose failure reply or event explains `e`, if any. */
  private findFailure(e: IncidentEvent): number | undefined {
    for (const table of [this.events, this.failures]) {
      for (const key of keysFor(e.client)) {
        for (const p of table.get(key) ?? []) {
          if (near(p.time, e.time) && sameFile(p.file, e.file)) return p.side
        }
      }
    }
    return undefined
  }

  private addEvidence<T extends Evidence>(table: Map<string, T[]>, client: string | undefined, e: T): void {
    const key = client ?? ''
    const list = table.get(key)
    if (list) list.push(e)
    else table.set(key, [e])
    if (++this.evidenceAdded % 1024 === 0) this.prune()
  }

  /** Drops evidence no held or future transfer record can match any more. */
  private prune(): void {
    let oldest = Number.POSITIVE_INFINITY
    for (const side of this.s) {
      if (side.role !== 'transfer' || side.ended) {
        if (side.role === 'transfer') for (const h of side.held) if (h.time !== undefined) oldest = Math.min(oldest, h.time)
        continue
      }
      const first = side.held.find((h) => h.time !== undefined)
      oldest = Math.min(oldest, first?.time ?? side.time ?? Number.NEGATIVE_INFINITY)
    }
    if (!Number.isFinite(oldest)) return
    const limit = oldest - MATCH_MS
    for (const table of [this.facts, this.failures, this.events] as Map<string, Evidence[]>[]) {
      for (const [key, list] of table) {
        const kept = list.filter((p) => p.time === undefined || p.time >= limit)
        if (kept.length === 0) table.delete(key)
        else if (kept.length !== list.length) table.set(key, kept)
      }
    }
  }
}

/** Evidence of a known client, and evidence of logs without client addresses (key ''). */
function keysFor(client: string | undefined): string[] {
  return client === undefined ? [''] : [client, '']
}

function near(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || Math.abs(a - b) <= MATCH_MS
}

function distance(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined ? MATCH_MS : Math.abs(a - b)
}

/**
 * Whether two logged names can be the same file: equal once repeated slashes are collapsed, or
 * one is the other's tail (a command argument `big.bin` against the full path `/srv/ftp/big.bin`).
 */
export function sameFile(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true
  const x = a.replace(/\/{2,}/g, '/')
  const y = b.replace(/\/{2,}/g, '/')
  if (x === y) return true
  const [short, long] = x.length < y.length ? [x, y] : [y, x]
  return long.endsWith(short.startsWith('/') ? short : `/${short}`)
}

/** What a counted transfer added to the transfer totals (as the session tracker counts it). */
function contribution(f: TransferFact): [keyof AnalysisState['transfers'], number][] {
  const bytes = f.bytes ?? 0
  if (f.direction === 'delete') return [['deletes', 1]]
  if (f.outcome === 'failed-to-start') return [['failedToStart', 1]]
  if (f.outcome === 'incomplete') return [['incomplete', 1], ['partialBytes', bytes]]
  return f.direction === 'upload'
    ? [['completed', 1], ['uploads', 1], ['bytesIn', bytes]]
    : [['completed', 1], ['downloads', 1], ['bytesOut', bytes]]
}
