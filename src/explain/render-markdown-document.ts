import { escapeMarkdown, fencedBlock } from '../formatters/escape.js'
import type { Doc, DocBlock } from './document.js'

/**
 * Renders a document as GitHub-flavoured Markdown. Every string goes through
 * `escapeMarkdown` (so `|`, backticks, `<`, brackets and emphasis markers cannot break tables or
 * inject markup), quotes go in fenced blocks longer than any backtick run they contain.
 */
export function renderMarkdownDocument(doc: Doc): string {
  return `${doc.map(renderBlock).join('\n\n')}\n`
}

function renderBlock(block: DocBlock): string {
  const e = escapeMarkdown
  switch (block.kind) {
    case 'title':
      return `# ${e(block.text)}`
    case 'heading':
      return `## ${e(block.text)}`
    case 'subheading':
      return `### ${e(block.text)}`
    case 'paragraph':
      return e(block.text)
    case 'quote':
      return fencedBlock(block.text)
    case 'fields':
      return table(['', ''], block.rows.map(([l, v]) => [`**${e(l)}**`, e(v)]))
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${e(item)}`).join('\n')
    case 'table':
      return table(block.columns.map(e), block.rows.map((r) => r.map(e)))
    case 'links':
      return block.links.map((l) => `- ${l.url ? `[${e(l.label)}](${encodeURI(l.url).replace(/[()]/g, (c) => encodeURIComponent(c))})` : e(l.label)}`).join('\n')
    default:
      return assertNever(block)
  }
}

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n')
}

function assertNever(x: never): never {
  throw new Error(`unexpected block ${JSON.stringify(x)}`)
}
