import { InvalidTemplateError } from '../errors.js'
import { timestampLayoutPattern } from '../time/timestamp-parser.js'
import type { FieldName, LogFormatDefinition, PatternDefinition, SampleDefinition } from './schema.js'
import { schemaDefaults } from './schema-defaults.js'

/** Name of the log format {@link logFormatFromTemplate} builds (what reports show). */
export const TEMPLATE_LOG_FORMAT = 'proftpd-template'

/**
 * How a ProFTPD LogFormat variable is read: the field it fills (if any), whether its value may hold
 * spaces (`text`) or not (`token`), a value shape when it has one, and an example for the sample
 * line the built log format checks itself against. Source: ProFTPD doc/modules/mod_log.html
 * (`LogFormat`), modules/mod_log.c, src/jot.c; ftp-replies.md 4.5.
 */
interface Variable {
  readonly field?: FieldName
  /** When this field is already taken by another variable, fill this one instead (`%h` after `%a`). */
  readonly fallbackFor?: FieldName
  readonly shape: 'token' | 'text'
  /** A regex for the value, when tighter than "any token" (codes, numbers). */
  readonly regex?: string
  readonly example: string
}

const V = (v: Variable): Variable => v
const TOKEN = (example: string): Variable => ({ shape: 'token', example })

const VARIABLES: Record<string, Variable> = {
  a: V({ field: 'client', shape: 'token', example: '192.0.2.10' }),
  h: V({ field: 'client', shape: 'token', example: 'client.example.net' }),
  l: TOKEN('UNKNOWN'),
  u: V({ field: 'user', shape: 'token', example: 'alice' }),
  U: V({ field: 'user', shape: 'token', example: 'alice' }),
  m: V({ field: 'verb', shape: 'token', regex: '[A-Za-z_-]+', example: 'RETR' }),
  r: V({ field: 'command', shape: 'text', example: 'RETR report.pdf' }),
  J: V({ field: 'arg', shape: 'text', example: 'report.pdf' }),
  f: V({ field: 'file', shape: 'text', example: '/home/alice/report.pdf' }),
  F: V({ field: 'file', shape: 'text', example: 'report.pdf' }),
  s: V({ field: 'code', shape: 'token', regex: '\\d{3}|-', example: '226' }),
  S: V({ field: 'text', shape: 'text', example: 'Transfer complete' }),
  b: V({ field: 'bytes', shape: 'token', regex: '\\d+|-', example: '1048576' }),
  T: V({ field: 'seconds', shape: 'token', regex: '[\\d.]+|-', example: '1.250' }),
  E: V({ field: 'message', shape: 'text', example: '-' }),
  'transfer-status': V({ field: 'status', shape: 'token', example: 'success' }),
  'transfer-failure': V({ field: 'message', shape: 'text', example: '-' }),
  A: TOKEN('UNKNOWN'),
  c: TOKEN('-'),
  d: V({ shape: 'text', example: 'pub' }),
  D: V({ shape: 'text', example: '/home/alice/pub' }),
  g: TOKEN('users'),
  H: TOKEN('198.51.100.5'),
  I: TOKEN('120'),
  L: TOKEN('198.51.100.5'),
  O: TOKEN('1048700'),
  p: TOKEN('21'),
  P: TOKEN('4242'),
  R: TOKEN('12'),
  v: V({ shape: 'text', example: 'ProFTPD' }),
  V: TOKEN('ftp.example.com'),
  w: V({ shape: 'text', example: '-' }),
  basename: V({ shape: 'text', example: 'report.pdf' }),
  'file-modified': TOKEN('false'),
  'file-offset': TOKEN('0'),
  'file-size': TOKEN('1048576'),
  gid: TOKEN('100'),
  microsecs: TOKEN('123456'),
  millisecs: TOKEN('123'),
  protocol: TOKEN('ftp'),
  'remote-port': TOKEN('53380'),
  'transfer-millisecs': TOKEN('1250'),
  'transfer-port': TOKEN('40001'),
  'transfer-speed': TOKEN('819.20'),
  'transfer-type': TOKEN('binary'),
  uid: TOKEN('1000'),
  version: TOKEN('1.3.8'),
  // Named values (src/jot.c, parse_long_id): `%{NAME}e` and `%{env:NAME}` an environment variable,
  // `%{note:NAME}` a session note (mod_auth.orig-user, mod_core.rnfr-path…), `%{var:NAME}` a
  // variable; written as they are, `-` when unset.
  env: TOKEN('-'),
  note: V({ shape: 'text', example: 'alice' }),
  var: V({ shape: 'text', example: '-' }),
}

/** How the variables with a name inside are written in an error message. */
const NAMED = new Set(['env', 'note', 'var'])

/** Time variables: the first one in a template gives the record time. */
const TIMES: Record<string, { layout: string; zone: 'local' | 'utc' | 'embedded'; example: string; bracketed: boolean }> = {
  t: { layout: '%d/%b/%Y:%H:%M:%S %z', zone: 'embedded', example: '15/Jan/2024:10:24:02 +0000', bracketed: true },
  iso8601: { layout: '%Y-%m-%d %H:%M:%S,%L', zone: 'local', example: '2024-01-15 10:24:02,123', bracketed: false },
  epoch: { layout: '%s', zone: 'utc', example: '1705314242', bracketed: false },
}

/** A variable with a name inside (`%{note:NAME}`, `%{NAME}e`) has `named` set; the name itself is not kept. */
type Token = { kind: 'literal'; text: string } | { kind: 'var'; name: string; named?: boolean } | { kind: 'time'; name: string; layout?: string }

/**
 * Splits a LogFormat string into literals and variables as ProFTPD's src/jot.c
 * (`pr_jot_parse_logfmt`) does: `%x`, `%{name}` (`%{iso8601}` in any case), `%{env:NAME}`,
 * `%{note:NAME}`, `%{var:NAME}`, `%{time:fmt}`, then `%{NAME}e` and `%{fmt}t`. A `%` that starts
 * no variable (at the end, before a space or another `%`) is written as it is: `%%` is not an
 * escape there, and `%%h` is a percent sign and the remote host. Unknown variables are refused
 * (ProFTPD would write `%z` as it is, and `%{name}` as `name`): they are most likely typos.
 */
function tokenize(template: string): Token[] {
  const out: Token[] = []
  let literal = ''
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!
    if (ch !== '%') {
      literal += ch
      continue
    }
    const next = template[i + 1]
    // A % that starts no variable (at the end, before a space, before another %) is written as it is.
    if (next === undefined || !/[A-Za-z{]/.test(next)) {
      literal += '%'
      continue
    }
    if (literal) out.push({ kind: 'literal', text: literal })
    literal = ''
    if (next === '{') {
      const end = template.indexOf('}', i + 2)
      if (end === -1) throw new InvalidTemplateError(template, `unclosed %{ in ${JSON.stringify(template)}`)
      const name = template.slice(i + 2, end)
      const suffix = template[end + 1]
      const prefix = /^(env|note|var|time):/.exec(name)?.[1]
      // jot.c tries the names it knows before reading `{…}t` and `{…}e` as a time or an environment variable.
      const known = name in VARIABLES || name in TIMES
      if (prefix === 'time') {
        out.push({ kind: 'time', name: 'fmt', layout: name.slice(5) })
        i = end
      } else if (prefix !== undefined) {
        out.push({ kind: 'var', name: prefix, named: true })
        i = end
      } else if (name.toLowerCase() === 'iso8601') {
        out.push({ kind: 'time', name: 'iso8601' })
        i = end
      } else if (!known && suffix === 't') {
        out.push({ kind: 'time', name: 'fmt', layout: name })
        i = end + 1
      } else if (!known && suffix === 'e') {
        out.push({ kind: 'var', name: 'env', named: true })
        i = end + 1
      } else {
        out.push(name in TIMES ? { kind: 'time', name } : { kind: 'var', name })
        i = end
      }
    } else {
      out.push(next === 't' ? { kind: 'time', name: 't' } : { kind: 'var', name: next })
      i++
    }
  }
  if (literal) out.push({ kind: 'literal', text: literal })
  return out
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** Options of {@link logFormatFromTemplate}. */
export interface TemplateOptions {
  /** The definition's name. @default {@link TEMPLATE_LOG_FORMAT} */
  readonly name?: string
  /** The definition's title. @default `ProFTPD ExtendedLog (--template)` */
  readonly title?: string
  /** Detection priority; absent: the schema's default for custom definitions (ahead of every bundled one). */
  readonly priority?: number
  /** Where the LogFormat came from, for the sample's `source`. @default `--template` */
  readonly origin?: string
}

/**
 * Builds a log-format definition from a ProFTPD `LogFormat` string, with every field the schema
 * would default filled in ({@link schemaDefaults}): it compiles as it is, without zod (an inferred
 * layout, infer-proftpd-layout.ts), and `createLogFormatRegistry([def])` validates it and checks
 * its samples like any custom definition. So an ExtendedLog written
 * with any format can be read: `%h %l %u %t "%r" %s %b` or the analyzer-friendly
 * `%{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E"`.
 *
 * Each line becomes an `exchange` (command and reply code) keyed by client. The session's `EXIT`
 * line (`%m` = `EXIT`, or `%r` empty as ProFTPD 1.3.8 writes it) becomes a `disconnect`, carrying
 * `%E`, the end-of-session reason (the reliable trace of timer 421s), when the format has it. A line
 * whose `%{transfer-status}` is `cancelled` or `timeout` carries the message
 * `transfer-status: cancelled|timeout` for the catalog; with `failed`, the message is
 * `%{transfer-failure}` (`Data connection closed`). A quoted value may hold quotes unless one is
 * followed by what follows the value in the LogFormat. The definition carries sample lines rendered
 * from the template, which the registry's sample checks parse back.
 *
 * Values that may hold spaces (`%r`, `%J`, `%S`, `%f`…) are read up to the literal character after
 * them, so quote them in the LogFormat (ProFTPD's own default quotes `%r`).
 * @throws InvalidTemplateError (`data`: `{ template }`) for an unknown variable, a template
 *   without a command or reply variable, or two space-holding values separated only by spaces.
 */
export function logFormatFromTemplate(template: string, options: TemplateOptions = {}): LogFormatDefinition {
  const tokens = tokenize(template)
  if (tokens.length === 0) throw new InvalidTemplateError(template, 'empty LogFormat')
  const used = new Set<FieldName>()
  let timestamp: { format: string; zone: 'local' | 'utc' | 'embedded' } | undefined
  const parts: { main: string; exit: string; ended: string; failed: string }[] = []
  const sample: string[] = []
  const expect: Record<string, string | number> = {}
  const hasExit = tokens.some((t) => t.kind === 'var' && t.name === 'E')
  let hasVerb = false

  // Which variables capture: the first variable of a field wins (%a before %h, %u before %U).
  const owner = new Map<FieldName, number>()
  tokens.forEach((t, i) => {
    if (t.kind !== 'var') return
    const v = VARIABLES[t.name]
    if (v?.field && !owner.has(v.field)) owner.set(v.field, i)
  })
  if (owner.has('client') && tokens.some((t) => t.kind === 'var' && t.name === 'a')) {
    owner.set('client', tokens.findIndex((t) => t.kind === 'var' && t.name === 'a'))
  }
  if (!owner.has('code') && !owner.has('command') && !owner.has('verb')) {
    throw new InvalidTemplateError(template, `${JSON.stringify(template)} has none of %r, %m, %s: nothing to learn about commands or replies`)
  }

  tokens.forEach((t, i) => {
    const next = tokens[i + 1]
    const delimiter = next?.kind === 'literal' ? next.text[0] : undefined
    if (t.kind === 'literal') {
      parts.push({ main: escape(t.text), exit: escape(t.text), ended: escape(t.text), failed: escape(t.text) })
      sample.push(t.text)
      return
    }
    if (t.kind === 'time') {
      const spec = t.name === 'fmt' ? { layout: t.layout!, zone: (t.layout!.includes('%z') ? 'embedded' : 'local') as 'embedded' | 'local', example: '', bracketed: false } : TIMES[t.name]!
      let pattern: string
      try {
        pattern = timestampLayoutPattern(spec.layout)
      } catch (error) {
        throw new InvalidTemplateError(template, `%{${spec.layout}}t: ${(error as Error).message}`)
      }
      const body = timestamp === undefined ? `(?<time>${pattern})` : `(?:${pattern})`
      const re = spec.bracketed ? `\\[${body}\\]` : body
      parts.push({ main: re, exit: re, ended: re, failed: re })
      const example = t.name === 'fmt' ? renderLayout(spec.layout) : spec.example
      sample.push(spec.bracketed ? `[${example}]` : example)
      timestamp ??= { format: spec.layout, zone: spec.zone }
      return
    }
    const v = VARIABLES[t.name]
    if (!v || NAMED.has(t.name) !== (t.named === true)) {
      throw new InvalidTemplateError(template, `unknown LogFormat variable %${t.name.length > 1 ? `{${t.name}}` : t.name} (known: ${Object.keys(VARIABLES)
          .map((k) => (NAMED.has(k) ? `%{${k}:NAME}` : k.length > 1 ? `%{${k}}` : `%${k}`))
          .join(' ')} %{NAME}e %t %{iso8601} %{epoch} %{fmt}t %{time:fmt})`,
      )
    }
    let value: string
    if (v.regex) value = v.regex
    else if (v.shape === 'token' || delimiter === undefined) value = delimiter === undefined && v.shape === 'text' ? '.*' : '[^ ]*'
    else if (delimiter === ' ') {
      const after = tokens[i + 2]
      if ((next as { text: string }).text === ' ' && after?.kind === 'var' && VARIABLES[after.name]?.shape === 'text') {
        throw new InvalidTemplateError(template, `%${t.name} and %${after.name} may both hold spaces and only a space separates them; quote them in the LogFormat`)
      }
      value = '.*?'
    } else if (delimiter === '"') value = `(?:[^"]|"(?!${closing(tokens, i)}))*`
    else value = `[^${escape(delimiter)}]*`
    const captures = v.field !== undefined && owner.get(v.field) === i
    if (captures) used.add(v.field!)
    if (v.field === 'verb' || v.field === 'command') hasVerb = true
    const group = (field: FieldName | undefined): string => (field ? `(?<${field}>${value})` : `(?:${value})`)
    const main = captures && !(hasExit && v.field === 'message' && t.name === 'E') ? group(v.field) : `(?:${value})`
    let exit: string
    if (t.name === 'm') exit = '(?<verb>EXIT)'
    // ProFTPD 1.3.8 writes an empty %r on the EXIT line (older versions wrote `EXIT`).
    else if (t.name === 'r') exit = '(?:EXIT(?: [^"]*)?)?'
    else if (t.name === 'E') exit = `(?<message>${value})`
    else if (v.field === 'message' || v.field === 'command' || v.field === 'verb') exit = `(?:${value})`
    else exit = captures ? group(v.field) : `(?:${value})`
    // A transfer that ended cancelled or timed out: %{transfer-status} becomes the message.
    const ended = t.name === 'transfer-status' ? `(?<message>cancelled|timeout)` : v.field === 'message' ? `(?:${value})` : main
    // A transfer that failed: %{transfer-failure} is the message.
    const failed = t.name === 'transfer-status' ? (captures ? '(?<status>failed)' : 'failed') : t.name === 'transfer-failure' ? `(?<message>${value})` : v.field === 'message' ? `(?:${value})` : main
    parts.push({ main, exit, ended, failed })
    sample.push(v.example)
    if (captures && v.field && !(v.field === 'message' && hasExit)) {
      expect[v.field] = v.field === 'code' || v.field === 'bytes' || v.field === 'seconds' ? Number(v.example) : v.field === 'status' ? 'complete' : v.example
    }
  })

  const main = `^${parts.map((p) => p.main).join('')}$`
  const d = schemaDefaults()
  const patterns: PatternDefinition[] = []
  const samples: SampleDefinition[] = []
  const addPattern = (p: Pick<PatternDefinition, 'id' | 'regex' | 'kind' | 'map'>): number => patterns.push({ ...d.pattern, ...p })
  const addSample = (x: Pick<SampleDefinition, 'line' | 'pattern' | 'expect' | 'source'>): number => samples.push({ ...d.sample, ...x })
  // The EXIT line (ExtendedLog class EXIT) ends the session; with %E it says why.
  if (hasVerb) {
    addPattern({ id: 'session-end', regex: `^${parts.map((p) => p.exit).join('')}$`, kind: 'disconnect', map: { status: STATUS_MAP } })
  }
  const hasStatus = tokens.some((t) => t.kind === 'var' && t.name === 'transfer-status')
  if (hasStatus) {
    addPattern({ id: 'transfer-ended', regex: `^${parts.map((p) => p.ended).join('')}$`, kind: 'exchange', map: { message: ENDED_MAP } })
  }
  const hasFailure = hasStatus && tokens.some((t) => t.kind === 'var' && t.name === 'transfer-failure')
  if (hasFailure) {
    addPattern({ id: 'transfer-failed', regex: `^${parts.map((p) => p.failed).join('')}$`, kind: 'exchange', map: { status: STATUS_MAP } })
  }
  addPattern({ id: 'command', regex: main, kind: 'exchange', map: { status: STATUS_MAP } })
  // The expected values of the rendered sample, for the registry's sample checks.
  delete expect.command
  const origin = options.origin ?? '--template'
  addSample({ line: sample.join(''), pattern: 'command', expect, source: `rendered from ${origin} ${JSON.stringify(template)}` })
  if (hasStatus) {
    const endedLine = tokens.map((t, i) => (t.kind === 'var' && t.name === 'transfer-status' ? 'cancelled' : sample[i]!)).join('')
    addSample({ line: endedLine, pattern: 'transfer-ended', expect: { message: ENDED_MAP.cancelled }, source: 'the rendered line with %{transfer-status} cancelled' })
  }
  if (hasFailure) {
    const failedLine = tokens
      .map((t, i) => (t.kind === 'var' && t.name === 'transfer-status' ? 'failed' : t.kind === 'var' && t.name === 'transfer-failure' ? 'Data connection closed' : sample[i]!))
      .join('')
    addSample({ line: failedLine, pattern: 'transfer-failed', expect: { message: 'Data connection closed' }, source: 'the rendered line with %{transfer-status} failed' })
  }
  if (hasVerb) {
    const exitLine = tokens
      .map((t, i) => {
        if (t.kind !== 'var') return sample[i]!
        if (t.name === 'm') return 'EXIT'
        if (t.name === 'r') return ''
        if (t.name === 'E') return 'Timeout exceeded: TimeoutIdle'
        if (t.name === 's' || t.name === 'b') return '-'
        return sample[i]!
      })
      .join('')
    addSample({ line: exitLine, pattern: 'session-end', expect: hasExit ? { message: 'Timeout exceeded: TimeoutIdle' } : {}, source: 'the EXIT line of the same LogFormat (ProFTPD 1.3.8 writes an empty %r there)' })
  }
  return {
    ...d.definition,
    name: options.name ?? TEMPLATE_LOG_FORMAT,
    ...(options.priority !== undefined ? { priority: options.priority } : {}),
    title: options.title ?? 'ProFTPD ExtendedLog (--template)',
    description: `ProFTPD ExtendedLog lines written with LogFormat ${JSON.stringify(template)}.`,
    server: 'proftpd',
    role: 'server',
    yields: used.has('code') ? 'every logged command with its reply code, transfers from RETR/STOR' : 'logged commands',
    sources: ['ProFTPD doc/modules/mod_log.html (LogFormat variables), modules/mod_log.c', 'ftp-replies.md 4.5'],
    ...(timestamp ? { timestamp: { ...d.timestamp, ...timestamp } } : {}),
    sessions: { ...d.sessions, key: 'client', rebindBy: [] },
    tallyFrom: 'replies',
    // %J, %f, %F… are written byte for byte: an argument holding a line feed splits the line.
    splitRecords: true,
    patterns,
    samples,
  }
}

/**
 * What follows the closing quote of the quoted value at `tokens[i]`: the literal after it (minus
 * that quote), then the next variable's value shape and the literal after that, or the line's end.
 * A quote inside the value (PWD's `257 "/srv" is the current directory` in `"%S"`) is one that is
 * not followed by this, so the value reads without backtracking.
 */
function closing(tokens: readonly Token[], i: number): string {
  const close = tokens[i + 1] as { kind: 'literal'; text: string }
  let out = escape(close.text.slice(1))
  const next = tokens[i + 2]
  if (next === undefined) return `${out}$`
  if (next.kind !== 'var') return out
  const v = VARIABLES[next.name]
  if (!v || v.shape !== 'token') return out
  out += `(?:${v.regex ?? '[^ ]*'})`
  const after = tokens[i + 3]
  if (after === undefined) return `${out}$`
  if (after.kind === 'literal') out += escape(after.text)
  return out
}

/**
 * `%{transfer-status}` values that end a transfer early → the log message the catalog reads
 * (src/catalog/messages/proftpd.json, `proftpd-xfer-cancelled`, `proftpd-xfer-timeout`).
 */
const ENDED_MAP = { cancelled: 'transfer-status: cancelled', timeout: 'transfer-status: timeout' }

/** `%{transfer-status}` values → transfer status. */
const STATUS_MAP = { success: 'complete', failed: 'incomplete', cancelled: 'incomplete', timeout: 'incomplete' }

/** Renders an example timestamp in a strftime layout (for the template's sample line). */
function renderLayout(layout: string): string {
  const values: Record<string, string> = {
    Y: '2024', m: '01', d: '15', e: '15', H: '10', M: '24', S: '02', b: 'Jan', a: 'Mon', A: 'Monday', z: '+0000', L: '123', f: '123456', s: '1705314242', p: 'AM',
  }
  return layout.replace(/%([A-Za-z%])\??/g, (_, t: string) => (t === '%' ? '%' : (values[t] ?? '')))
}
