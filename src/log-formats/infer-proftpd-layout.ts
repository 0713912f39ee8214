import { isFtpCommand } from '../model/ftp-verbs.js'
import type { TimeContext } from '../time/timestamp-parser.js'
import { compileLogFormat, type CompiledLogFormat } from './compile.js'
import { DETECT_LINES } from './detect.js'
import { inferredDefinition } from './inferred-definition.js'
import { proftpdLayoutDefinitions } from './layout-definitions.js'
import layoutsJson from './proftpd-layouts.json' with { type: 'json' }
import type { LogFormatDefinition } from './schema.js'

export { INFERRED_LOG_FORMAT } from './inferred-definition.js'

/** A ProFTPD ExtendedLog layout inferred from a log's head lines. */
export interface InferredLayout {
  /** The ProFTPD `LogFormat` string the lines were written with, e.g. `%h %l %u %t "%r" %s %b`. */
  readonly logFormat: string
  /** `data` when it is one of the layouts in proftpd-layouts.json, `shape` when read from the lines' token shapes. */
  readonly from: 'data' | 'shape'
  /** The log-format definition built from it (named {@link INFERRED_LOG_FORMAT}), validated. */
  readonly definition: LogFormatDefinition
  /** Non-blank head lines it recognises. */
  readonly matched: number
}

interface LayoutEntry {
  readonly id: string
  readonly logFormat: string
  readonly source: string
}
const LAYOUTS: readonly LayoutEntry[] = (layoutsJson as { layouts: LayoutEntry[] }).layouts

/** The LogFormats tried before the shape inference, from proftpd-layouts.json. */
export function candidateProftpdLayouts(): readonly string[] {
  return LAYOUTS.map((l) => l.logFormat)
}

const TIME: TimeContext = { timeZone: 'UTC', year: 2024 }
const cache = new Map<string, LogFormatDefinition | null>()
/** proftpd-layouts.json's definitions, built by the build ({@link proftpdLayoutDefinitions}); on first use. */
let dataDefinitions: ReadonlyMap<string, LogFormatDefinition | null> | undefined

/** The definition for a LogFormat, or `null` when the LogFormat cannot be read (cached). */
function definitionFor(logFormat: string): LogFormatDefinition | null {
  dataDefinitions ??= new Map(proftpdLayoutDefinitions().map((l) => [l.logFormat, l.definition]))
  const known = dataDefinitions.get(logFormat)
  if (known !== undefined) return known
  let def = cache.get(logFormat)
  if (def === undefined) {
    try {
      def = inferredDefinition(logFormat)
    } catch {
      def = null
    }
    if (cache.size > 64) cache.clear()
    cache.set(logFormat, def)
  }
  return def
}

/**
 * Infers the ProFTPD `LogFormat` an ExtendedLog was written with from its first lines: each
 * layout of proftpd-layouts.json (ProFTPD's default, the rich layout of the docs and the lab, an
 * `%{iso8601}`-first one…) and the layout read from the lines' token shapes
 * ({@link layoutFromShapes}) are built with `logFormatFromTemplate` and tried on the head lines;
 * the one recognising most lines wins (data layouts first on ties).
 * Source: ProFTPD doc/modules/mod_log.html (LogFormat variables), modules/mod_log.c.
 * @param lines the log's first lines (blank ones are skipped; at most DETECT_LINES are read).
 * @returns `undefined` when no layout recognises a line, or when half the head or more is a web
 *   server's access log ({@link HTTP_ACCESS}).
 */
export function inferProftpdLayout(lines: readonly string[]): InferredLayout | undefined {
  const head = lines.filter((l) => l.trim().length > 0).slice(0, DETECT_LINES)
  if (head.length === 0) return undefined
  if (head.filter((l) => HTTP_ACCESS.test(l)).length * 2 >= head.length) return undefined
  const tried: { logFormat: string; from: 'data' | 'shape' }[] = LAYOUTS.map((l) => ({ logFormat: l.logFormat, from: 'data' }))
  const shaped = layoutFromShapes(head)
  if (shaped !== undefined && !tried.some((t) => t.logFormat === shaped)) tried.push({ logFormat: shaped, from: 'shape' })
  let best: InferredLayout | undefined
  for (const { logFormat, from } of tried) {
    const definition = definitionFor(logFormat)
    if (!definition) continue
    const format = compileLogFormat(definition, TIME)
    let matched = 0
    for (const line of head) {
      const p = format.match(line)
      if (p && !p.weak && p.kind !== 'not-ftp') matched++
    }
    if (matched > 0 && (!best || matched > best.matched)) best = { logFormat, from, definition, matched }
  }
  return best
}

/**
 * A web server's access-log request (Apache's and nginx's common and combined formats: `"GET /
 * HTTP/1.1" 200 612`) with a status an FTP server does not give an HTTP request. ProFTPD logs a
 * scanner's `GET / HTTP/1.1` too, answered `500` (or 421, 501, 502, 530); a head that is mostly
 * other statuses is an access log, in ProFTPD's shape but not FTP.
 */
const HTTP_ACCESS = /"[A-Z]+ [^" ]* HTTP\/\d(?:\.\d)?" (?!421|50[012]|530)\d{3} /

/**
 * The candidates detection scores for a log's head: `formats`, then, when the head reads as a
 * ProFTPD ExtendedLog in some LogFormat ({@link inferProftpdLayout}), that layout compiled with
 * `compile` (it wins only by recognising more lines than every bundled log format).
 */
export function withInferredLayout(
  lines: readonly string[],
  formats: readonly CompiledLogFormat[],
  compile: (definition: LogFormatDefinition) => CompiledLogFormat,
): readonly CompiledLogFormat[] {
  const inferred = inferProftpdLayout(lines)
  return inferred ? [...formats, compile(inferred.definition)] : formats
}

// ---- layout from token shapes -----------------------------------------------------------------

interface Field {
  readonly text: string
  readonly quoted: boolean
  readonly bracketed: boolean
}

/** Splits a line into space-separated fields: `[...]`, `"..."` (closed by a quote before a space or the end) and bare tokens. */
function fields(line: string): Field[] | undefined {
  const out: Field[] = []
  let i = 0
  while (i < line.length) {
    const ch = line[i]
    let end: number
    if (ch === '[') {
      end = line.indexOf(']', i)
      if (end === -1) return undefined
      end++
      out.push({ text: line.slice(i + 1, end - 1), quoted: false, bracketed: true })
    } else if (ch === '"') {
      end = i + 1
      while (end < line.length && !(line[end] === '"' && (end + 1 === line.length || line[end + 1] === ' '))) end++
      if (end >= line.length) return undefined
      end++
      out.push({ text: line.slice(i + 1, end - 1), quoted: true, bracketed: false })
    } else {
      end = line.indexOf(' ', i)
      if (end === -1) end = line.length
      out.push({ text: line.slice(i, end), quoted: false, bracketed: false })
    }
    if (end < line.length && line[end] !== ' ') return undefined
    i = end + 1
  }
  return out
}

const SHAPES = {
  date: /^\d{4}-\d\d-\d\d$/,
  isoTime: /^\d\d:\d\d:\d\d,\d{3}$/,
  time: /^\d\d:\d\d:\d\d$/,
  clf: /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}$/,
  epoch: /^\d{9,10}$/,
  pid: /^\d+$/,
  ip: /^(?:\d{1,3}(?:\.\d{1,3}){3}|[\da-fA-F]{0,4}(?::[\da-fA-F]{0,4}){2,7})$/,
  verb: /^[A-Z]{3,4}$/,
  request: /^(?:[A-Z]{3,4}(?: .*)?)?$/,
  code: /^(?:\d{3}|-)$/,
  count: /^(?:\d+|-)$/,
  status: /^(?:success|failed|cancelled|timeout|-)$/,
  protocol: /^(?:ftp|ftps|sftp|scp)$/,
  end: /^(?:Quit|Timeout exceeded: |Read EOF|Configured policy|Disconnected|Shutdown|Server is going offline|Session ended)/,
} as const

/**
 * Reads a LogFormat from the token shapes of ExtendedLog lines: the lines with the most common
 * number of fields are compared column by column, and each column is named for the shape all its
 * values share (`2024-01-15 10:24:02,123` → `%{iso8601}`, `2024-01-15 10:24:02` →
 * `%{%Y-%m-%d %H:%M:%S}t`, an address → `%a`, `RETR` → `%m`, a
 * quoted `RETR x` → `"%r"`, `226`/`-` after the command → `%s`, `success|failed|cancelled|timeout`
 * → `%{transfer-status}`, a quoted `Timeout exceeded: …`/`Quit` → `"%E"` …). Columns of no known
 * shape become field-less `%l` (bare) or `"%w"` (quoted).
 * @returns `undefined` when the lines show no command and reply code column.
 */
export function layoutFromShapes(lines: readonly string[]): string | undefined {
  const rows = lines.map(fields).filter((r): r is Field[] => r !== undefined && r.length > 2)
  if (rows.length === 0) return undefined
  const counts = new Map<number, number>()
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1)
  const width = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0]
  const table = rows.filter((r) => r.length === width)
  const col = (i: number): Field[] => table.map((r) => r[i]!)
  const all = (i: number, test: (f: Field) => boolean): boolean => col(i).every(test)
  const bare = (i: number, re: RegExp): boolean => all(i, (f) => !f.quoted && !f.bracketed && re.test(f.text))
  const quoted = (i: number): boolean => all(i, (f) => f.quoted)
  const numbers = (i: number): number => col(i).filter((f) => /^\d+$/.test(f.text)).length
  // A command column holds FTP commands (scanners' odd ones aside): at least half of its values.
  const commands = (i: number, word: (f: Field) => string): boolean => {
    const values = col(i).filter((f) => f.text !== '' && f.text !== '-')
    return values.length > 0 && values.filter((f) => isFtpCommand(word(f))).length * 2 >= values.length
  }
  // %b is the count column after %s that holds numbers most often: %{file-offset} is `-` unless a
  // transfer was resumed, %{transfer-millisecs} a number only where %b is one too (ties: the first).
  const bytes = (i: number): boolean => {
    if (!bare(i, SHAPES.count)) return false
    for (let j = i + 1; j < width; j++) if (bare(j, SHAPES.count) && numbers(j) > numbers(i)) return false
    return true
  }

  const out: string[] = []
  const seen = new Set<string>()
  let last = ''
  const put = (v: string): void => {
    out.push(v)
    seen.add(v)
    last = v
  }
  for (let i = 0; i < width; i++) {
    if (!seen.has('time') && bare(i, SHAPES.date) && i + 1 < width && bare(i + 1, SHAPES.isoTime)) {
      put('%{iso8601}')
      seen.add('time')
      i++
    } else if (!seen.has('time') && bare(i, SHAPES.date) && i + 1 < width && bare(i + 1, SHAPES.time)) {
      // A LogFormat's own time, `%{%Y-%m-%d %H:%M:%S}t` (or `%{time:…}`), read in --timezone.
      put('%{%Y-%m-%d %H:%M:%S}t')
      seen.add('time')
      i++
    } else if (!seen.has('time') && all(i, (f) => f.bracketed && SHAPES.clf.test(f.text))) {
      put('%t')
      seen.add('time')
    } else if (!seen.has('time') && i === 0 && bare(i, SHAPES.epoch)) {
      put('%{epoch}')
      seen.add('time')
    } else if (all(i, (f) => f.bracketed && SHAPES.pid.test(f.text))) put('[%P]')
    else if (bare(i, SHAPES.ip)) put(seen.has('%a') ? '%L' : '%a')
    else if (last === '%a' && bare(i, SHAPES.pid)) put('%{remote-port}')
    else if (!seen.has('cmd') && bare(i, SHAPES.verb) && commands(i, (f) => f.text)) {
      put('%m')
      seen.add('cmd')
    } else if (last === '%m' && quoted(i)) put('"%J"')
    else if (!seen.has('cmd') && quoted(i) && all(i, (f) => SHAPES.request.test(f.text)) && commands(i, (f) => f.text.split(' ')[0]!)) {
      put('"%r"')
      seen.add('cmd')
    } else if (seen.has('cmd') && !seen.has('%s') && bare(i, SHAPES.code) && col(i).some((f) => f.text !== '-')) put('%s')
    else if (last === '%s' && quoted(i)) put('"%S"')
    else if (!seen.has('%{transfer-status}') && seen.has('%s') && bare(i, SHAPES.status) && i + 1 < width && quoted(i + 1)) put('%{transfer-status}')
    else if (last === '%{transfer-status}' && quoted(i) && !col(i).some((f) => SHAPES.end.test(f.text))) put('"%{transfer-failure}"')
    else if (!seen.has('"%E"') && quoted(i) && col(i).some((f) => SHAPES.end.test(f.text))) put('"%E"')
    else if (!seen.has('%b') && seen.has('%s') && bytes(i)) put('%b')
    else if (bare(i, SHAPES.protocol)) put('%{protocol}')
    else if (!seen.has('cmd') && !seen.has('%u') && (last === '%a' || last === '%l' || last === '%{remote-port}') && !quoted(i)) {
      // `%h %l %u`: two bare columns after the address, the first of them RFC 1413's `UNKNOWN`.
      const ident = last === '%a' && i + 1 < width && !col(i + 1).some((f) => f.quoted) && all(i, (f) => f.text === 'UNKNOWN' || f.text === '-')
      put(ident ? '%l' : '%u')
    } else put(quoted(i) ? '"%w"' : '%l')
  }
  if (!seen.has('cmd') || !seen.has('%s')) return undefined
  return out.join(' ')
}
