import type { Catalog } from '../catalog/catalog.js'
import type { Cause } from '../model/cause.js'
import type { ServerFamily } from '../model/server-family.js'
import type { Severity } from '../model/severity.js'
import type { ReplyRegistry } from '../replies/reply-registry.js'
import { codeFacts, serverMessageFacts, type CodeFacts, type ServerMessageFacts } from './code-facts.js'
import { parseReplyCode } from './parse-code.js'

/** Inputs of {@link explainCode}. */
export interface ExplainOptions {
  readonly registry: ReplyRegistry
  readonly catalog: Catalog
  /** Restrict the catalog part to one server family. */
  readonly server?: ServerFamily | undefined
  /** A reply text (with or without its code) or a log message to match against the catalog. */
  readonly message?: string | undefined
}

/** What the analyzer would conclude about `--message` as a reply with this code. */
export interface AnalyzerVerdict {
  readonly incident: boolean
  readonly cause: Cause | null
  readonly causeTitle: string | null
  readonly severity: Severity | null
  /** Catalog entry or context rule that decided; null when nothing did. */
  readonly matchedBy: string | null
  /** The session phase assumed for the verdict. */
  readonly phase: 'logged-in'
}

/** The explanation of one reply code: registry facts plus what servers send with it. */
export interface Explanation {
  readonly kind: 'reply-code'
  readonly query: { readonly code: string; readonly server: ServerFamily | null; readonly message: string | null }
  readonly facts: CodeFacts
  /** The variant the message, command-free context and server select, if any. */
  readonly selectedVariant: string | null
  /**
   * Catalog entries for the code (of `server` when given). With a message, only those whose
   * pattern matches it, log-message entries included.
   */
  readonly serverMessages: readonly ServerMessageFacts[]
  /** With a message: whether any catalog entry matched it; otherwise null. */
  readonly messageMatched: boolean | null
  /** With a message: the analyzer's classification of it; otherwise null. */
  readonly analyzer: AnalyzerVerdict | null
}

/**
 * Explains a reply code from the registry and the server-message catalog.
 * @throws UsageError when `code` is not three digits with a first digit 1–6.
 */
export function explainCode(code: string, options: ExplainOptions): Explanation {
  const c = parseReplyCode(code)
  const { registry, catalog, server } = options
  const facts = codeFacts(registry, c)
  const message = options.message === undefined ? undefined : stripCode(options.message, c)
  const codeNumber = Number(c)

  let entries
  if (message === undefined) entries = catalog.lookup({ server, code: codeNumber })
  else entries = [...catalog.lookup({ server, code: codeNumber, text: message }), ...catalog.lookup({ server, code: null, text: message })]

  const variant = registry.variantFor(c, { ...(message !== undefined ? { text: message } : {}), ...(server ? { server } : {}) })
  let analyzer: AnalyzerVerdict | null = null
  if (message !== undefined) {
    const verdict = catalog.classify({
      trigger: 'reply',
      server: server ?? 'generic',
      code: codeNumber,
      text: message,
      phase: 'logged-in',
      lastCommand: undefined,
      nextReply: undefined,
    })
    const info = verdict ? catalog.causes.get(verdict.cause) : undefined
    analyzer = {
      incident: verdict !== undefined,
      cause: verdict?.cause ?? null,
      causeTitle: info?.title ?? null,
      severity: verdict?.severity ?? null,
      matchedBy: verdict?.matchedBy ?? entries.find((e) => !e.incident)?.id ?? null,
      phase: 'logged-in',
    }
  }
  return {
    kind: 'reply-code',
    query: { code: c, server: server ?? null, message: message ?? null },
    facts,
    selectedVariant: variant?.id ?? null,
    serverMessages: entries.map((m) => serverMessageFacts(catalog, m)),
    messageMatched: message === undefined ? null : entries.length > 0,
    analyzer,
  }
}

/** Removes a leading `421 ` or `421-` when it repeats the code being explained. */
function stripCode(message: string, code: string): string {
  const trimmed = message.trim()
  return trimmed.startsWith(code) && (trimmed[3] === ' ' || trimmed[3] === '-') ? trimmed.slice(4) : trimmed
}
