import { InvalidDefinitionError } from '../errors.js'
import { bundledReplyData } from './bundled-replies.js'
import {
  replyDigitsSchema,
  replyTableSchema,
  type ReplyDigits,
  type ReplyEntry,
  type ReplyTable,
  type ReplyVariant,
} from './schema.js'
import { validate } from '../validate.js'

/** What the registry knows about one code, whether from the table or derived from its digits. */
export interface ReplyDescription {
  /** Three digits, e.g. `"421"`. */
  readonly code: string
  /** First digit, 1–6. */
  readonly classDigit: number
  /** RFC 959 class label, e.g. `Transient Negative Completion`. */
  readonly classLabel: string
  /** Short class label for one-line comparisons, e.g. `Transient Negative`. */
  readonly classShortLabel: string
  readonly classMeaning: string
  /** Second digit, 0–5 (RFC 959 function group); `undefined` label for digits 6–9. */
  readonly groupDigit: number
  readonly groupLabel: string | undefined
  readonly groupMeaning: string | undefined
  /** The table entry, or `undefined` when the code is not in the registry (then only digits explain it). */
  readonly entry: ReplyEntry | undefined
}

/** Lookup over the reply-code table. Build one with {@link createReplyRegistry}. */
export interface ReplyRegistry {
  /** Every entry, ordered by code. */
  readonly entries: readonly ReplyEntry[]
  readonly digits: ReplyDigits
  /** The table entry for a code, if any. */
  get(code: string | number): ReplyEntry | undefined
  /**
   * Describes a well-formed code (`/^[1-6]\d\d$/`) from the table, or from its digits when the
   * table lacks it. Returns `undefined` for anything else (e.g. `42`, `abc`, `700`).
   */
  describe(code: string | number): ReplyDescription | undefined
  /**
   * The variant of a code selected by the reply text, the command before it and the server
   * family, if one matches. A variant with none of `textPattern`, `afterCommands` and `servers`
   * is never selected by context.
   */
  variantFor(code: string | number, context: { text?: string; afterCommand?: string; server?: string }): ReplyVariant | undefined
}

/**
 * A registry of the bundled reply table (validated by the build, see {@link bundledReplyData}),
 * or of a caller's table and digit labels, validated here.
 * @throws InvalidDefinitionError when the table fails its zod schema or repeats a code.
 */
export function createReplyRegistry(table?: unknown, digits?: unknown): ReplyRegistry {
  const bundled = table === undefined || digits === undefined ? bundledReplyData() : undefined
  const parsedTable = table === undefined ? bundled!.table : validate(replyTableSchema, table, 'reply-code table')
  const parsedDigits = digits === undefined ? bundled!.digits : validate(replyDigitsSchema, digits, 'reply-digit labels')
  const byCode = new Map<string, ReplyEntry>()
  for (const entry of parsedTable.codes) {
    if (byCode.has(entry.code)) throw new InvalidDefinitionError(`reply-code table: code ${entry.code} appears twice`)
    byCode.set(entry.code, entry)
  }
  const entries = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))
  const variantPatterns = new Map<ReplyVariant, RegExp>()
  for (const entry of entries) {
    for (const v of entry.variants) {
      if (!v.textPattern) continue
      try {
        variantPatterns.set(v, new RegExp(v.textPattern, 'i'))
      } catch (error) {
        throw new InvalidDefinitionError(`reply-code table: ${entry.code}/${v.id} textPattern does not compile`, { cause: error })
      }
    }
  }

  const describe = (code: string | number): ReplyDescription | undefined => {
    const c = String(code)
    if (!/^[1-6][0-9][0-9]$/.test(c)) return undefined
    const cls = parsedDigits.classes[c[0]!]
    const group = parsedDigits.groups[c[1]!]
    return {
      code: c,
      classDigit: Number(c[0]),
      classLabel: cls?.label ?? 'Unknown',
      classShortLabel: cls?.shortLabel ?? cls?.label ?? 'Unknown',
      classMeaning: cls?.meaning ?? '',
      groupDigit: Number(c[1]),
      groupLabel: group?.label,
      groupMeaning: group?.meaning,
      entry: byCode.get(c),
    }
  }

  return {
    entries,
    digits: parsedDigits,
    get: (code) => byCode.get(String(code)),
    describe,
    variantFor(code, context) {
      const entry = byCode.get(String(code))
      if (!entry) return undefined
      for (const v of entry.variants) {
        const re = variantPatterns.get(v)
        const textOk = re ? context.text !== undefined && re.test(context.text) : true
        const cmdOk =
          v.afterCommands.length === 0 ||
          (context.afterCommand !== undefined && v.afterCommands.includes(context.afterCommand.toUpperCase()))
        const serverOk =
          v.servers.length === 0 || (context.server !== undefined && (v.servers as readonly string[]).includes(context.server))
        if ((re || v.afterCommands.length > 0 || v.servers.length > 0) && textOk && cmdOk && serverOk) return v
      }
      return undefined
    },
  }
}

export type { ReplyTable }
