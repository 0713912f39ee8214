import type { Catalog } from '../catalog/catalog.js'
import { UsageError } from '../errors.js'
import type { ReplyRegistry } from '../replies/reply-registry.js'
import { codeFacts, describeCommand, formatDirective, serverMessageFacts, type CodeFacts, type ServerMessageFacts } from './code-facts.js'
import { parseReplyCode } from './parse-code.js'
import type { SourceLink } from './rfc-link.js'

/** How many server messages and settings a comparison names per code before it points to `explain`. */
export const COMPARE_LIST_LIMIT = 6

/** The comparison of two reply codes: the shape of the reply-code pages, built from the registry. */
export interface Comparison {
  readonly kind: 'comparison'
  readonly a: CodeFacts
  readonly b: CodeFacts
  /** The class comparison in one sentence, then what each code means. */
  readonly summary: readonly string[]
  /** Numbered key differences, most general first. */
  readonly differences: readonly string[]
  /** Per code, what to do about it. */
  readonly whenToUseWhich: readonly { readonly code: string; readonly shortName: string; readonly advice: string }[]
  /** Catalog entries for each code (all servers). */
  readonly serverMessages: { readonly a: readonly ServerMessageFacts[]; readonly b: readonly ServerMessageFacts[] }
  /** RFC sections and other sources of both codes, de-duplicated. */
  readonly learnMore: readonly SourceLink[]
}

/**
 * Compares two reply codes. Every fact comes from the registry and the catalog; this function
 * only arranges them into sentences.
 * @throws UsageError when a code is malformed or both codes are the same.
 */
export function compareCodes(first: string, second: string, registry: ReplyRegistry, catalog: Catalog): Comparison {
  const a = codeFacts(registry, parseReplyCode(first))
  const b = codeFacts(registry, parseReplyCode(second))
  if (a.code === b.code) throw new UsageError(`compare needs two different codes, got ${a.code} twice (try ftplog explain ${a.code})`)
  const messagesOf = (f: CodeFacts) => catalog.lookup({ code: Number(f.code) }).map((m) => serverMessageFacts(catalog, m))
  const ma = messagesOf(a)
  const mb = messagesOf(b)

  const summary = [
    a.class.digit === b.class.digit
      ? `FTP ${a.code} (${a.shortName}) and ${b.code} (${b.shortName}) are both ${a.class.digit}xx ${a.class.label} replies; they differ in what they report.`
      : `FTP ${a.code} (${a.shortName}) is a ${a.class.digit}xx ${a.class.label} reply, while ${b.code} (${b.shortName}) is a ${b.class.digit}xx ${b.class.label} reply.`,
    `${a.code} means: ${a.description}`,
    `${b.code} means: ${b.description}`,
  ]

  const differences: string[] = [
    a.class.digit === b.class.digit
      ? `Both are ${a.class.digit}xx ${a.class.label}: ${a.class.meaning}`
      : `Class: ${a.code} is ${a.class.digit}xx ${a.class.label} (${lowerFirst(stripDot(a.class.meaning))}); ${b.code} is ${b.class.digit}xx ${b.class.label} (${lowerFirst(stripDot(b.class.meaning))}).`,
    `Function group (second digit): ${groupPhrase(a)}; ${groupPhrase(b)}.`,
    `${a.code} (${a.shortName}): ${a.description}`,
    `${b.code} (${b.shortName}): ${b.description}`,
    `You see ${a.code} ${lowerFirst(a.whenYouSeeIt)}`,
    `You see ${b.code} ${lowerFirst(b.whenYouSeeIt)}`,
  ]
  if (a.commands.length > 0 || b.commands.length > 0) {
    differences.push(`Commands: ${commandsPhrase(a)}; ${commandsPhrase(b)}.`)
  }
  for (const f of [a, b]) if (f.status !== 'standard') differences.push(`${f.code} is ${statusPhrase(f)}.`)
  for (const f of [a, b]) for (const note of f.notes) differences.push(`${f.code}: ${note}`)
  for (const f of [a, b]) {
    const variants = f.variants.filter((v) => v.confidence !== 'unverified')
    if (variants.length > 0) differences.push(`${f.code} has other meanings by context: ${variants.map((v) => `${v.shortName} (${lowerFirst(stripDot(v.disambiguator))})`).join('; ')}.`)
  }
  for (const [f, messages] of [[a, ma], [b, mb]] as const) {
    const line = serversPhrase(f, messages)
    if (line) differences.push(line)
  }
  for (const [f, messages] of [[a, ma], [b, mb]] as const) {
    const line = settingsPhrase(f, messages)
    if (line) differences.push(line)
  }

  const learnMore = new Map<string, SourceLink>()
  for (const s of [...a.sources, ...b.sources]) if (!learnMore.has(s.label)) learnMore.set(s.label, s)

  return {
    kind: 'comparison',
    a,
    b,
    summary,
    differences,
    whenToUseWhich: [a, b].map((f) => ({ code: f.code, shortName: f.shortName, advice: f.howToFix })),
    serverMessages: { a: ma, b: mb },
    learnMore: [...learnMore.values()],
  }
}

function groupPhrase(f: CodeFacts): string {
  return f.group.label
    ? `${f.code} is in x${f.group.digit}x ${f.group.label} (${f.group.meaning})`
    : `${f.code} is in x${f.group.digit}x, a group RFC 959 does not assign`
}

function commandsPhrase(f: CodeFacts): string {
  if (f.commands.length === 0) return `${f.code} answers no particular command`
  return `${f.code} answers ${f.commands.map(describeCommand).join(', ')}`
}

function statusPhrase(f: CodeFacts): string {
  switch (f.status) {
    case 'folklore':
      return 'folklore: defined by no RFC, found only in unofficial lists'
    case 'non-standard':
      return 'non-standard: sent by real servers but defined by no RFC'
    case 'client-synthesized':
      return 'printed by clients, never sent by a server'
    case 'unregistered':
      return 'not in the registry: no RFC ftplog covers defines it'
    default:
      return 'standard'
  }
}

function serversPhrase(f: CodeFacts, messages: readonly ServerMessageFacts[]): string | undefined {
  const replies = roundRobinByServer(messages.filter((m) => m.trigger === 'reply'))
  if (replies.length === 0) return undefined
  const shown = replies.slice(0, COMPARE_LIST_LIMIT).map((m) => `${m.server} "${m.example.slice(4)}" (${m.incident ? m.cause : 'not an incident'})`)
  const more = replies.length > shown.length ? `, and ${replies.length - shown.length} more (ftplog explain ${f.code} --server NAME)` : ''
  return `What servers send with ${f.code}: ${shown.join('; ')}${more}.`
}

/** Reorders entries so each server's first entry comes before any server's second. */
function roundRobinByServer(messages: readonly ServerMessageFacts[]): ServerMessageFacts[] {
  const queues = new Map<string, ServerMessageFacts[]>()
  for (const m of messages) queues.set(m.server, [...(queues.get(m.server) ?? []), m])
  const out: ServerMessageFacts[] = []
  for (let round = 0; out.length < messages.length; round++) for (const q of queues.values()) if (q[round]) out.push(q[round]!)
  return out
}

function settingsPhrase(f: CodeFacts, messages: readonly ServerMessageFacts[]): string | undefined {
  const seen = new Set<string>()
  const items: string[] = []
  for (const m of messages) {
    if (!m.incident) continue
    for (const d of m.directives) {
      const key = `${m.server} ${d.name}`
      if (seen.has(key)) continue
      seen.add(key)
      items.push(`${m.server} ${formatDirective(d)}`)
    }
  }
  if (items.length === 0) return undefined
  const more = items.length > COMPARE_LIST_LIMIT ? `, and ${items.length - COMPARE_LIST_LIMIT} more` : ''
  return `Settings that govern ${f.code}: ${items.slice(0, COMPARE_LIST_LIMIT).join(', ')}${more}.`
}

function lowerFirst(text: string): string {
  return text.length > 1 && /[A-Z]/.test(text[0]!) && /[a-z ]/.test(text[1]!) ? text[0]!.toLowerCase() + text.slice(1) : text
}

function stripDot(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text
}
