import { InvalidDefinitionError } from '../errors.js'
import { bundledReplyData } from './bundled-replies.js'
import type { ReplyDigits, ReplyEntry, ReplyTable, ReplyVariant } from './schema.js'

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

/** Lookup over the reply-code table. Build one with `createReplyRegistry` (reply-registry.ts) or {@link bundledReplyRegistry}. */
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
 * A registry of a validated reply table and digit labels: the bundled ones
 * ({@link bundledReplyRegistry}) or a caller's, validated first (`createReplyRegistry`,
 * reply-registry.ts). Loads no schema, so a command using the bundled table does not load zod.
 * @throws InvalidDefinitionError when the table repeats a code or a variant's textPattern does not compile.
 */
export function replyRegistryOf(parsedTable: ReplyTable, parsedDigits: ReplyDigits): ReplyRegistry {
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

/** The registry of the bundled reply table and digit labels (validated by the build, see {@link bundledReplyData}). */
export function bundledReplyRegistry(): ReplyRegistry {
  const { table, digits } = bundledReplyData()
  return replyRegistryOf(table, digits)
}
