import { stripControlChars } from '../formatters/escape.js'
import { displayWidth } from '../formatters/text-layout.js'
import type { Doc, DocBlock } from './document.js'

/** Options of {@link renderTextDocument}. */
export interface TextDocumentOptions {
  /** Column to wrap paragraphs at. @default 80 */
  readonly width?: number | undefined
}

const INDENT = '  '
/** A table column is not narrowed below this many characters; past that, rows become records. */
const MIN_WRAPPED_COLUMN = 24

/**
 * Renders a document for a terminal: headings flush left, bodies indented and wrapped, tables as
 * aligned columns. Every string passes through `stripControlChars`, so reply texts and user
 * input cannot move the cursor or change colours.
 */
export function renderTextDocument(doc: Doc, options: TextDocumentOptions = {}): string {
  const width = Math.max(40, options.width ?? 80)
  const out: string[] = []
  let previous: DocBlock['kind'] | undefined
  // Blocks after a subheading are indented one more level, until the next heading.
  let nested = false
  for (const block of doc) {
    const afterHeading = previous === 'heading' || previous === 'title' || previous === 'subheading'
    if (previous !== undefined && (block.kind === 'heading' || block.kind === 'title' || (block.kind === 'paragraph' && !afterHeading && previous !== 'paragraph'))) out.push('')
    if (block.kind === 'heading' || block.kind === 'title') nested = false
    const lines = renderBlock(block, width - (nested && block.kind !== 'subheading' ? INDENT.length : 0))
    out.push(...(nested && block.kind !== 'subheading' ? lines.map((l) => (l === '' ? l : INDENT + l)) : lines))
    if (block.kind === 'subheading') nested = true
    previous = block.kind
  }
  return `${out.join('\n')}\n`
}

function renderBlock(block: DocBlock, width: number): string[] {
  const s = stripControlChars
  switch (block.kind) {
    case 'title':
      return [s(block.text), '='.repeat(Math.min(width, displayWidth(s(block.text))))]
    case 'heading':
      return [s(block.text)]
    case 'subheading':
      return [`${INDENT}${s(block.text)}`]
    case 'paragraph':
      return wrap(s(block.text), width, INDENT, INDENT)
    case 'quote':
      return block.text.split(/\r\n|\r|\n/).map((l) => `${INDENT}${INDENT}${s(l)}`)
    case 'fields': {
      const labelWidth = Math.max(...block.rows.map(([l]) => displayWidth(s(l))))
      return block.rows.flatMap(([label, value]) => {
        const head = `${INDENT}${pad(s(label), labelWidth)}  `
        return wrap(s(value), width, head, ' '.repeat(displayWidth(head)))
      })
    }
    case 'list':
      return block.items.flatMap((item, i) => {
        const bullet = block.ordered ? `${i + 1}. ` : '- '
        return wrap(s(item), width, `${INDENT}${bullet}`, `${INDENT}${' '.repeat(bullet.length)}`)
      })
    case 'table': {
      const cells = [block.columns, ...block.rows].map((r) => r.map((c) => s(c)))
      const widths = block.columns.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))))
      const total = (): number => displayWidth(INDENT) + widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1)
      // Too wide: first narrow the widest column (its cells wrap), then fall back to one record per row.
      const widest = widths.indexOf(Math.max(...widths))
      if (total() > width) widths[widest] = Math.max(MIN_WRAPPED_COLUMN, widths[widest]! - (total() - width))
      if (total() > width) return cells.slice(1).flatMap((r) => record(cells[0]!, r, width))
      const lines = (r: readonly string[]): string[] => {
        const wrapped = r.map((c, i) => (i === widest ? wrap(c, widths[i]!, '', '') : [c]))
        const height = Math.max(...wrapped.map((w) => w.length))
        return Array.from({ length: height }, (_, k) =>
          `${INDENT}${wrapped.map((w, i) => (i === r.length - 1 ? (w[k] ?? '') : pad(w[k] ?? '', widths[i]!))).join('  ')}`.trimEnd(),
        )
      }
      return [...lines(cells[0]!), ...lines(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).flatMap(lines)]
    }
    case 'links':
      return block.links.map((l) => `${INDENT}${s(l.label)}${l.url ? `  ${s(l.url)}` : ''}`)
    default:
      return assertNever(block)
  }
}

function record(columns: readonly string[], row: readonly string[], width: number): string[] {
  const labelWidth = Math.max(...columns.slice(1).map(displayWidth))
  const lines = wrap(row[0] ?? '', width, `${INDENT}`, `${INDENT}  `)
  for (let i = 1; i < columns.length; i++) {
    const value = row[i] ?? ''
    if (value === '') continue
    const head = `${INDENT}${INDENT}${pad(columns[i]!, labelWidth)}  `
    lines.push(...wrap(value, width, head, ' '.repeat(displayWidth(head))))
  }
  return lines
}

/** Greedy word wrap; words longer than the line are left whole. */
function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = []
  let line = first
  let empty = true
  for (const word of text.split(/ +/)) {
    if (word === '') continue
    const room = width - displayWidth(line)
    if (!empty && displayWidth(word) + 1 > room) {
      lines.push(line)
      line = rest + word
    } else line += empty ? word : ` ${word}`
    empty = false
  }
  lines.push(line.trimEnd())
  return lines
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

function assertNever(x: never): never {
  throw new Error(`unexpected block ${JSON.stringify(x)}`)
}
