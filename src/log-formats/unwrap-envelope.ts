import { createTimestampParserChain, type TimeContext, type TimestampParser } from '../time/timestamp-parser.js'
import type { FormatUnit } from './compile-unit.js'
import type { EnvelopesData } from './envelope-schema.js'
import { compilePattern } from './expand-pattern.js'
import { parseJsonObject, scalar } from './json-records.js'
import { fillMatch, matchFirst, type LineMatch } from './match-engine.js'
import { MARKER_ENTRY, NO_GROUPS, NOT_FTP_ENTRY } from './pattern-entry.js'
import type { Groups } from './record-builder.js'

/** The syslog / journal envelopes compiled for one log format (see envelopes.json). */
export interface EnvelopeRuntime {
  readonly text: readonly { readonly regex: RegExp; readonly parser: TimestampParser | undefined; readonly knownOnly: boolean }[]
  readonly json: readonly { readonly def: EnvelopesData['json'][number]; readonly parser: TimestampParser }[]
  readonly markers: readonly RegExp[]
}

/** The groups a journal JSON envelope fills for the wrapped message (see {@link unwrapEnvelope}). */
export const ENVELOPE_OUTER_FIELDS = ['program', 'session', 'host', 'time'] as const

/**
 * Compiles the envelopes for a log format that reads enveloped lines.
 * @param defines, formatName the log format's regex fragments and name (for errors).
 * @throws InvalidDefinitionError naming the log format and envelope when an envelope regex is invalid.
 */
export function compileEnvelopes(envelopes: EnvelopesData, defines: Readonly<Record<string, string>>, formatName: string, time: TimeContext): EnvelopeRuntime {
  const owner = `log format ${formatName}`
  return {
    text: envelopes.text.map((e) => ({
      regex: compilePattern(e.regex, defines, `${owner}, envelope ${e.id}`),
      parser: e.timestamp ? createTimestampParserChain([e.timestamp.format, ...e.timestamp.also], e.timestamp.zone, time) : undefined,
      knownOnly: e.knownProgramsOnly,
    })),
    json: envelopes.json.map((e) => ({ def: e, parser: createTimestampParserChain([e.timestamp.format, ...e.timestamp.also], e.timestamp.zone, time) })),
    markers: envelopes.markers.map((m) => new RegExp(m.regex, 'u')),
  }
}

/**
 * Reads a line as an enveloped line: a marker; a text envelope (RFC 3164, RFC 5424, ISO) or a
 * `journalctl -o json` object whose program some unit claims, its message matched by that unit's
 * `wrapped` patterns; or another program's line (kind `not-ftp`, in `top`).
 * @param programs program name → the unit that parses its messages.
 * @returns `out`, filled; `null` when the line is a claimed program's but no pattern knows the
 *   message (the line is unrecognised; stop looking); `undefined` when no envelope fits.
 */
export function unwrapEnvelope(
  line: string,
  envelopes: EnvelopeRuntime,
  programs: ReadonlyMap<string, FormatUnit>,
  top: FormatUnit,
  out: LineMatch,
): LineMatch | null | undefined {
  for (const m of envelopes.markers) if (m.test(line)) return fillMatch(out, MARKER_ENTRY, NO_GROUPS, undefined, undefined, top)
  for (const env of envelopes.text) {
    const m = env.regex.exec(line)
    if (!m) continue
    const outer = m.groups ?? {}
    const unit = programs.get(outer.program ?? '')
    if (!unit) {
      if (env.knownOnly) continue
      return fillMatch(out, NOT_FTP_ENTRY, NO_GROUPS, outer, env.parser, top)
    }
    const body = line.slice(m[0].length)
    return matchFirst(unit.wrapped, body, unit, outer, env.parser, out) ?? null
  }
  if (envelopes.json.length > 0 && line.charCodeAt(0) === 123 /* { */) {
    const obj = parseJsonObject(line)
    if (obj) {
      for (const { def, parser } of envelopes.json) {
        const message = obj[def.message]
        if (typeof message !== 'string') continue
        let program: string | undefined
        for (const k of def.program) {
          const v = obj[k]
          if (typeof v === 'string') {
            program = v
            break
          }
        }
        const outer: Groups = { program, session: scalar(obj[def.session]), host: scalar(obj[def.host]), time: scalar(obj[def.time]) }
        const unit = programs.get(program ?? '')
        if (!unit) return fillMatch(out, NOT_FTP_ENTRY, NO_GROUPS, outer, parser, top)
        return matchFirst(unit.wrapped, message, unit, outer, parser, out) ?? null
      }
    }
  }
  return undefined
}
