import { bundledCatalog } from '../../catalog/compile-catalog.js'
import { UsageError } from '../../errors.js'
import { codesDocument, iisSubstatusTableDocument, serverMessagesDocument, win32TableDocument } from '../../explain/codes-document.js'
import { listCodes, listServerMessages } from '../../explain/list-codes.js'
import { renderReference } from '../../explain/render-reference.js'
import { iisSubstatusTable } from '../../replies/describe-iis-substatus.js'
import { win32StatusTable } from '../../replies/describe-win32-status.js'
import { bundledReplyRegistry } from '../../replies/reply-lookup.js'
import { parseReferenceFormatter, parseServer } from '../reference-flags.js'
import type { CodesFlags } from './codes.js'

/** `ftplog codes`: the table asked for, rendered for a terminal `columns` wide. @throws UsageError */
export function codesCommand(flags: CodesFlags, columns: number | undefined): string {
  const formatter = parseReferenceFormatter(flags.formatter)
  const classDigit = flags.class === undefined ? undefined : parseClass(flags.class)
  const rfc = flags.rfc === undefined ? undefined : parseRfc(flags.rfc)
  const server = parseServer(flags.server)
  const tables = [server !== undefined, flags.win32 === true, flags.iisSubstatus === true].filter(Boolean).length
  if (tables > 1) throw new UsageError('codes: choose one of --server, --win32 and --iis-substatus')
  if (tables === 1 && rfc !== undefined) throw new UsageError('codes: --rfc filters the reply-code table only')
  if ((flags.win32 || flags.iisSubstatus) && classDigit !== undefined) throw new UsageError('codes: --class filters reply codes only')
  let out: string
  if (server !== undefined) {
    const rows = listServerMessages(bundledCatalog(), server, { classDigit })
    out = renderReference(formatter, rows, serverMessagesDocument(server, rows), columns)
  } else if (flags.win32) {
    const rows = win32StatusTable().statuses
    out = renderReference(formatter, rows, win32TableDocument(rows), columns)
  } else if (flags.iisSubstatus) {
    const rows = iisSubstatusTable().substatuses
    out = renderReference(formatter, rows, iisSubstatusTableDocument(rows), columns)
  } else {
    const rows = listCodes(bundledReplyRegistry(), { classDigit, rfc })
    const title = ['FTP reply codes', classDigit !== undefined ? `class ${classDigit}xx` : '', rfc !== undefined ? `citing RFC ${rfc}` : ''].filter(Boolean).join(', ')
    out = renderReference(formatter, rows, codesDocument(rows, title), columns)
  }
  return out
}

function parseClass(value: string): number {
  if (/^[1-6]$/.test(value.trim())) return Number(value)
  throw new UsageError(`--class: ${JSON.stringify(value)} is not a reply class (1-6)`)
}

function parseRfc(value: string): number {
  const m = /^(?:rfc\s*)?(\d{1,5})$/i.exec(value.trim())
  if (m) return Number(m[1])
  throw new UsageError(`--rfc: ${JSON.stringify(value)} is not an RFC number (e.g. 959)`)
}
