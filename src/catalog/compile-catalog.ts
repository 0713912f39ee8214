import type { Cause } from '../model/cause.js'
import type { ServerFamily } from '../model/server-family.js'
import type { Severity } from '../model/severity.js'
import { InvalidDefinitionError } from '../errors.js'
import { bundledCatalogData } from './bundled-catalog.js'
import { detach } from '../collections/detach-string.js'
import type { Advice, Banner, CatalogData, CauseInfo, ContextRule, Directive, IncidentMessage, Phase, ServerMessage, Trigger } from './schema.js'

/** Everything the classifier knows about one event when it decides its cause. */
export interface EventContext {
  readonly trigger: Trigger
  readonly server: ServerFamily
  /** Reply code, or `null` for log messages and failed-transfer records. */
  readonly code: number | null
  /** Reply text without its code (multi-line replies joined by `\n`), or the log message. */
  readonly text: string
  readonly phase: Phase
  /** The last command the client sent in this session, upper case. */
  readonly lastCommand: string | undefined
  /** The next reply in the same session, once known. */
  /** The next reply in the same session, with the command it answers when the log states it. */
  readonly nextReply: { readonly code: number; readonly text: string; readonly command?: string | undefined } | undefined
  /** The reply before this one in the same session (its text capped at 200 characters). */
  readonly previousReply?: { readonly code: number; readonly text: string } | undefined
}

/** The outcome of classifying an event. */
export interface Classification {
  readonly cause: Cause
  readonly severity: Severity
  /** Id of the catalog message or context rule that decided it. */
  readonly matchedBy: string
  readonly advice: Advice
  readonly directives: readonly Directive[]
  /** Causes this classification replaces when both describe one failure in one session. */
  readonly refines: readonly Cause[]
}

/** What {@link Catalog.lookup} searches for; every field given narrows the search. */
export interface CatalogQuery {
  readonly server?: ServerFamily | undefined
  /** Reply code; `null` for log messages only. Omit to search both. */
  readonly code?: number | null | undefined
  /** Reply text without its code, or a log message; omit to list every entry of the server/code. */
  readonly text?: string | undefined
  /** Skip entries restricted to other phases; omit to keep every phase. */
  readonly phase?: Phase | undefined
}

/** The server-message catalog with its context rules, compiled. Build with `createCatalog` (catalog.ts) or {@link bundledCatalog}. */
export interface Catalog {
  readonly causes: ReadonlyMap<Cause, CauseInfo>
  /** The entries the analyzer reports as incidents, in catalog order. */
  readonly messages: readonly IncidentMessage[]
  /** Known messages that are not incidents (failed logins, missing files, `425 Logout.`). */
  readonly references: readonly ServerMessage[]
  /** Every entry, incidents and references, in catalog order (server files, then their order). */
  readonly entries: readonly ServerMessage[]
  readonly rules: readonly ContextRule[]
  readonly banners: readonly Banner[]
  /**
   * Whether a reply with this code can ever become an incident event. A cheap filter for the
   * per-line hot path: most replies (150, 226, 230…) are not.
   */
  isEventCode(code: number): boolean
  /** Whether some rule needs the next reply to decide an event with this code (lookahead). */
  needsNextReply(code: number): boolean
  /** Whether some rule looks at the reply before an event, so the analyzer must remember it. */
  readonly usesPreviousReply: boolean
  /**
   * Whether some rule looks at a reply with this code before an event. A previous reply with any
   * other code decides those rules as no previous reply would, so the analyzer keeps only these.
   */
  isPrecedingReplyCode(code: number): boolean
  /** Classifies an event, or returns `undefined` when it is not an incident event at all. */
  classify(context: EventContext): Classification | undefined
  /** The server family a 220 banner names, if any fingerprint matches. */
  fingerprint(bannerText: string): ServerFamily | undefined
  /**
   * Every entry (incident or not) that matches the query, in catalog order: what
   * `ftplog explain --server --message` shows. Entries of `generic` match any server.
   */
  lookup(query: CatalogQuery): readonly ServerMessage[]
}

/** Classifications kept per trigger and code, and the longest text kept; the cache is emptied when full. */
const MAX_CACHED_CLASSIFICATIONS = 4096
const MAX_CACHED_TEXT = 512

/** The catalog entries and rules that can decide events of one trigger and code. */
interface Bucket {
  /** Indexes into the catalog's entries, in catalog order. */
  readonly messages: readonly number[]
  readonly overrides: readonly { readonly rule: ContextRule; readonly index: number }[]
  readonly fallbacks: readonly { readonly rule: ContextRule; readonly index: number }[]
  /**
   * Decisions by server, phase and text (`null`: no incident), when no rule of the bucket looks
   * at the commands or replies around the event; `undefined` otherwise.
   */
  readonly cache: Map<string, Classification | null> | undefined
}

/**
 * Compiles the patterns of validated catalog data: the bundled catalog's ({@link bundledCatalog})
 * or a caller's, validated first (`createCatalog`, catalog.ts). Loads no schema, so a command
 * using the bundled catalog does not load zod.
 * @throws InvalidDefinitionError when a pattern does not compile, a cause lacks its description,
 *   or an id repeats.
 */
export function compileCatalog(parsed: CatalogData): Catalog {
  const causes = new Map(parsed.causes.map((c) => [c.id, c]))
  const ids = new Set<string>()
  for (const item of [...parsed.messages, ...parsed.rules]) {
    if (ids.has(item.id)) throw new InvalidDefinitionError(`catalog: id ${item.id} appears twice`)
    ids.add(item.id)
  }
  const compile = (source: string, owner: string): RegExp => {
    try {
      return new RegExp(source, 'iu')
    } catch (error) {
      throw new InvalidDefinitionError(`catalog ${owner}: pattern ${JSON.stringify(source)} does not compile`, { cause: error })
    }
  }
  const entries = parsed.messages
  const messagePatterns = entries.map((m) => compile(m.pattern, m.id))
  const isIncident = (m: ServerMessage): m is IncidentMessage => m.incident && m.cause !== undefined
  const rulePatterns = parsed.rules.map((r) => ({
    text: r.when.textPattern ? compile(r.when.textPattern, r.id) : undefined,
    next: r.when.followedBy?.textPattern ? compile(r.when.followedBy.textPattern, r.id) : undefined,
    previous: r.when.precededBy?.textPattern ? compile(r.when.precededBy.textPattern, r.id) : undefined,
  }))
  const bannerPatterns = parsed.banners.map((b) => compile(b.pattern, `banner ${b.server}`))

  const eventCodes = new Set<number>()
  const lookaheadCodes = new Set<number>()
  const usesPreviousReply = parsed.rules.some((r) => r.when.precededBy !== undefined)
  const precedingCodes = new Set(parsed.rules.flatMap((r) => r.when.precededBy?.codes ?? []))
  for (const m of entries) if (m.code !== null && isIncident(m)) eventCodes.add(m.code)
  for (const r of parsed.rules) {
    for (const code of r.when.codes ?? []) {
      eventCodes.add(code)
      if (r.when.followedBy) lookaheadCodes.add(code)
    }
  }

  const causeInfo = (cause: Cause): CauseInfo => {
    const info = causes.get(cause)
    if (!info) throw new InvalidDefinitionError(`catalog: cause ${cause} has no entry in causes.json`)
    return info
  }
  for (const m of entries) if (m.cause !== undefined) causeInfo(m.cause)
  for (const r of parsed.rules) causeInfo(r.cause)

  const ruleMatches = (rule: ContextRule, index: number, ctx: EventContext): boolean => {
    const w = rule.when
    if (w.triggers && !w.triggers.includes(ctx.trigger)) return false
    if (w.codes && (ctx.code === null || !w.codes.includes(ctx.code))) return false
    if (w.servers && !w.servers.includes(ctx.server)) return false
    if (w.phases && !w.phases.includes(ctx.phase)) return false
    if (w.afterCommands && (ctx.lastCommand === undefined || !w.afterCommands.includes(ctx.lastCommand))) return false
    const patterns = rulePatterns[index]!
    if (patterns.text && !patterns.text.test(ctx.text)) return false
    if (w.followedBy) {
      const next = ctx.nextReply
      if (!next || !w.followedBy.codes.includes(next.code)) return false
      if (patterns.next && !patterns.next.test(next.text)) return false
      if (w.followedBy.commands && (next.command === undefined || !w.followedBy.commands.includes(next.command))) return false
    }
    if (w.precededBy) {
      const previous = ctx.previousReply
      if (!previous || !w.precededBy.codes.includes(previous.code)) return false
      if (patterns.previous && !patterns.previous.test(previous.text)) return false
    }
    return true
  }
  const fromRule = (rule: ContextRule): Classification => {
    const info = causeInfo(rule.cause)
    return {
      cause: rule.cause,
      severity: rule.severity ?? info.severity,
      matchedBy: rule.id,
      advice: rule.advice ?? info.advice,
      directives: rule.directives,
      refines: [],
    }
  }
  const fromMessage = (m: IncidentMessage): Classification => ({
    cause: m.cause,
    severity: m.severity ?? causeInfo(m.cause).severity,
    matchedBy: m.id,
    advice: m.advice,
    directives: m.directives,
    refines: m.refines,
  })
  // Entries and rules by trigger and code, in catalog order: classifying scans only its bucket.
  const buckets = new Map<Trigger, Map<number | null, Bucket>>()
  const bucketOf = (trigger: Trigger, code: number | null): Bucket => {
    let byCode = buckets.get(trigger)
    if (byCode === undefined) buckets.set(trigger, (byCode = new Map()))
    let bucket = byCode.get(code)
    if (bucket === undefined) {
      const applies = (r: ContextRule): boolean => (!r.when.triggers || r.when.triggers.includes(trigger)) && (!r.when.codes || (code !== null && r.when.codes.includes(code)))
      const rules = parsed.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => applies(rule))
      bucket = {
        messages: entries.flatMap((m, i) => (m.trigger === trigger && m.code === code ? [i] : [])),
        overrides: rules.filter(({ rule }) => rule.stage === 'override'),
        fallbacks: rules.filter(({ rule }) => rule.stage === 'fallback'),
        // Without rules on the commands or replies around the event, server, phase and text decide it.
        cache: rules.some(({ rule: { when: w } }) => w.afterCommands || w.followedBy || w.precededBy) ? undefined : new Map(),
      }
      byCode.set(code, bucket)
    }
    return bucket
  }
  const findMessage = (bucket: Bucket, ctx: EventContext, sameServerOnly: boolean): ServerMessage | undefined => {
    const list = bucket.messages
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!
      const m = entries[i]!
      if (sameServerOnly ? m.server !== ctx.server && m.server !== 'generic' : !m.distinctive && m.server !== 'generic') continue
      if (m.phase && !m.phase.includes(ctx.phase)) continue
      if (messagePatterns[i]!.test(ctx.text)) return m
    }
    return undefined
  }
  const decide = (bucket: Bucket, ctx: EventContext): Classification | undefined => {
    for (const { rule, index } of bucket.overrides) if (ruleMatches(rule, index, ctx)) return fromRule(rule)
    // A server we know matches only its own messages; an unknown one (a transcript without a
    // recognised banner) may match any server's, since the texts are distinctive.
    const message = findMessage(bucket, ctx, ctx.server !== 'generic')
    // A known message that is not an incident also keeps the code's fallback rule away.
    if (message) return isIncident(message) ? fromMessage(message) : undefined
    for (const { rule, index } of bucket.fallbacks) if (ruleMatches(rule, index, ctx)) return fromRule(rule)
    return undefined
  }

  return {
    causes,
    messages: entries.filter(isIncident),
    references: entries.filter((m) => !isIncident(m)),
    entries,
    rules: parsed.rules,
    banners: parsed.banners,
    isEventCode: (code) => eventCodes.has(code),
    needsNextReply: (code) => lookaheadCodes.has(code),
    usesPreviousReply,
    isPrecedingReplyCode: (code) => precedingCodes.has(code),
    classify(ctx) {
      if (ctx.trigger === 'reply' && (ctx.code === null || !eventCodes.has(ctx.code))) return undefined
      const bucket = bucketOf(ctx.trigger, ctx.code)
      const cache = bucket.cache
      if (cache === undefined || ctx.text.length > MAX_CACHED_TEXT) return decide(bucket, ctx)
      const key = `${ctx.server}\u0000${ctx.phase}\u0000${ctx.text}`
      const known = cache.get(key)
      if (known !== undefined) return known ?? undefined
      const decided = decide(bucket, ctx)
      if (cache.size >= MAX_CACHED_CLASSIFICATIONS) cache.clear()
      // Copied, so the key does not keep the log line it was cut from alive.
      cache.set(detach(key), decided ?? null)
      return decided
    },
    fingerprint(bannerText) {
      for (let i = 0; i < bannerPatterns.length; i++) if (bannerPatterns[i]!.test(bannerText)) return parsed.banners[i]!.server
      return undefined
    },
    lookup(query) {
      const found: ServerMessage[] = []
      for (let i = 0; i < entries.length; i++) {
        const m = entries[i]!
        if (query.server !== undefined && m.server !== query.server && m.server !== 'generic') continue
        if (query.code !== undefined && m.code !== query.code) continue
        if (query.phase !== undefined && m.phase && !m.phase.includes(query.phase)) continue
        if (query.text !== undefined && !messagePatterns[i]!.test(query.text)) continue
        found.push(m)
      }
      return found
    },
  }
}

/**
 * The bundled catalog (validated by the build, see {@link bundledCatalogData}), compiled; a new
 * catalog on every call.
 */
export function bundledCatalog(): Catalog {
  return compileCatalog(bundledCatalogData())
}
