import type { Catalog } from '../catalog/catalog.js'
import type { Advice, Directive, ServerMessage } from '../catalog/schema.js'
import type { Cause } from '../model/cause.js'
import type { Severity } from '../model/severity.js'
import type { ReplyRegistry } from '../replies/reply-registry.js'
import type { Confidence, ReplyStatus } from '../replies/schema.js'
import { uniqueLinks, type SourceLink } from './rfc-link.js'

/** A variant (second meaning) of a code, with its sources as links. */
export interface VariantFacts {
  readonly id: string
  readonly shortName: string
  readonly status: ReplyStatus
  readonly confidence: Confidence
  readonly disambiguator: string
  readonly description: string
  readonly whenYouSeeIt: string
  readonly howToFix: string
  readonly servers: readonly string[]
  readonly afterCommands: readonly string[]
  readonly sources: readonly SourceLink[]
}

/**
 * Everything the registry says about one code, flattened for rendering. For a well-formed code
 * that the registry lacks, `known` is false and the texts are derived from its digits.
 */
export interface CodeFacts {
  readonly code: string
  readonly known: boolean
  /** `unregistered` when the registry has no entry for the code. */
  readonly status: ReplyStatus | 'unregistered'
  readonly confidence: Confidence | null
  readonly shortName: string
  readonly standardText: string | null
  readonly class: { readonly digit: number; readonly label: string; readonly shortLabel: string; readonly meaning: string }
  readonly group: { readonly digit: number; readonly label: string | null; readonly meaning: string | null }
  readonly description: string
  readonly whenYouSeeIt: string
  readonly howToFix: string
  readonly commands: readonly string[]
  readonly notes: readonly string[]
  readonly variants: readonly VariantFacts[]
  readonly sources: readonly SourceLink[]
}

/** One catalog entry, flattened for rendering. */
export interface ServerMessageFacts {
  readonly id: string
  readonly server: string
  readonly versions: string | null
  readonly trigger: 'reply' | 'log-message'
  readonly code: number | null
  readonly title: string
  /** The first sample as the server sends or logs it. */
  readonly example: string
  readonly pattern: string
  readonly incident: boolean
  readonly cause: Cause | null
  readonly causeTitle: string | null
  readonly severity: Severity | null
  readonly phase: readonly string[] | null
  readonly directives: readonly Directive[]
  readonly logEvidence: string | null
  readonly advice: Advice
  readonly source: string
}

/**
 * Collects the facts about a well-formed code (`/^[1-6]\d\d$/`).
 * @throws Error when the code is malformed; callers validate user input first (`parseReplyCode`).
 */
export function codeFacts(registry: ReplyRegistry, code: string): CodeFacts {
  const d = registry.describe(code)
  if (!d) throw new Error(`codeFacts: ${code} is not a well-formed reply code`)
  const cls = { digit: d.classDigit, label: d.classLabel, shortLabel: d.classShortLabel, meaning: d.classMeaning }
  const group = { digit: d.groupDigit, label: d.groupLabel ?? null, meaning: d.groupMeaning ?? null }
  const e = d.entry
  if (!e) {
    const groupText = group.label ? `the x${group.digit}x group (${group.label}: ${group.meaning})` : `the x${group.digit}x group, which RFC 959 does not assign`
    return {
      code,
      known: false,
      status: 'unregistered',
      confidence: null,
      shortName: `Unregistered ${cls.shortLabel} Reply`,
      standardText: null,
      class: cls,
      group,
      description: `${code} is not in ftplog's registry: none of the RFCs it covers (959, 1123, 2228, 2428, 3659, 4217, 7151 and the commands of 2389 and 2640) defines it, and no studied server sends it. By its digits it is a ${cls.digit}xx ${cls.label} reply in ${groupText}.`,
      whenYouSeeIt: `Only from a server or client that picked this number itself; its text is the only description there is.`,
      howToFix: `Act on the first digit: ${cls.meaning.charAt(0).toLowerCase()}${cls.meaning.slice(1)} Read the reply text for the details.`,
      commands: [],
      notes: [],
      variants: [],
      sources: uniqueLinks(registry.digits.classes[String(cls.digit)]?.sources ?? []),
    }
  }
  return {
    code,
    known: true,
    status: e.status,
    confidence: e.confidence,
    shortName: e.shortName,
    standardText: e.standardText,
    class: cls,
    group,
    description: e.description,
    whenYouSeeIt: e.whenYouSeeIt,
    howToFix: e.howToFix,
    commands: e.commands,
    notes: e.notes,
    variants: e.variants.map((v) => ({
      id: v.id,
      shortName: v.shortName,
      status: v.status,
      confidence: v.confidence,
      disambiguator: v.disambiguator,
      description: v.description,
      whenYouSeeIt: v.whenYouSeeIt,
      howToFix: v.howToFix,
      servers: v.servers,
      afterCommands: v.afterCommands,
      sources: uniqueLinks(v.sources),
    })),
    sources: uniqueLinks(e.sources),
  }
}

/** Flattens a catalog entry, resolving its cause title from the catalog. */
export function serverMessageFacts(catalog: Catalog, m: ServerMessage): ServerMessageFacts {
  const info = m.cause !== undefined ? catalog.causes.get(m.cause) : undefined
  const sample = m.samples[0]!
  return {
    id: m.id,
    server: m.server,
    versions: m.versions ?? null,
    trigger: m.trigger,
    code: m.code,
    title: m.title ?? info?.title ?? m.id,
    example: sample,
    pattern: m.pattern,
    incident: m.incident,
    cause: m.incident ? (m.cause ?? null) : null,
    causeTitle: m.incident ? (info?.title ?? null) : null,
    severity: m.incident ? (m.severity ?? info?.severity ?? null) : null,
    phase: m.phase ?? null,
    directives: m.directives,
    logEvidence: m.logEvidence ?? null,
    advice: m.advice,
    source: m.source,
  }
}

/** `max_clients (default 2000)`, with the note after a semicolon when asked. */
export function formatDirective(d: Directive, withNote = false): string {
  const base = d.default !== undefined ? `${d.name} (default ${d.default})` : d.name
  return withNote && d.note ? `${base}; ${d.note}` : base
}

const COMMAND_WORDS: Readonly<Record<string, string>> = {
  '(connect)': 'the connection itself',
  '(any)': 'any command',
  '(unsolicited)': 'no command at all (sent unprompted)',
}

/** A `commands` item for reading: the placeholders `(connect)`, `(any)`, `(unsolicited)` spelled out. */
export function describeCommand(command: string): string {
  return COMMAND_WORDS[command] ?? command
}
