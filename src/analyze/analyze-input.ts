import { FtplogError, InputError, UnknownLogFormatError } from '../errors.js'
import { describeFsError, FileSource, type ByteSource, type InputSource } from '../io/open-input.js'
import { CompressedInputError, NotTextError, readLines } from '../io/read-lines.js'
import { compileLogFormat, type CompiledLogFormat, type ParsedLine } from '../log-formats/compile.js'
import { compileContainers, containerOfHead, type ContainerLines } from '../log-formats/container-lines.js'
import { bundledEnvelopes } from '../log-formats/envelopes.js'
import { detectLogFormat, DETECT_LINES, hidesReplyCode } from '../log-formats/detect.js'
import { withInferredLayout } from '../log-formats/infer-proftpd-layout.js'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { LogRecord } from '../model/log-record.js'
import { wordTimeNotices, type TimeNotice } from '../notices.js'
import type { TimeContext } from '../time/timestamp-parser.js'
import { BruteForceDetector } from '../security/brute-force-detector.js'
import { countLoginAttempt } from '../security/security-state.js'
import type { AnalysisEvent } from './analysis-event.js'
import { detach } from '../collections/detach-string.js'
import { analysisRegistries, forcedLogFormat, type AnalysisSettings } from './analysis-settings.js'
import { compileEventFilter, isActiveFilter, matchesTime } from './event-filter.js'
import { addToTimeline } from './reply-timeline.js'
import { IncidentGrouper, type IncidentListener } from './incident-grouper.js'
import { SessionTracker, type TrackerObserver, type TransferFact } from './session-tracker.js'
import { COMPRESSED_CODE, notALogReason, skippedInputSummary } from './skip-inputs.js'
import { emptyInputSummary, emptyState, type AnalysisState, type IncidentEvent, type InputSummary } from './state.js'
// [t11 hook] rotated sets and paired logs (see input-group.ts, log-pairing.ts)
import type { NextPart } from './input-group.js'
import type { PairSide } from './log-pairing.js'
import type { MirrorCut } from './mirror-logs.js'

/** What one call of {@link analyzeSource} is told and tells, besides its settings. */
export interface SourceHooks {
  /** Epoch ms standing in for the modification time of inputs without one (stdin): dates year-less lines. @default Date.now() */
  readonly now?: number | undefined
  readonly signal?: AbortSignal | undefined
  /** Raw bytes read so far. */
  readonly onBytes?: ((bytesRead: number) => void) | undefined
  /** Streaming sink for every reply, login attempt and transfer that passes the filter. */
  readonly onEvent?: ((event: AnalysisEvent) => void) | undefined
  /**
   * Told when an incident opens and when it closes, as the input is read (live mode). An incident
   * closes once the log's time is more than `incidentGapMs` past its last event.
   */
  readonly onIncident?: IncidentListener | undefined
  /** [t11 hook] More files of a rotated set, read after `input` in the same context (oldest first). */
  readonly nextParts?: readonly NextPart[] | undefined
  /** [t11 hook] This input is one side of a pair of logs of one server (see log-pairing.ts). */
  readonly pairing?: PairSide | undefined
  /** A part read only up to a moment: a mirror's lines another file holds from then on (mirror-logs.ts). */
  readonly cutOf?: ((input: InputSource) => MirrorCut | undefined) | undefined
}

/**
 * @deprecated The settings are `AnalysisSettings` now and the rest is {@link SourceHooks}; this
 * name stays while `src/index.ts` exports it.
 */
export type InputAnalysisOptions = SourceHooks

const MAX_UNRECOGNIZED_SAMPLES = 5
const MAX_SAMPLE_CHARS = 200
/** A record split by line feeds in its values (`splitRecords`) is joined from at most this many lines. */
const MAX_SPLIT_RECORD_LINES = 4
/** Lines buffered for detection at most, blank ones included. */
const DETECT_BUFFER_LINES = 500

/**
 * Analyses one input stream: detects (or takes) its log format from the first lines, parses
 * every line, rebuilds sessions and groups incident events. Never throws for content: read
 * errors and unknown formats end up in `inputs[0].error` with the lines read so far counted.
 * `settings` come from `resolveAnalysisSettings` (or a worker's copy of them) and are read as
 * they are; the registries are those of `analysisRegistries(settings)`.
 * @throws only for an aborted `hooks.signal` or invalid definitions in `settings`.
 */
export async function analyzeSource(input: InputSource, stream: ByteSource, settings: AnalysisSettings, hooks: SourceHooks = {}): Promise<AnalysisState> {
  const { logFormats, catalog } = analysisRegistries(settings)
  const state = emptyState()
  let summary = emptyInputSummary(input.path)
  state.inputs.push(summary)
  const pair = hooks.pairing // [t11 hook]
  const grouper = new IncidentGrouper(settings.incidentGapMs, hooks.onIncident)
  // Live mode closes incidents as log time moves on; checked once per second of log time.
  const live = hooks.onIncident !== undefined
  let nextAdvance = Number.NEGATIVE_INFINITY
  const filter = settings.filter
  const filtering = isActiveFilter(filter)
  const passes = compileEventFilter(filter)
  state.security.rule = settings.bruteForce
  const detector = new BruteForceDetector(settings.bruteForce, input.path)
  const onEvent = hooks.onEvent
  let path = input.path
  const observer: TrackerObserver = {
    reply: (code, time, line, text, client, user) => {
      if (pair && code >= 400) pair.reply(code, time, client) // [t11 hook]
      if (matchesTime(filter, time)) addToTimeline(state.timeline, time, code)
      if (!filtering && !onEvent) return
      if (!passes({ time, client, user })) return
      if (filtering) state.matchedEvents!++
      onEvent?.({ kind: 'reply', path, line, time, code, text, client, user })
    },
    login: (ok, client, user, time, line) => {
      if (!passes({ time, client, user })) return
      if (filtering) state.matchedEvents!++
      countLoginAttempt(state.security, ok, client, user)
      if (!ok) detector.add(client, user, time)
      onEvent?.({ kind: 'login', path, line, time, ok, client, user })
    },
    // Without a sink the tracker skips building transfer facts altogether.
    ...(onEvent || pair
      ? {
          transfer: (t: TransferFact) => {
            pair?.transfer(t) // [t11 hook]
            if (onEvent && passes(t)) onEvent({ kind: 'transfer', path, ...t })
          },
        }
      : {}),
  }
  const usage = { yearless: 0, zoneless: 0 }
  const time: { -readonly [K in keyof TimeContext]: TimeContext[K] } = {
    timeZone: settings.timeZone,
    year: settings.year,
    referenceTime: input.mtimeMs ?? hooks.now ?? Date.now(),
    usage,
  }

  let format: CompiledLogFormat | undefined
  /** One tracker per log format: a container (syslog dispatch) feeds several. */
  const trackers = new Map<string, SessionTracker>()
  const addEvent = (e: IncidentEvent): void => {
    if (!passes(e)) return
    if (filtering) state.matchedEvents!++
    grouper.add(e)
  }
  const trackerFor = (def: LogFormatDefinition): SessionTracker => {
    let t = trackers.get(def.name)
    if (!t) {
      t = new SessionTracker({
        // [t11 hook] samples name the part being read
        get path() {
          return path
        },
        definition: def,
        catalog,
        state,
        emit: (e) => {
          if (pair?.event(e, addEvent)) return // [t11 hook]
          addEvent(e)
        },
        observer,
      })
      trackers.set(def.name, t)
    }
    return t
  }
  const compileOptions = { definitions: logFormats.list() }
  /** Head lines held for detection; `null` stands for an overlong line (already counted). */
  let buffered: (string | null)[] | undefined = []
  let nonBlank = 0
  let failed = false

  const setFormat = (def: LogFormatDefinition, how: 'detected' | 'forced'): void => {
    format = format?.definition === def ? format : compileLogFormat(def, time, compileOptions)
    format.reset()
    summary.logFormat = def.name
    summary.detection = how
  }
  const forced = forcedLogFormat(settings, input.path)
  if (forced !== undefined) setFormat(logFormats.get(forced), 'forced')

  const unrecognized = (line: string, lineNo: number): void => {
    summary.unrecognizedLines++
    if (summary.unrecognizedSamples.length < MAX_UNRECOGNIZED_SAMPLES) {
      summary.unrecognizedSamples.push({ line: lineNo, text: line.length > MAX_SAMPLE_CHARS ? `${detach(line.slice(0, MAX_SAMPLE_CHARS))}…` : detach(line) })
    }
  }
  /** Unrecognised lines held while they may be the first lines of a record split by a line feed in a value (`splitRecords`). */
  let held: { text: string; lineNo: number }[] = []
  const flushHeld = (): void => {
    for (const h of held) unrecognized(h.text, h.lineNo)
    held = []
  }
  // A line read as a reply that hides its reply code is not explained: unrecognised, sampled.
  const explained = (p: ParsedLine | undefined): p is ParsedLine => p !== undefined && !hidesReplyCode(p.record)

  /** The part being read stops counting lines at this cut (a mirror's), once `cutReached`. */
  let cut: MirrorCut | undefined
  let cutLeft: Map<string, number> | undefined
  let cutReached = false
  const setCut = (part: InputSource): void => {
    cut = hooks.cutOf?.(part)
    cutLeft = cut && new Map(cut.atFrom)
    cutReached = false
    if (cut) summary.mirror = { of: cut.of, lines: 0 }
  }
  setCut(input)
  /** Whether a parsed line is one the mirrored file holds (then it is counted as mirrored). */
  const mirrored = (record: LogRecord, line: string, lines: number): boolean => {
    const t = record.time
    if (!cutReached && (t === undefined || t < cut!.from)) return false
    if (!cutReached && t === cut!.from) {
      const left = cutLeft!.get(line) ?? 0
      if (left === 0) return false
      cutLeft!.set(line, left - 1)
    } else cutReached = true
    countMirrored(lines)
    return true
  }
  const countMirrored = (lines: number): void => {
    summary.skippedLines += lines
    summary.mirror!.lines += lines
  }

  /** The container runtime's wrapping of every line, removed before reading (decided with the log format). */
  let container: ContainerLines | undefined
  const handle = (raw: string, lineNo: number): void => {
    if (cutReached) return countMirrored(1)
    const line = container === undefined ? raw : (container.unwrap(raw) ?? raw)
    if (line.length === 0 || isBlank(line)) {
      summary.skippedLines++
      return
    }
    const parsed = format!.parse(line, lineNo)
    if (explained(parsed)) {
      flushHeld()
      accept(parsed, line, lineNo, 1)
      return
    }
    if (!format!.definition.splitRecords) {
      unrecognized(line, lineNo)
      return
    }
    // The held lines and this one may be one record whose value holds raw line feeds.
    for (let k = 0; k < held.length; k++) {
      const text = [...held.slice(k).map((h) => h.text), line].join('\n')
      const whole = format!.parse(text, held[k]!.lineNo)
      if (!explained(whole)) continue
      const first = held[k]!.lineNo
      const pieces = held.length - k + 1
      held = held.slice(0, k)
      flushHeld()
      accept(whole, text, first, pieces)
      return
    }
    held.push({ text: line, lineNo })
    if (held.length >= MAX_SPLIT_RECORD_LINES) {
      const oldest = held.shift()!
      unrecognized(oldest.text, oldest.lineNo)
    }
  }
  /** Counts the `lines` lines of one parsed record and reads it (and a record glued to its end). */
  const accept = (parsed: ParsedLine, line: string, lineNo: number, lines: number): void => {
    if (cut && mirrored(parsed.record, line, lines)) return
    if (parsed.record.kind === 'not-ftp') summary.notFtpLines += lines
    else summary.recognizedLines += lines
    feed(parsed.record, line, parsed.definition)
    // A second record glued to the end of this line (vsftpd error lines) is parsed on its own.
    let rest = parsed.rest
    for (let guard = 0; rest !== undefined && guard < 4; guard++) {
      const next = format!.parse(rest, lineNo)
      if (!next) break
      feed(next.record, rest, next.definition)
      rest = next.rest
    }
  }
  const feed = (record: LogRecord, raw: string, def: LogFormatDefinition): void => {
    const t = record.time
    if (t !== undefined) {
      if (summary.firstTime === undefined || t < summary.firstTime) summary.firstTime = t
      if (summary.lastTime === undefined || t > summary.lastTime) summary.lastTime = t
    }
    trackerFor(def).push(record, raw)
    if (pair && t !== undefined) pair.time(t) // [t11 hook]
    if (live && t !== undefined && t >= nextAdvance) {
      nextAdvance = t + 1000
      grouper.advance(t)
    }
  }

  let compiledFormats: CompiledLogFormat[] | undefined
  /**
   * Detects the log format from the buffered head lines and replays them. `tentative` (a live
   * source gone quiet before the head was full) keeps buffering when nothing matches yet.
   */
  const detectNow = (tentative = false): void => {
    const lines = buffered!
    if (!format) {
      // Detection parses the head with every log format: it reads `time` but must not count a
      // year or zone it filled in for a format not chosen (the report states only rules used).
      const detectTime: TimeContext = Object.create(time, { usage: { value: undefined } })
      compiledFormats ??= logFormats.list().map((d) => compileLogFormat(d, detectTime, compileOptions))
      const head = lines.filter((l): l is string => l !== null)
      const detect = (h: readonly string[]) => detectLogFormat(h, withInferredLayout(h, compiledFormats!, (d) => compileLogFormat(d, detectTime, compileOptions)))
      let found = detect(head)
      // Lines a container runtime wrapped are read inside the wrapping when that recognises more of the head.
      const shape = containerOfHead(head, containerShapes())
      if (shape) {
        const inner = detect(head.map((l) => shape.unwrap(l) ?? l))
        if (inner && (!found || inner.matched > found.matched)) {
          found = inner
          container = shape
        }
      }
      if (!found) {
        if (tentative) return
        buffered = undefined
        failed = true
        throw new UnknownLogFormatError(path, logFormats.names(), Math.min(nonBlank, DETECT_LINES))
      }
      setFormat(found.format.definition, 'detected') // compiled afresh, on `time`
    } else if (container === undefined) {
      // A forced log format is read inside a container's wrapping when that parses more of the head.
      const head = lines.filter((l): l is string => l !== null)
      const shape = containerOfHead(head, containerShapes())
      if (shape) {
        const parsed = (h: readonly string[]): number => h.filter((l, i) => format!.parse(l, i + 1) !== undefined).length
        if (parsed(head.map((l) => shape.unwrap(l) ?? l)) > parsed(head)) container = shape
        format.reset()
      }
    }
    if (container) summary.container = container.id
    buffered = undefined
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      if (line !== null) handle(line, i + 1)
    }
  }
  // A followed log may stay short for a long time: detect from what arrived once it goes quiet.
  if (hooks.onIncident && !(stream instanceof FileSource)) {
    stream.on('idle', () => {
      if (buffered && nonBlank > 0) detectNow(true)
    })
  }

  let lineNo = 0
  // [t11 hook] a rotated set is read part after part (oldest first) through the same trackers.
  const parts = [{ input, open: () => stream }, ...(hooks.nextParts ?? [])]
  for (let p = 0; p < parts.length; p++) {
    const last = p === parts.length - 1
    if (p > 0) {
      summary.timeRule = wordTimeNotices(timeNotices(usage, parts[p - 1]!.input, settings))
      usage.yearless = usage.zoneless = 0
      const part = parts[p]!.input
      path = part.path
      time.referenceTime = part.mtimeMs ?? hooks.now ?? Date.now()
      summary = emptyInputSummary(part.path)
      if (container) summary.container = container.id
      if (format) {
        summary.logFormat = format.definition.name
        summary.detection = forced !== undefined ? 'forced' : 'detected'
      } else {
        buffered = []
        nonBlank = 0
        failed = false
      }
      state.inputs.push(summary)
      setCut(part)
      lineNo = 0
    }
    const bytesBefore = state.inputs.reduce((n, i) => n + i.bytes, 0) - summary.bytes
    try {
      await readLines(
        parts[p]!.open(),
        {
          line(text) {
            lineNo++
            summary.lines++
            if (buffered) {
              buffered.push(text)
              if (!isBlank(text)) nonBlank++
              if (nonBlank >= DETECT_LINES || buffered.length >= DETECT_BUFFER_LINES) detectNow()
              return
            }
            handle(text, lineNo)
          },
          overlong() {
            lineNo++
            summary.lines++
            summary.skippedLines++
            summary.overlongLines++
            // Keep line numbers aligned while detection is still buffering.
            if (buffered) buffered.push(null)
          },
        },
        { maxLineBytes: settings.maxLineBytes, signal: hooks.signal, onBytes: (n) => {
          summary.bytes = n
          hooks.onBytes?.(bytesBefore + n)
        } },
      )
      if (buffered && (buffered.length > 0 || format)) {
        if (nonBlank === 0) {
          // Only blank lines (or none): a valid, empty input; a set's next part may still detect.
          summary.skippedLines = buffered.length
          buffered = last || format ? undefined : []
        } else detectNow()
      }
      flushHeld()
    } catch (error) {
      if (hooks.signal?.aborted) {
        for (const t of trackers.values()) t.end()
        pair?.abandon() // [t11 hook]
        throw error
      }
      summary.error = toInputError(error, summary.path)
      if (failed || buffered) {
        // Detection failed or never ran: every line read is unrecognised.
        summary.unrecognizedLines = summary.lines - summary.skippedLines
        summary.recognizedLines = 0
      }
    }
  }
  for (const t of trackers.values()) t.end()
  if (pair) await pair.finish(state) // [t11 hook] waits for the other side, folds held events
  // A file found in a folder that is not an FTP log is skipped, not an error: nothing of it
  // counts. A rotated set is skipped only when none of its parts is a log.
  const notALog = parts.map((part, i) => notALogReason(state.inputs[i]!, part.input))
  if (notALog.every((reason) => reason !== undefined)) {
    const skipped = emptyState()
    parts.forEach((part, i) => skipped.inputs.push(skippedInputSummary({ path: part.input.path, size: part.input.size ?? state.inputs[i]!.bytes, reason: notALog[i]! })))
    return skipped
  }
  summary.timeRule = wordTimeNotices(timeNotices(usage, parts[parts.length - 1]!.input, settings))
  state.incidents = grouper.finish()
  state.security.windows = detector.finish()
  return state
}

let containers: readonly ContainerLines[] | undefined
/** The container shapes of the bundled envelopes, compiled on first use. */
function containerShapes(): readonly ContainerLines[] {
  containers ??= compileContainers(bundledEnvelopes().containers)
  return containers
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 13) return false
  }
  return true
}

function toInputError(error: unknown, path: string): { code: string; message: string } {
  if (error instanceof FtplogError) return { code: error.code, message: error.message }
  if (error instanceof NotTextError) return { code: 'FTPLOG_NOT_TEXT', message: `${path}: ${error.message}` }
  // Data we cannot decompress: an input not read, unless found in a folder beside no log it rotates (see settleCompressedInputs).
  if (error instanceof CompressedInputError) return { code: COMPRESSED_CODE, message: `${path}: ${error.message}` }
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || (error as Error)?.message === 'unexpected end of file') {
    return { code: 'FTPLOG_INPUT', message: `${path}: corrupt or truncated gzip data (${(error as Error).message})` }
  }
  const wrapped = new InputError(path, describeFsError(error))
  return { code: wrapped.code, message: wrapped.message }
}

/**
 * How the input's year-less and zone-less timestamps were completed, as notices (none when no
 * timestamp needed it); `notices.ts` words them for the report.
 */
export function timeNotices(
  usage: { readonly yearless: number; readonly zoneless: number },
  input: Pick<InputSource, 'mtimeMs'>,
  settings: Pick<AnalysisSettings, 'timeZone' | 'year'>,
): TimeNotice[] {
  const notices: TimeNotice[] = []
  if (usage.yearless > 0) {
    if (settings.year !== undefined) notices.push({ code: 'FTPLOG_YEAR_SET', data: { year: settings.year } })
    else if (input.mtimeMs !== undefined) notices.push({ code: 'FTPLOG_YEAR_FROM_MTIME', data: { date: new Date(input.mtimeMs).toISOString().slice(0, 10) } })
    else notices.push({ code: 'FTPLOG_YEAR_FROM_CLOCK', data: {} })
  }
  if (usage.zoneless > 0) {
    const timeZone = settings.timeZone
    notices.push(timeZone === 'UTC' ? { code: 'FTPLOG_ZONE_DEFAULT', data: { timeZone } } : { code: 'FTPLOG_ZONE_SET', data: { timeZone } })
  }
  return notices
}
