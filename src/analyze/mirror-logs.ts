import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { FileSource, type InputSource } from '../io/open-input.js'
import type { SkippedInput } from '../io/resolve-inputs.js'
import { readLines } from '../io/read-lines.js'
import type { CompiledLogFormat } from '../log-formats/compile.js'
import { mirrorReason } from './skip-inputs.js'

/**
 * Mirrored logs (see docs/inputs.md "Mirrored syslog files"): two files a syslog daemon writes
 * the same lines to. Debian 11 and older send the `ftp` facility's info, notice and warning
 * messages to both `/var/log/syslog` and `/var/log/messages` (rsyslog.conf), each rotated on its
 * own schedule (syslog daily, 7 kept; messages weekly, 4 kept), so a folder analysis would count
 * every Pure-FTPd or vsftpd (`syslog_enable`) event of the weeks both cover twice.
 *
 * Two rotated sets of one log format mirror each other when, in their lines of an FTP server
 * (not other programs'), one holds every line of the other both where the later one starts and
 * at the end of their newest files. The mirror is then read only where the other has no lines:
 * - it starts earlier: its parts are read up to the moment the other set starts (a
 *   {@link MirrorCut} on the part that moment falls in), then the other set's parts through the
 *   same sessions, as one rotated set; its later parts are skipped;
 * - it starts later: it is skipped.
 * Nothing is decided from names: two logs that differ in one FTP line stay two logs.
 */

/** Where the lines of a mirror's part stop counting: from there on, the other set holds them. */
export interface MirrorCut {
  /** Log time (epoch ms) the other set starts at: lines logged later are not analysed. */
  readonly from: number
  /** The other set's lines logged at `from` exactly (raw text → how many): covered, not analysed. */
  readonly atFrom: ReadonlyMap<string, number>
  /** The other set's first part, which holds the same lines from `from` on. */
  readonly of: string
}

/** One rotated set as {@link planInputs} peeked it. */
export interface PeekedSet {
  /** Its parts, oldest first. */
  readonly parts: readonly InputSource[]
  /** Its log format, compiled for scanning (time context set per part by `dateFor`). */
  readonly format: CompiledLogFormat
  /** The first timestamp of each part (epoch ms), where one was found in its head. */
  readonly firstTimes: readonly (number | undefined)[]
}

/** The outcome of {@link findMirrors}. */
export interface MirrorPlan {
  /** The sets after mirroring: a mirror read before the other set is joined in front of it. */
  readonly sets: (readonly InputSource[])[]
  readonly cuts: Map<InputSource, MirrorCut>
  readonly skipped: SkippedInput[]
  readonly notices: string[]
}

/** FTP lines the comparison where the later set starts needs, at least, in the mirror. */
const MIN_MIRRORED_LINES = 3
/** The comparison where the later set starts reads at most this much log time (ms)… */
const WINDOW_MS = 24 * 60 * 60 * 1000
/** …and at most this many FTP lines of the fuller set. */
const WINDOW_LINES = 200
/** Bytes read from the end of a set's newest file to compare the sets where both end. */
const TAIL_BYTES = 256 * 1024
const MAX_LINE_BYTES = 64 * 1024

interface TimedLine {
  readonly text: string
  readonly time: number
  /** An FTP server's line (not another program's). */
  readonly ftp: boolean
}

/**
 * Finds rotated sets of one log format that mirror each other and plans each to be counted
 * once. Reads the last 256 KiB of each candidate set's newest file and, for a pair whose ends
 * mirror, the lines of both around the later set's start (at most a day or 200 FTP lines).
 * @param dateFor sets the time context's reference for dating year-less timestamps of a part.
 * @returns the sets to analyse (in their order, a joined mirror in its primary's place), the cuts
 *   of parts read up to a moment, the parts skipped as mirrors and a notice per mirror.
 */
export async function findMirrors(sets: readonly PeekedSet[], dateFor: (part: InputSource) => void): Promise<MirrorPlan> {
  const out: MirrorPlan = { sets: sets.map((s) => s.parts), cuts: new Map(), skipped: [], notices: [] }
  const tails = new Map<PeekedSet, Promise<TimedLine[] | undefined>>()
  const tailOf = (s: PeekedSet): Promise<TimedLine[] | undefined> => {
    let t = tails.get(s)
    if (!t) tails.set(s, (t = readTail(s, dateFor)))
    return t
  }
  // A set is a mirror of one primary at most; a primary may have several mirrors, but only one
  // read before it (two would have to be merged line by line where both are read).
  const mirrors = new Set<PeekedSet>()
  const primaries = new Set<PeekedSet>()
  const joined = new Set<PeekedSet>()
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i]!
      const b = sets[j]!
      if (mirrors.has(a) || mirrors.has(b) || a.format.definition.name !== b.format.definition.name) continue
      if (a.firstTimes[0] === undefined || b.firstTimes[0] === undefined) continue
      const [ta, tb] = [await tailOf(a), await tailOf(b)]
      if (ta === undefined || tb === undefined) continue
      // Try b as the mirror of a, then a as b's.
      for (const [mirror, primary, tm, tp] of [[b, a, tb, ta], [a, b, ta, tb]] as const) {
        if (primaries.has(mirror) || !endsMirrored(tm, tp)) continue
        const plan = await startsMirrored(mirror, primary, dateFor)
        if (plan === undefined || (plan.kind === 'earlier' && joined.has(primary))) continue
        apply(out, mirror, primary, plan)
        mirrors.add(mirror)
        primaries.add(primary)
        if (plan.kind === 'earlier') joined.add(primary)
        break
      }
    }
  }
  return out
}

/** How a mirror's start compares with its primary's. */
type StartPlan = { kind: 'later' } | { kind: 'earlier'; cut: MirrorCut; cutPart: number }

function apply(out: MirrorPlan, mirror: PeekedSet, primary: PeekedSet, plan: StartPlan): void {
  const newest = (s: PeekedSet): string => s.parts[s.parts.length - 1]!.path
  const reason = mirrorReason(newest(primary))
  out.sets.splice(out.sets.indexOf(mirror.parts), 1)
  if (plan.kind === 'later') {
    for (const p of mirror.parts) out.skipped.push({ path: p.path, size: p.size, reason })
    out.notices.push(`${newest(mirror)} holds the same lines as ${newest(primary)} (a syslog daemon writing both, or a copy): each line was counted once, from ${newest(primary)}`)
    return
  }
  const kept = mirror.parts.slice(0, plan.cutPart + 1)
  for (const p of mirror.parts.slice(plan.cutPart + 1)) out.skipped.push({ path: p.path, size: p.size, reason })
  out.cuts.set(kept[kept.length - 1]!, plan.cut)
  // The primary's parts are still a set of their own: it has no mirror read before it yet.
  out.sets[out.sets.indexOf(primary.parts)] = [...kept, ...primary.parts]
  out.notices.push(
    `${newest(mirror)} holds the same lines as ${newest(primary)} (a syslog daemon writing both, or a copy): each line was counted once, ` +
      `from ${kept[kept.length - 1]!.path} up to ${new Date(plan.cut.from).toISOString()}, where ${plan.cut.of} starts, and from ${newest(primary)}'s set after that`,
  )
}

/**
 * Whether the mirror's newest lines are all in the primary's: every FTP line of the mirror's
 * tail logged after both tails start is in the primary's tail, there are at least
 * {@link MIN_MIRRORED_LINES}, and the mirror's last one is no later than the primary's last.
 */
function endsMirrored(mirror: readonly TimedLine[], primary: readonly TimedLine[]): boolean {
  if (mirror.length === 0 || primary.length === 0) return false
  const start = Math.max(mirror[0]!.time, primary[0]!.time)
  const lines = mirror.filter((l) => l.time > start)
  if (lines.length < MIN_MIRRORED_LINES) return false
  if (lines[lines.length - 1]!.time > primary[primary.length - 1]!.time) return false
  return includes(primary.filter((l) => l.time > start), lines)
}

/**
 * Compares the two sets where the later one starts. The mirror's FTP lines there must all be in
 * the primary's (at least {@link MIN_MIRRORED_LINES}).
 * @returns `later` when the mirror starts at or after the primary (skip it), `earlier` with the
 *   cut when it starts before (read it up to the primary's start), or `undefined`.
 */
async function startsMirrored(mirror: PeekedSet, primary: PeekedSet, dateFor: (part: InputSource) => void): Promise<StartPlan | undefined> {
  const m0 = mirror.firstTimes[0]!
  const p0 = primary.firstTimes[0]!
  const from = Math.max(m0, p0)
  const read = await linesFrom(primary, from, from + WINDOW_MS, WINDOW_LINES, dateFor)
  const fuller = read.filter((l) => l.ftp)
  if (fuller.length === 0) return undefined
  const to = fuller[fuller.length - 1]!.time
  // More lines than the primary's cannot all be among them: stop reading the mirror there.
  const lines = (await linesFrom(mirror, from, to, fuller.length + 1, dateFor)).filter((l) => l.ftp)
  if (m0 >= p0) {
    // The mirror starts inside the primary's span: all of its lines from its start.
    return lines.length >= MIN_MIRRORED_LINES && includes(fuller, lines) ? { kind: 'later' } : undefined
  }
  // The mirror starts first: compare after the primary's first second (its lines of that second may
  // have been written before the primary's first line, into a part deleted since).
  const after = lines.filter((l) => l.time > from)
  if (after.length < MIN_MIRRORED_LINES || !includes(fuller.filter((l) => l.time > from), after)) return undefined
  const atFrom = new Map<string, number>()
  for (const l of read) if (l.time === from) atFrom.set(l.text, (atFrom.get(l.text) ?? 0) + 1)
  const cutPart = partAt(mirror, from)
  return { kind: 'earlier', cutPart, cut: { from, atFrom, of: primary.parts[0]!.path } }
}

/** The index of the last part whose first timestamp is at or before `time` (0 when none is known). */
function partAt(set: PeekedSet, time: number): number {
  let at = 0
  set.firstTimes.forEach((t, i) => {
    if (t !== undefined && t <= time) at = i
  })
  return at
}

/** Whether the multiset `big` holds every line of `small` (by raw text). */
function includes(big: readonly TimedLine[], small: readonly TimedLine[]): boolean {
  const count = new Map<string, number>()
  for (const l of big) count.set(l.text, (count.get(l.text) ?? 0) + 1)
  for (const l of small) {
    const n = count.get(l.text) ?? 0
    if (n === 0) return false
    count.set(l.text, n - 1)
  }
  return true
}

/**
 * The FTP lines of `set` logged from `from` to `to`, and its other timed lines of the second
 * `from`, read from the part `from` falls in onwards; past `max` FTP lines, only those of the last
 * one's second. So what is held is bounded by `max` and one second of lines, whatever the files'
 * size. A part that cannot be read ends the list.
 */
async function linesFrom(set: PeekedSet, from: number, to: number, max: number, dateFor: (part: InputSource) => void): Promise<TimedLine[]> {
  const found: TimedLine[] = []
  let end = to
  let ftp = 0
  const stop = new AbortController()
  try {
    const first = partAt(set, from)
    for (let p = first; p < set.parts.length && !stop.signal.aborted; p++) {
      const part = set.parts[p]!
      dateFor(part)
      // The part `from` falls in is read from a little before `from`, found by bisection.
      const start = p === first ? await offsetBefore(set.format, part, from - SEEK_MARGIN_MS) : 0
      await readTimedLines(set.format, part, start, stop.signal, (line) => {
        if (stop.signal.aborted || line.time < from) return
        if (line.time > end) return stop.abort()
        // Other programs' lines are compared only in the first second (the cut's `atFrom`).
        if (line.ftp || line.time === from) found.push(line)
        // The last second is read whole: the other set's lines of it are all compared.
        if (line.ftp && ++ftp === max) end = line.time
      })
    }
  } catch {
    // Stopped on purpose, or a part that cannot be read: compare what was found.
  }
  return found
}

/** Bytes read at each probe of {@link offsetBefore}. */
const PROBE_BYTES = 64 * 1024
/** How far before the moment looked for the bisection stops (ms): syslog lines are not strictly in order. */
const SEEK_MARGIN_MS = 60 * 1000

/**
 * A byte offset of a plain file at or before which its lines are logged before `time`: the last
 * probe (by bisection over the file, {@link PROBE_BYTES} read at each) whose first timed line is
 * earlier than `time`. So a scan for `time` does not read and parse the whole part before it (a
 * week of `messages.1` before the day `syslog.6.gz` starts). 0 for gzip data, small files and
 * files that cannot be read.
 */
export async function offsetBefore(format: CompiledLogFormat, part: InputSource, time: number): Promise<number> {
  if (part.size === undefined || part.size < 4 * PROBE_BYTES) return 0
  let file: FileHandle | undefined
  try {
    file = await open(part.path, 'r')
    const buffer = Buffer.alloc(PROBE_BYTES)
    const { bytesRead } = await file.read(buffer, 0, 2, 0)
    if (bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return 0
    let lo = 0
    let hi = part.size
    while (hi - lo > PROBE_BYTES) {
      const mid = Math.floor((lo + hi) / 2)
      const t = await firstTimeAt(format, file, buffer, mid)
      if (t !== undefined && t < time) lo = mid
      else hi = mid
    }
    return lo
  } catch {
    return 0
  } finally {
    format.reset()
    await file?.close()
  }
}

/** The time of the first timed line that starts after byte `offset` within one probe, or `undefined`. */
async function firstTimeAt(format: CompiledLogFormat, file: FileHandle, buffer: Buffer, offset: number): Promise<number | undefined> {
  const { bytesRead } = await file.read(buffer, 0, buffer.length, offset)
  const lines = buffer.toString('utf8', 0, bytesRead).split('\n')
  // The first piece is the end of a line cut by the offset, the last may be cut by the probe's end.
  for (let i = 1; i < lines.length - 1; i++) {
    format.reset()
    const line = lines[i]!
    const t = format.parse(line.endsWith('\r') ? line.slice(0, -1) : line, i)?.record.time
    if (t !== undefined) return t
  }
  return undefined
}

/** The FTP lines of the last {@link TAIL_BYTES} of a set's newest file; `undefined` for gzip data or an unreadable file. */
async function readTail(set: PeekedSet, dateFor: (part: InputSource) => void): Promise<TimedLine[] | undefined> {
  const part = set.parts[set.parts.length - 1]!
  if (part.size === undefined) return undefined
  const found: TimedLine[] = []
  dateFor(part)
  try {
    await readTimedLines(set.format, part, Math.max(0, part.size - TAIL_BYTES), undefined, (line) => {
      if (line.ftp) found.push(line)
    })
  } catch {
    // gzip data read from its middle is no text: the newest file of a set is plain.
    return undefined
  }
  return found
}

/**
 * Reads a file's lines from byte `start` (the first one, a piece of a line, skipped when `start`
 * is past 0; gzip data from its start only) and hands each one with a timestamp to `visit`.
 * The log format's line context is reset before and after.
 * @throws what `readLines` throws: a read error, an abort of `signal`, binary data.
 */
async function readTimedLines(format: CompiledLogFormat, part: InputSource, start: number, signal: AbortSignal | undefined, visit: (line: TimedLine) => void): Promise<void> {
  format.reset()
  let lineNo = 0
  try {
    await readLines(
      start === 0 ? new FileSource(part.path) : createReadStream(part.path, { start }),
      {
        line(text) {
          if (++lineNo === 1 && start > 0) return
          const line = timedLine(format, text, lineNo)
          if (line !== undefined) visit(line)
        },
        overlong() {
          lineNo++
        },
      },
      { maxLineBytes: MAX_LINE_BYTES, signal },
    )
  } finally {
    format.reset()
  }
}

/** A line read with a timestamp, or `undefined`. */
function timedLine(format: CompiledLogFormat, text: string, lineNo: number): TimedLine | undefined {
  const parsed = format.parse(text, lineNo)
  const time = parsed?.record.time
  return time === undefined ? undefined : { text, time, ftp: parsed!.record.kind !== 'not-ftp' }
}
