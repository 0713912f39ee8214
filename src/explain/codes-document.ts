import { formatDirective, type ServerMessageFacts } from './code-facts.js'
import type { Doc } from './document.js'
import type { CodeRow } from './list-codes.js'
import type { IisSubstatus, Win32Status } from '../replies/windows-status-schema.js'

/** The reply-code table, with a legend of the classes it shows. */
export function codesDocument(rows: readonly CodeRow[], title: string): Doc {
  const classes = new Map(rows.map((r) => [r.classDigit, r.classLabel]))
  return [
    { kind: 'title', text: title },
    {
      kind: 'table',
      columns: ['Code', 'Class', 'Short name', 'RFC', 'Status'],
      rows: rows.map((r) => [r.code, `${r.classDigit}xx`, r.shortName, r.rfcs.join(', ') || '-', r.status]),
    },
    { kind: 'paragraph', text: [...classes].map(([d, label]) => `${d}xx ${label}`).join('; ') + '.' },
  ]
}

/** A server's catalog entries as a table. */
export function serverMessagesDocument(server: string, messages: readonly ServerMessageFacts[]): Doc {
  return [
    { kind: 'title', text: `What ${server} sends and logs` },
    {
      kind: 'table',
      columns: ['Code', 'Example', 'Meaning', 'Cause', 'Settings'],
      rows: messages.map((m) => [
        m.code === null ? 'log' : String(m.code),
        m.code === null ? m.example : m.example.slice(4),
        m.title + (m.versions ? ` (${m.versions})` : ''),
        m.incident ? (m.cause ?? '') : '-',
        m.directives.map((d) => formatDirective(d)).join(', '),
      ]),
    },
  ]
}

/** The sc-win32-status table. */
export function win32TableDocument(statuses: readonly Win32Status[]): Doc {
  return [
    { kind: 'title', text: 'Windows error numbers in IIS sc-win32-status' },
    { kind: 'table', columns: ['Number', 'Name', 'Meaning', 'In FTP logs'], rows: statuses.map((s) => [String(s.code), s.name, s.meaning, s.inFtpLogs]) },
  ]
}

/** The IIS FTP substatus table. */
export function iisSubstatusTableDocument(substatuses: readonly IisSubstatus[]): Doc {
  return [
    { kind: 'title', text: 'IIS FTP substatus codes (sc-substatus)' },
    {
      kind: 'table',
      columns: ['Substatus', 'Area', 'Meaning', 'Catalog'],
      rows: substatuses.map((s) => [String(s.code), s.area, s.meaning + (s.expected ? ' (expected)' : ''), s.catalog.join(', ')]),
    },
  ]
}
