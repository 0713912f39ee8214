import { InvalidDefinitionError } from '../errors.js'
import type { RecordKind } from '../model/log-record.js'
import type { TimestampParser } from '../time/timestamp-parser.js'
import { indexNamedGroups } from './capture-groups.js'
import { createRecordBuilder, type Captures, type Groups, type RecordBuilder } from './record-builder.js'
import { schemaDefaults } from './schema-defaults.js'
import type { FieldName, PatternDefinition } from './schema.js'

/** One pattern ready to match: its regexes, pre-filters and record builder. Built once per compile. */
export interface PatternEntry {
  readonly definition: PatternDefinition
  /** The pattern as written, with named groups (for tools and sample checks); none for synthetic entries. */
  readonly regex: RegExp | undefined
  /**
   * The same pattern with its named groups made plain (see capture-groups.ts): matching reads
   * `m[i]` instead of V8 building a `groups` object per line, a measurable share of the per-line cost.
   * `undefined` for entries whose captures are a groups object.
   */
  readonly fast: RegExp | undefined
  /** A literal the text must contain before `fast` is tried. */
  readonly guard: string | undefined
  /** Line-context states the entry applies in; `undefined`: any. */
  readonly inState: ReadonlySet<string> | undefined
  readonly build: RecordBuilder
  /** Reads a named group from this entry's captures. */
  readonly read: (g: Captures, name: FieldName) => string | undefined
  /** Reads the `rest` group (a second record glued to the line), on every parsed line, without a name lookup. */
  readonly readRest: (g: Captures) => string | undefined
}

/** Captures of entries that capture nothing (markers, headers, other programs' lines). Frozen, shared. */
export const NO_GROUPS: Groups = Object.freeze({})

/** No outer groups: for patterns that apply to bare lines only. */
export const NO_FIELDS: ReadonlySet<string> = new Set()

/**
 * A pattern definition for lines recognised without a regex of their own (header rows, JSON
 * records, envelope markers, other programs' lines); its `regex` is `^$` and never used. Fields
 * not given take the schema's defaults ({@link schemaDefaults}).
 */
export function syntheticPattern(
  id: string,
  kind: RecordKind,
  options: { readonly weak?: boolean; readonly set?: PatternDefinition['set']; readonly map?: PatternDefinition['map'] } = {},
): PatternDefinition {
  return { ...schemaDefaults().pattern, id, regex: '^$', kind, ...options }
}

const readNamed = (g: Captures, name: FieldName): string | undefined => (g as Groups)[name]
const readNamedRest = (g: Captures): string | undefined => (g as Groups).rest
const noRest = (): undefined => undefined

/**
 * An entry whose captures are a groups object (JSON records, synthetic entries, header rows).
 * @param regex the header regex to list for tools, if any; it is not used to match.
 */
export function namedEntry(definition: PatternDefinition, parseTime?: TimestampParser, regex?: RegExp): PatternEntry {
  return { definition, regex, fast: undefined, guard: undefined, inState: undefined, build: createRecordBuilder(definition, parseTime, undefined), read: readNamed, readRest: readNamedRest }
}

/**
 * An entry matched through its indexed regex.
 * @param regex the compiled pattern with its named groups (see expand-pattern.ts).
 * @param nulls cell values meaning "no value", or `undefined`.
 * @param outer the groups a wrapper or envelope may add around the pattern ({@link NO_FIELDS} for bare-only patterns).
 * @throws InvalidDefinitionError when the pattern uses a named backreference (`\k<name>`).
 */
export function indexedEntry(
  definition: PatternDefinition,
  regex: RegExp,
  parseTime: TimestampParser | undefined,
  nulls: ReadonlySet<string> | undefined,
  outer: ReadonlySet<string>,
): PatternEntry {
  let indexed: ReturnType<typeof indexNamedGroups>
  try {
    indexed = indexNamedGroups(regex.source)
  } catch (error) {
    throw new InvalidDefinitionError(`pattern ${definition.id}: ${(error as Error).message}`)
  }
  const indexOf = indexed.indexOf
  const restAt = indexOf.get('rest')
  return {
    definition,
    regex,
    fast: new RegExp(indexed.source, 'u'),
    guard: definition.guard,
    inState: definition.inState ? new Set(definition.inState) : undefined,
    build: createRecordBuilder(definition, parseTime, nulls, { indexOf, outer }),
    read: (g, name) => {
      const i = indexOf.get(name)
      return i === undefined ? undefined : (g as RegExpExecArray)[i]
    },
    readRest: restAt === undefined ? noRest : (g) => (g as RegExpExecArray)[restAt],
  }
}

/** Lines of a program no log format claims (syslog, journal): recognised, kind `not-ftp`, weak. */
export const NOT_FTP_ENTRY = namedEntry(syntheticPattern('other-program', 'not-ftp', { weak: true }))
/** Envelope markers (journal boot lines, `-- MARK --`): recognised, kind `meta`, weak. */
export const MARKER_ENTRY = namedEntry(syntheticPattern('envelope-marker', 'meta', { weak: true }))
