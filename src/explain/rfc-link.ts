import type { SourceRef } from '../replies/schema.js'

/** A human label and, for RFCs, a link to the section. */
export interface SourceLink {
  /** e.g. `RFC 959 §4.2.2` or `vsftpd 3.0.2 postlogin.c`. */
  readonly label: string
  readonly url: string | undefined
}

/**
 * Turns a registry source into a label and link. RFCs link to the IETF datatracker's HTML
 * rendering, whose section anchors are `#section-N`; other sources keep their `url`, if any.
 */
export function sourceLink(source: SourceRef): SourceLink {
  if (source.rfc !== undefined) {
    const base = `https://datatracker.ietf.org/doc/html/rfc${source.rfc}`
    return {
      label: `RFC ${source.rfc}${source.section ? ` §${source.section}` : ''}`,
      url: source.url ?? (source.section ? `${base}#section-${source.section}` : base),
    }
  }
  return { label: source.ref ?? 'unknown source', url: source.url }
}

/** Unique links in first-seen order, keyed by label. */
export function uniqueLinks(sources: readonly SourceRef[]): SourceLink[] {
  const seen = new Map<string, SourceLink>()
  for (const s of sources) {
    const link = sourceLink(s)
    if (!seen.has(link.label)) seen.set(link.label, link)
  }
  return [...seen.values()]
}
