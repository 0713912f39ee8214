import { createReadStream } from 'node:fs'
import { fileIdentity, type InputSource } from '../io/open-input.js'
import type { SkippedInput } from '../io/resolve-inputs.js'
import { readLines } from '../io/read-lines.js'
import { groupRotatedSets } from '../io/rotated-sets.js'
import { compileLogFormat, type CompiledLogFormat } from '../log-formats/compile.js'
import { detectLogFormat } from '../log-formats/detect.js'
import { withInferredLayout } from '../log-formats/infer-proftpd-layout.js'
import type { LogFormatRegistry } from '../log-formats/registry.js'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { TimeContext } from '../time/timestamp-parser.js'
import { canPair, pairRole, type PairRole } from './log-pairing.js'
import { findMirrors, type MirrorCut } from './mirror-logs.js'
import { sameFileReason } from './skip-inputs.js'

/**
 * What is analysed as one: a plain input, a rotated set (its parts oldest first, read as one
 * stream), or paired inputs of one server read side by side (each member a plain input or a
 * rotated set). See docs/inputs.md.
 */
export interface InputUnit {
  /** One or more members; each is one or more parts, oldest first. */
  readonly members: readonly (readonly InputSource[])[]
  /** The members' roles when they are paired (`members.length` ≥ 2), else `undefined`. */
  readonly roles: readonly PairRole[] | undefined
  /** Parts read only up to a moment: a mirror's lines the next set holds from then on (mirror-logs.ts). */
  readonly cuts?: ReadonlyMap<InputSource, MirrorCut> | undefined
}

/** Settings of {@link planInputs}. */
export interface PlanOptions {
  readonly logFormats: LogFormatRegistry
  /** The forced log format (`--log-format`), if any. */
  readonly logFormat?: string | undefined
  /** The log format forced for one file (a ProFTPD ExtendedLog's declared LogFormat), if any; `logFormat` wins. */
  readonly logFormatFor?: ((path: string) => string | undefined) | undefined
  /** Pair transfer logs with protocol logs of the same server. @default true */
  readonly pairing?: boolean | undefined
  readonly timeZone: string
  readonly year?: number | undefined
  readonly now: number
}

/** Bytes read from the head of each file to find its log format and first timestamp. */
const PEEK_BYTES = 256 * 1024
const PEEK_LINES = 500

/**
 * Plans the analysis of resolved inputs:
 * 1. inputs that resolve to the same file (same path, or same device and inode: a symlink found
 *    in a folder, a hard link) are kept once, with a notice naming both; a duplicate under another
 *    path is also listed in `skipped` ("same file as PATH"), so that `inputs[]` names every path;
 * 2. files of one logrotate set (same folder and base name, same log format) become one unit,
 *    ordered oldest first by their first timestamp, then their suffix;
 * 3. with `pairing`, rotated sets of one log format that hold the same lines (a syslog daemon
 *    writing `syslog` and `messages`) are counted once (see mirror-logs.ts), and transfer logs
 *    and protocol logs of one server family whose time spans overlap become one paired unit.
 * Steps 2 and 3 read the head of every regular file (at most 256 KiB) once there are two or more;
 * pipes, devices and standard input are always analysed alone.
 * Never throws for a file it cannot read: such a file stays a plain unit and fails when analysed.
 * @returns units in the order of their first input, the duplicates skipped and the notices.
 */
export async function planInputs(
  inputs: readonly InputSource[],
  options: PlanOptions,
): Promise<{ units: InputUnit[]; skipped: SkippedInput[]; notices: string[] }> {
  const notices: string[] = []
  const skipped: SkippedInput[] = []
  const seen = new Map<string, string>()
  let kept: InputSource[] = []
  for (const input of inputs) {
    if (input.path === '-') {
      kept.push(input)
      continue
    }
    const id = await fileIdentity(input.path)
    const first = id === undefined ? undefined : seen.get(id)
    if (first !== undefined) {
      if (first === input.path) notices.push(`${input.path} was ${input.origin === 'folder' ? 'named and found again in a folder' : 'named twice'}; it was read once`)
      else {
        notices.push(`${input.path} is the same file as ${first}; it was read once`)
        skipped.push({ path: input.path, size: input.size, reason: sameFileReason(first) })
      }
      continue
    }
    if (id !== undefined) seen.set(id, input.path)
    kept.push(input)
  }
  // Only regular files are peeked and grouped: reading the head of a FIFO would consume it.
  const files = kept.filter((i) => i.path !== '-' && i.size !== undefined)
  if (files.length < 2) return { units: kept.map(plain), skipped, notices }

  const scan = scanContext(options)
  const peeked = await peekAll(files, options, scan)
  const info = new Map(files.map((f, i) => [f, peeked[i]!]))
  const candidates = files.map((f) => ({ path: f.path, input: f, firstTime: info.get(f)?.firstTime, logFormat: info.get(f)?.format?.name }))
  let groups: (readonly InputSource[])[] = groupRotatedSets(candidates).map((g) => g.map((c) => c.input))
  let cuts: ReadonlyMap<InputSource, MirrorCut> = new Map()
  if (options.pairing !== false) {
    const mirrors = await mirroredSets(groups, info, scan)
    groups = mirrors.sets
    cuts = mirrors.cuts
    skipped.push(...mirrors.skipped)
    notices.push(...mirrors.notices)
    const gone = new Set(mirrors.skipped.map((s) => s.path))
    kept = kept.filter((k) => !gone.has(k.path))
  }

  // Pairing: union of transfer-log members with overlapping protocol-log members of their server.
  const parent = groups.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)))
  const formatOf = (g: readonly InputSource[]): LogFormatDefinition | undefined => info.get(g[0]!)?.format
  if (options.pairing !== false) {
    for (let t = 0; t < groups.length; t++) {
      const tf = formatOf(groups[t]!)
      if (!tf || pairRole(tf) !== 'transfer') continue
      for (let p = 0; p < groups.length; p++) {
        const pf = formatOf(groups[p]!)
        if (!pf || !canPair(tf, pf) || !overlaps(span(groups[t]!, info), span(groups[p]!, info))) continue
        parent[find(t)] = find(p)
      }
    }
  }
  if (options.pairing !== false) notices.push(...overlappingProtocolLogs(groups, formatOf, (g) => info.get(g[0]!)?.firstTime))
  const byRoot = new Map<number, number[]>()
  for (let i = 0; i < groups.length; i++) {
    const r = find(i)
    const list = byRoot.get(r)
    if (list) list.push(i)
    else byRoot.set(r, [i])
  }
  const unitOf = new Map<InputSource, InputUnit>()
  for (const members of byRoot.values()) {
    const unit: InputUnit = {
      ...(members.length === 1
        ? { members: [groups[members[0]!]!], roles: undefined }
        : { members: members.map((i) => groups[i]!), roles: members.map((i) => pairRole(formatOf(groups[i]!)!)!) }),
      ...(members.some((i) => groups[i]!.some((p) => cuts.has(p))) ? { cuts } : {}),
    }
    for (const m of unit.members) for (const part of m) unitOf.set(part, unit)
  }
  const units: InputUnit[] = []
  const added = new Set<InputUnit>()
  for (const input of kept) {
    const unit = unitOf.get(input) ?? plain(input)
    if (added.has(unit)) continue
    added.add(unit)
    units.push(unit)
  }
  return { units, skipped, notices }
}

function plain(input: InputSource): InputUnit {
  return { members: [[input]], roles: undefined }
}


/**
 * What reading heads and tails of files shares: one time context, dated by each file's
 * modification time (`dateFor`), and each log format compiled once.
 */
interface ScanContext {
  dateFor(input: InputSource): void
  compile(definition: LogFormatDefinition): CompiledLogFormat
}

function scanContext(options: PlanOptions): ScanContext {
  const time: { -readonly [K in keyof TimeContext]: TimeContext[K] } = {
    timeZone: options.timeZone,
    year: options.year,
    referenceTime: options.now,
    usage: { yearless: 0, zoneless: 0 },
  }
  const compileOptions = { definitions: options.logFormats.list() }
  const compiled = new Map<LogFormatDefinition, CompiledLogFormat>()
  return {
    dateFor(input) {
      time.referenceTime = input.mtimeMs ?? options.now
    },
    compile(definition) {
      let format = compiled.get(definition)
      if (!format) compiled.set(definition, (format = compileLogFormat(definition, time, compileOptions)))
      return format
    },
  }
}

/** {@link findMirrors} over the rotated sets whose log format is known. */
async function mirroredSets(groups: readonly (readonly InputSource[])[], info: ReadonlyMap<InputSource, Peeked>, scan: ScanContext): ReturnType<typeof findMirrors> {
  // Only sets that share their log format with another can mirror one.
  const names = groups.map((g) => info.get(g[0]!)?.format?.name)
  const sets = groups.flatMap((parts) => {
    const def = info.get(parts[0]!)?.format
    if (def === undefined || names.indexOf(def.name) === names.lastIndexOf(def.name)) return []
    return [{ parts, format: scan.compile(def), firstTimes: parts.map((p) => info.get(p)?.firstTime) }]
  })
  const plan = await findMirrors(sets, scan.dateFor)
  // Other sets stay where they were; a joined mirror takes its primary's place, a skipped one none.
  const considered = new Set(sets.map((s) => s.parts))
  const out: (readonly InputSource[])[] = []
  for (const g of groups) {
    const s = considered.has(g) ? plan.sets.find((x) => x.includes(g[0]!)) : g
    if (s && !out.includes(s)) out.push(s)
  }
  return { ...plan, sets: out }
}

interface Peeked {
  readonly format: LogFormatDefinition | undefined
  readonly firstTime: number | undefined
  readonly mtimeMs: number | undefined
}

async function peekAll(files: readonly InputSource[], options: PlanOptions, scan: ScanContext): Promise<Peeked[]> {
  const formats: CompiledLogFormat[] =
    options.logFormat !== undefined ? [scan.compile(options.logFormats.get(options.logFormat))] : options.logFormats.list().map((d) => scan.compile(d))
  const out: Peeked[] = []
  for (const file of files) {
    scan.dateFor(file)
    const own = options.logFormat === undefined ? options.logFormatFor?.(file.path) : undefined
    const forced = own !== undefined ? [scan.compile(options.logFormats.get(own))] : formats
    out.push(await peek(file, forced, options.logFormat !== undefined || own !== undefined, scan.compile))
  }
  return out
}

/** The log format and first timestamp of a file, from its head. */
async function peek(file: InputSource, formats: readonly CompiledLogFormat[], forced: boolean, compile: (d: LogFormatDefinition) => CompiledLogFormat): Promise<Peeked> {
  const lines: string[] = []
  try {
    await readLines(
      createReadStream(file.path, { start: 0, end: PEEK_BYTES - 1 }),
      {
        line(text) {
          if (lines.length < PEEK_LINES) lines.push(text)
        },
        overlong() {},
      },
      { maxLineBytes: 64 * 1024 },
    )
  } catch {
    // A head cut inside gzip data, a binary or unreadable file: use what was read.
  }
  for (const f of formats) f.reset()
  const format = forced ? formats[0] : detectLogFormat(lines, withInferredLayout(lines, formats, compile))?.format
  if (!format) return { format: undefined, firstTime: undefined, mtimeMs: file.mtimeMs }
  format.reset()
  let firstTime: number | undefined
  for (let i = 0; i < lines.length && firstTime === undefined; i++) firstTime = format.parse(lines[i]!, i + 1)?.record.time
  format.reset()
  return { format: format.definition, firstTime, mtimeMs: file.mtimeMs }
}

/** A member's time span: its first timestamp to its newest part's modification time (either open). */
function span(parts: readonly InputSource[], info: ReadonlyMap<InputSource, Peeked>): [number, number] {
  const first = info.get(parts[0]!)?.firstTime ?? Number.NEGATIVE_INFINITY
  const last = parts[parts.length - 1]!.mtimeMs ?? Number.POSITIVE_INFINITY
  return [first, Math.max(first, last)]
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1]
}

/** Protocol logs of one server family whose first lines are this close (ms) may log the same sessions. */
const SAME_START_MS = 60 * 1000

/**
 * A notice for each set of protocol logs of one server family that start together (first
 * timestamps within a minute: a ProFTPD TraceLog beside its ExtendedLog and SystemLog): they
 * may log the same sessions, and each one's events are counted, so such an event would count
 * once per log. Two servers of one family (two vsftpd hosts) look the same from here, so nothing
 * is dropped: the notice says it out loud. Only a file's head is read here, so the start is the
 * test, not the whole time span.
 */
function overlappingProtocolLogs(
  groups: readonly (readonly InputSource[])[],
  formatOf: (g: readonly InputSource[]) => LogFormatDefinition | undefined,
  startOf: (g: readonly InputSource[]) => number | undefined,
): string[] {
  const protocol = groups.filter((g) => {
    const f = formatOf(g)
    return f !== undefined && pairRole(f) === 'protocol'
  })
  const done = new Set<readonly InputSource[]>()
  const notices: string[] = []
  for (const g of protocol) {
    if (done.has(g)) continue
    const family = formatOf(g)!.server
    const set = [g]
    for (let i = 0; i < set.length; i++) {
      for (const h of protocol) {
        const a = startOf(set[i]!)
        const b = startOf(h)
        if (!set.includes(h) && formatOf(h)!.server === family && a !== undefined && b !== undefined && Math.abs(a - b) <= SAME_START_MS) set.push(h)
      }
    }
    for (const h of set) done.add(h)
    if (set.length < 2) continue
    const names = set.map((m) => m[m.length - 1]!.path)
    notices.push(
      `${names.join(', ')} are ${family} protocol logs that start together: if one server wrote them, an event logged in several is counted once per log; analyse one of them`,
    )
  }
  return notices
}
