/**
 * The generated parts of docs/: each lies in its file between a start marker
 * (`<!-- generated: NAME … -->`) and `<!-- end generated: NAME -->`, and is rendered here from
 * the data it documents. `test/docs/generated-docs.test.ts` fails when a committed part differs
 * from its rendering; `UPDATE_DOCS=1 npx vitest run test/docs/generated-docs.test.ts` rewrites them.
 */
import { z } from 'zod'
import { createCatalog } from '../src/catalog/catalog.js'
import { serverSettingFacts } from '../src/catalog/server-settings.js'
import { logFormatsMarkdown } from '../src/cli/commands/formats.js'
import { escapeMarkdown, inlineCode } from '../src/formatters/escape.js'
import { createLogFormatRegistry } from '../src/log-formats/registry.js'
import { reportSchema } from '../src/report/report-schema.js'

/** One generated part: the file (relative to the repository root), its marker name and its text. */
export interface GeneratedPart {
  readonly file: string
  readonly name: string
  readonly source: string
  render(): string
}

/** A JSON Schema node, as far as the report's schema uses it. */
interface JsonSchemaNode {
  type?: string | string[]
  const?: unknown
  enum?: unknown[]
  anyOf?: JsonSchemaNode[]
  items?: JsonSchemaNode
  properties?: Record<string, JsonSchemaNode>
  additionalProperties?: JsonSchemaNode | boolean
  required?: string[]
  description?: string
  title?: string
  minimum?: number
  maximum?: number
  maxItems?: number
}

/** The type of a JSON Schema node in a few words: `integer ≥ 0`, `"pass" | "fail"`, `string | null`. */
function typeOf(node: JsonSchemaNode): string {
  if (node.anyOf) return node.anyOf.map(typeOf).join(' \\| ')
  if (node.const !== undefined) return inlineCode(JSON.stringify(node.const))
  if (node.enum) return node.enum.map((v) => inlineCode(JSON.stringify(v))).join(' \\| ')
  const type = Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any')
  if (type === 'array') return `array of ${node.items?.title ?? (node.items ? typeOf(node.items) : 'any')}${node.maxItems !== undefined ? ` (≤ ${node.maxItems})` : ''}`
  if (type === 'object' && !node.properties && typeof node.additionalProperties === 'object') {
    return `object: string → ${typeOf(node.additionalProperties)}`
  }
  if (type === 'object' && node.title) return node.title
  // zod writes ±Number.MAX_SAFE_INTEGER as the bounds of every int: not worth a word.
  const bound = (n: number | undefined) => n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER
  const bounds = [bound(node.minimum) ? `≥ ${node.minimum}` : '', bound(node.maximum) ? `≤ ${node.maximum}` : ''].filter(Boolean)
  return bounds.length > 0 ? `${type} ${bounds.join(', ')}` : type
}

/** The object a node describes, looking through `T | null`. */
function objectOf(node: JsonSchemaNode): JsonSchemaNode | undefined {
  if (node.properties) return node
  if (node.anyOf) return node.anyOf.find((n) => n.properties)
  return undefined
}

/** Table rows for every field under `node`, depth first, with dotted paths (`incidents[].advice.steps`). */
function fieldRows(node: JsonSchemaNode, prefix: string, rows: string[]): void {
  const object = objectOf(node)
  if (!object?.properties) return
  for (const [key, child] of Object.entries(object.properties)) {
    const path = `${prefix}${key}`
    const optional = object.required?.includes(key) ? '' : ' (optional)'
    const description =
      child.description ?? child.items?.description ?? objectOf(child)?.description ?? child.anyOf?.find((n) => n.description)?.description ?? ''
    rows.push(`| ${inlineCode(path)} | ${typeOf(child)}${optional} | ${escapeMarkdown(description)} |`)
    fieldRows(child, `${path}.`, rows)
    if (child.items) fieldRows(child.items, `${path}[].`, rows)
  }
}

/** docs/report-schema.md's field table, from the zod report schema's `.meta` descriptions. */
export function reportSchemaMarkdown(): string {
  const schema = z.toJSONSchema(reportSchema, { io: 'output' }) as JsonSchemaNode
  const rows = ['| field | type | meaning |', '| --- | --- | --- |']
  fieldRows(schema, '', rows)
  return `${rows.join('\n')}\n`
}

/** docs/causes.md's body, from the catalog: each cause with its advice, server messages and rules. */
export function causesMarkdown(): string {
  const catalog = createCatalog()
  const out = ['| cause | severity | title |', '| --- | --- | --- |']
  for (const c of catalog.causes.values()) out.push(`| [${inlineCode(c.id)}](#${c.id}) | ${c.severity} | ${escapeMarkdown(c.title)} |`)
  for (const c of catalog.causes.values()) {
    out.push('', `### ${c.id}`, '', `**${escapeMarkdown(c.title)}** (${c.severity}). ${escapeMarkdown(c.description)}`, '')
    out.push(`Advice: ${escapeMarkdown(c.advice.summary)}`, '')
    c.advice.steps.forEach((step, i) => out.push(`${i + 1}. ${escapeMarkdown(step)}`))
    const messages = catalog.messages.filter((m) => m.cause === c.id)
    if (messages.length > 0) {
      out.push('', 'Server messages classified as this cause:', '')
      for (const m of messages) {
        const code = m.code === null ? 'log line' : String(m.code)
        const settings = m.directives.map((d) => inlineCode(d.default === undefined ? d.name : `${d.name} (default ${d.default})`))
        out.push(`- ${m.server} ${code}: ${escapeMarkdown(m.title ?? m.id)}${settings.length > 0 ? `; ${settings.join(', ')}` : ''}`)
      }
    }
    const rules = catalog.rules.filter((r) => r.cause === c.id)
    if (rules.length > 0) {
      out.push('', 'Context rules:', '')
      for (const r of rules) out.push(`- ${inlineCode(r.id)} (${r.stage}): ${escapeMarkdown(r.description)}`)
    }
  }
  return `${out.join('\n')}\n`
}

/**
 * The settings table of docs/server-config.md: per server, each directive of
 * src/catalog/server-settings.json with its default, the replies it governs and the thresholds
 * of `ftplog check-config`.
 */
function serverSettingsMarkdown(): string {
  const out: string[] = []
  for (const server of ['vsftpd', 'proftpd', 'pure-ftpd'] as const) {
    out.push(`### ${server}`, '', '| directive | default | unit | replies, causes | check-config | source |', '| --- | --- | --- | --- | --- | --- |')
    for (const f of serverSettingFacts().filter((x) => x.server === server)) {
      const name = [f.directive, ...(f.flags ?? [])].map(inlineCode).join(' ')
      const governs = [...f.codes.map(String), ...f.causes].join(', ') || '—'
      const lint = f.lint
        ? [f.lint.errorBelow !== undefined ? `error < ${f.lint.errorBelow}` : '', f.lint.warningBelow !== undefined ? `warning < ${f.lint.warningBelow}` : '', f.lint.zeroMeans ? `0 = ${f.lint.zeroMeans}` : '']
            .filter(Boolean)
            .join(', ')
        : '—'
      const source = escapeMarkdown(f.note ? `${f.source}; ${f.note}` : f.source)
      out.push(`| ${name} | ${f.default === null ? '—' : escapeMarkdown(f.default)} | ${f.unit} | ${governs} | ${lint} | ${source} |`)
    }
    out.push('')
  }
  return `${out.join('\n')}`
}

/** Every generated part of docs/. */
export const GENERATED_PARTS: readonly GeneratedPart[] = [
  {
    file: 'docs/log-formats.md',
    name: 'log-formats',
    source: '`ftplog formats -f markdown`',
    render: () => logFormatsMarkdown(createLogFormatRegistry().list()),
  },
  { file: 'docs/report-schema.md', name: 'report-schema', source: 'src/report/report-schema.ts', render: reportSchemaMarkdown },
  { file: 'docs/causes.md', name: 'causes', source: 'src/catalog/ (causes.json, messages/, rules.json)', render: causesMarkdown },
  { file: 'docs/server-config.md', name: 'server-settings', source: 'src/catalog/server-settings.json', render: serverSettingsMarkdown },
]

/** The start marker of a part. */
export const startMarker = (part: GeneratedPart): string =>
  `<!-- generated: ${part.name} from ${part.source} by scripts/gen-docs.ts; edit the source, not this part -->`
/** The end marker of a part. */
export const endMarker = (part: GeneratedPart): string => `<!-- end generated: ${part.name} -->`

/**
 * The text between a part's markers in `doc`, or `undefined` when a marker is missing.
 */
export function committedPart(doc: string, part: GeneratedPart): string | undefined {
  const start = doc.indexOf(startMarker(part))
  const end = doc.indexOf(endMarker(part))
  if (start < 0 || end < start) return undefined
  return doc.slice(start + startMarker(part).length + 1, end)
}

/** `doc` with the part between its markers replaced by `text`. @throws Error when a marker is missing. */
export function replacePart(doc: string, part: GeneratedPart, text: string): string {
  const start = doc.indexOf(startMarker(part))
  const end = doc.indexOf(endMarker(part))
  if (start < 0 || end < start) throw new Error(`${part.file}: markers of ${part.name} missing`)
  return `${doc.slice(0, start + startMarker(part).length)}\n${text}${doc.slice(end)}`
}
