import type { Comparison } from './compare-codes.js'
import type { DocBlock, Doc } from './document.js'
import { codeFields, factSections } from './explanation-document.js'
import type { Headings } from './heading-keys.js'

/** Lays out a comparison in the order of the reply-code pages, with headings in the given language. */
export function comparisonDocument(c: Comparison, h: Headings): Doc {
  const blocks: DocBlock[] = [
    { kind: 'title', text: `FTP ${c.a.code} ${c.a.shortName} vs ${c.b.code} ${c.b.shortName}` },
    ...c.summary.map((text): DocBlock => ({ kind: 'paragraph', text })),
  ]
  for (const f of [c.a, c.b]) {
    blocks.push({ kind: 'heading', text: `${f.code} ${f.shortName}` }, { kind: 'fields', rows: codeFields(f, h) })
    blocks.push(...factSections(f, h).map((b): DocBlock => (b.kind === 'heading' ? { kind: 'subheading', text: b.text } : b)))
  }
  blocks.push({ kind: 'heading', text: h.keyDifferences }, { kind: 'list', ordered: true, items: c.differences })
  blocks.push({ kind: 'heading', text: h.whenToUseWhich }, { kind: 'list', ordered: false, items: c.whenToUseWhich.map((w) => `${w.code} (${w.shortName}): ${w.advice}`) })
  blocks.push({ kind: 'heading', text: h.learnMore }, { kind: 'links', links: [...c.learnMore] })
  return blocks
}
