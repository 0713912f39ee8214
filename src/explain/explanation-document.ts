import { describeCommand, formatDirective, type CodeFacts, type ServerMessageFacts } from './code-facts.js'
import type { DocBlock, Doc } from './document.js'
import type { Explanation } from './explain-code.js'
import type { IisSubstatusExplanation, Win32Explanation } from './explain-windows-status.js'
import type { Headings } from './heading-keys.js'

/** Lays out an explanation of a reply code as a document, with headings in the given language. */
export function explanationDocument(x: Explanation, h: Headings): Doc {
  const f = x.facts
  const blocks: DocBlock[] = [{ kind: 'title', text: `FTP ${f.code} ${f.shortName}` }, { kind: 'fields', rows: codeFields(f, h) }]
  blocks.push(...factSections(f, h))
  if (f.commands.length > 0) blocks.push({ kind: 'heading', text: h.commands }, { kind: 'paragraph', text: f.commands.map(describeCommand).join(', ') })
  if (f.notes.length > 0) blocks.push({ kind: 'heading', text: h.goodToKnow }, { kind: 'list', ordered: false, items: f.notes })
  if (f.variants.length > 0) {
    blocks.push({ kind: 'heading', text: h.variants })
    for (const v of f.variants) {
      const marks = [v.status !== 'standard' ? v.status : undefined, v.confidence !== 'verified' ? v.confidence : undefined, x.selectedVariant === v.id ? 'matches your message' : undefined].filter(Boolean)
      blocks.push({ kind: 'subheading', text: `${v.shortName}${marks.length > 0 ? ` [${marks.join(', ')}]` : ''}` })
      blocks.push({
        kind: 'fields',
        rows: [
          [h.tellApart, v.disambiguator],
          [h.description, v.description],
          [h.whenYouSeeIt, v.whenYouSeeIt],
          [h.howToFix, v.howToFix],
          [h.source, v.sources.map((s) => s.label).join('; ')],
        ],
      })
    }
  }
  blocks.push(...serverSection(x, h))
  blocks.push({ kind: 'heading', text: h.learnMore }, { kind: 'links', links: [...f.sources] })
  return blocks
}

/** The Class/Group/Standard text/Status block shared by `explain` and `compare`. */
export function codeFields(f: CodeFacts, h: Headings): [string, string][] {
  const rows: [string, string][] = [
    [h.class, `${f.class.digit}xx ${f.class.label}: ${f.class.meaning}`],
    [h.group, f.group.label ? `x${f.group.digit}x ${f.group.label}: ${f.group.meaning}` : `x${f.group.digit}x: not assigned by RFC 959`],
  ]
  if (f.standardText) rows.push([h.standardText, f.standardText])
  rows.push([h.status, statusText(f)])
  return rows
}

/** Description, When You See It, How to Fix. */
export function factSections(f: CodeFacts, h: Headings): DocBlock[] {
  return [
    { kind: 'heading', text: h.description },
    { kind: 'paragraph', text: f.description },
    { kind: 'heading', text: h.whenYouSeeIt },
    { kind: 'paragraph', text: f.whenYouSeeIt },
    { kind: 'heading', text: h.howToFix },
    { kind: 'paragraph', text: f.howToFix },
  ]
}

function statusText(f: CodeFacts): string {
  const rfcs = [...new Set(f.sources.filter((s) => s.label.startsWith('RFC ')).map((s) => s.label.split(' §')[0]))]
  const base =
    f.status === 'standard'
      ? `standard${rfcs.length > 0 ? ` (${rfcs.join(', ')})` : ''}`
      : f.status === 'folklore'
        ? 'folklore: defined by no RFC; found only in unofficial lists'
        : f.status === 'unregistered'
          ? 'not in the registry; explained from its digits only'
          : f.status
  return f.confidence && f.confidence !== 'verified' ? `${base}; ${f.confidence} source` : base
}

function serverSection(x: Explanation, h: Headings): DocBlock[] {
  const blocks: DocBlock[] = [{ kind: 'heading', text: x.query.message !== null ? h.catalogMatch : h.serverMessages }]
  const detailed = x.query.server !== null || x.query.message !== null
  if (x.query.message !== null) blocks.push({ kind: 'quote', text: `${x.query.code} ${x.query.message}` })
  if (x.serverMessages.length === 0) {
    const who = x.query.server ?? 'any server'
    blocks.push({
      kind: 'paragraph',
      text:
        x.query.message !== null
          ? `No catalog entry of ${who} matches this text; the general advice for ${x.query.code} above applies.`
          : `The catalog has no ${x.query.code} message of ${who}.`,
    })
  } else if (!detailed) {
    blocks.push({
      kind: 'table',
      columns: ['Server', 'Example', 'Meaning', 'Cause', 'Settings'],
      rows: x.serverMessages.map((m) => [
        m.server + (m.versions ? ` ${m.versions}` : ''),
        m.code === null ? m.example : m.example.slice(4),
        m.title,
        m.incident ? (m.cause ?? '') : 'not an incident',
        m.directives.map((d) => formatDirective(d)).join(', '),
      ]),
    })
  } else {
    for (const m of x.serverMessages) blocks.push(...messageDetail(m, h, x.query.message ?? undefined))
  }
  if (x.analyzer) {
    const a = x.analyzer
    const server = x.query.server ?? 'an unidentified server'
    blocks.push(
      { kind: 'heading', text: h.analyzerVerdict },
      {
        kind: 'paragraph',
        text: a.incident
          ? `In a logged-in session of ${server}, ftplog reports this reply as an incident: ${a.causeTitle} (cause ${a.cause}, severity ${a.severity}), decided by ${a.matchedBy}.`
          : `In a logged-in session of ${server}, ftplog does not report this reply as an incident${a.matchedBy ? ` (known message ${a.matchedBy})` : ''}.`,
      },
    )
  }
  return blocks
}

/** One catalog entry in full: example, cause, settings with defaults, log evidence, advice. */
export function messageDetail(m: ServerMessageFacts, h: Headings, shownMessage?: string): DocBlock[] {
  const label = `${m.server}${m.versions ? ` ${m.versions}` : ''}: ${m.title}`
  const rows: [string, string][] = []
  rows.push([h.cause, m.incident ? `${m.causeTitle} (${m.cause}, ${m.severity})` : 'not an incident'])
  if (m.phase) rows.push(['Phase', m.phase.join(', ')])
  if (m.trigger === 'log-message') rows.push(['Trigger', 'a line in the server log, without a reply code'])
  if (m.directives.length > 0) rows.push([h.settings, m.directives.map((d) => formatDirective(d, true)).join(' | ')])
  if (m.logEvidence) rows.push([h.serverLog, m.logEvidence])
  rows.push([h.source, m.source])
  const example = m.code === null ? m.example : m.example.slice(4)
  return [
    { kind: 'subheading', text: label },
    ...(example === shownMessage ? [] : [{ kind: 'quote', text: m.example } as const]),
    { kind: 'fields', rows },
    { kind: 'paragraph', text: `${h.advice}: ${m.advice.summary}` },
    { kind: 'list', ordered: false, items: m.advice.steps },
  ]
}

/** Lays out the explanation of a Windows error number from IIS logs. */
export function win32Document(x: Win32Explanation, h: Headings): Doc {
  const s = x.status
  const rows: [string, string][] = [
    [h.code, `${s.code} (0x${s.code.toString(16).toUpperCase()}), ${s.kind === 'winsock' ? 'Windows Sockets error' : 'Win32 system error'}`],
    [h.meaning, s.meaning],
    [h.inFtpLogs, s.inFtpLogs],
  ]
  if (s.cause) rows.push([h.cause, s.cause])
  const blocks: DocBlock[] = [
    { kind: 'title', text: `Windows ${s.code} ${s.name}` },
    { kind: 'paragraph', text: `Not an FTP reply code: IIS writes this operating-system number in the sc-win32-status column next to the FTP status.` },
    { kind: 'fields', rows },
  ]
  if (s.folklore) blocks.push({ kind: 'heading', text: h.goodToKnow }, { kind: 'paragraph', text: s.folklore })
  return blocks
}

/** Lays out the explanation of an IIS FTP substatus. */
export function iisSubstatusDocument(x: IisSubstatusExplanation, h: Headings): Doc {
  const s = x.substatus
  const blocks: DocBlock[] = [
    { kind: 'title', text: `IIS FTP substatus ${s.code}` },
    {
      kind: 'fields',
      rows: [
        [h.meaning, s.meaning],
        ['Area', s.area],
        ['Expected', s.expected ? 'yes: a normal event, not a failure' : 'no'],
      ],
    },
  ]
  if (x.serverMessages.length > 0) {
    blocks.push({ kind: 'heading', text: h.catalogMatch })
    for (const m of x.serverMessages) blocks.push(...messageDetail(m, h))
  }
  return blocks
}
