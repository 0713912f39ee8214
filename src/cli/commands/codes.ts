import type { Command } from 'commander'
import { createCatalog } from '../../catalog/catalog.js'
import { UsageError } from '../../errors.js'
import { codesDocument, iisSubstatusTableDocument, serverMessagesDocument, win32TableDocument } from '../../explain/codes-document.js'
import { listCodes, listServerMessages } from '../../explain/list-codes.js'
import { renderReference } from '../../explain/render-reference.js'
import { SERVER_FAMILIES } from '../../model/server-family.js'
import { iisSubstatusTable } from '../../replies/describe-iis-substatus.js'
import { win32StatusTable } from '../../replies/describe-win32-status.js'
import { createReplyRegistry } from '../../replies/reply-registry.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { parseReferenceFormatter, parseServer } from '../reference-flags.js'

interface CodesFlags {
  formatter: string
  class?: string
  rfc?: string
  server?: string
  win32?: boolean
  iisSubstatus?: boolean
}

/** Registers `ftplog codes`: the reply-code table, a server's messages, or the IIS tables. */
export function registerCodes(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('codes')
    .description('list FTP reply codes (or one server\'s messages, or the IIS status tables)')
    .option('--class <digit>', 'only codes whose first digit is this (1-6)')
    .option('--rfc <number>', 'only codes an RFC defines or uses, e.g. 959, 2228, 4217')
    .option('--server <name>', `list what this server sends and logs instead (${SERVER_FAMILIES.join(', ')})`)
    .option('--win32', 'list the Windows error numbers of IIS sc-win32-status instead')
    .option('--iis-substatus', 'list the IIS FTP sc-substatus values instead')
    .option('-f, --formatter <name>', 'text, json or markdown', 'text')
    .action((flags: CodesFlags) => {
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
        const rows = listServerMessages(createCatalog(), server, { classDigit })
        out = renderReference(formatter, rows, serverMessagesDocument(server, rows), io.columns)
      } else if (flags.win32) {
        const rows = win32StatusTable().statuses
        out = renderReference(formatter, rows, win32TableDocument(rows), io.columns)
      } else if (flags.iisSubstatus) {
        const rows = iisSubstatusTable().substatuses
        out = renderReference(formatter, rows, iisSubstatusTableDocument(rows), io.columns)
      } else {
        const rows = listCodes(createReplyRegistry(), { classDigit, rfc })
        const title = ['FTP reply codes', classDigit !== undefined ? `class ${classDigit}xx` : '', rfc !== undefined ? `citing RFC ${rfc}` : ''].filter(Boolean).join(', ')
        out = renderReference(formatter, rows, codesDocument(rows, title), io.columns)
      }
      io.stdout.write(out)
      setExit(0)
    })
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
