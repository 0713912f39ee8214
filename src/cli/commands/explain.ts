import type { Command } from 'commander'
import { createCatalog } from '../../catalog/catalog.js'
import { UsageError } from '../../errors.js'
import { explainCode } from '../../explain/explain-code.js'
import { explainIisSubstatus, explainWin32Status } from '../../explain/explain-windows-status.js'
import { explanationDocument, iisSubstatusDocument, win32Document } from '../../explain/explanation-document.js'
import { headingsFor } from '../../explain/headings.js'
import { renderReference } from '../../explain/render-reference.js'
import { SERVER_FAMILIES } from '../../model/server-family.js'
import { describeWin32Status } from '../../replies/describe-win32-status.js'
import { createReplyRegistry } from '../../replies/reply-registry.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { parseLang, parseReferenceFormatter, parseServer, type ReferenceFlags } from '../reference-flags.js'

interface ExplainFlags extends ReferenceFlags {
  server?: string
  message?: string
  win32?: boolean
  iisSubstatus?: boolean
}

/** Registers `ftplog explain <code>`: a reply code from the registry and the server-message catalog. */
export function registerExplain(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('explain')
    .description('explain an FTP reply code: meaning, when you see it, how to fix it, what servers send')
    .argument('<code>', 'a reply code such as 421 (or, with --win32/--iis-substatus, an IIS log number)')
    .option('--server <name>', `show what this server sends with the code (${SERVER_FAMILIES.join(', ')})`)
    .option('--message <text>', 'the reply text (or log line) you saw, to find the catalog entry and the setting behind it')
    .option('--win32', 'read <code> as an IIS sc-win32-status number (10054, 64, 1236...)')
    .option('--iis-substatus', 'read <code> as an IIS FTP sc-substatus number (0-55)')
    .option('-f, --formatter <name>', 'text, json or markdown', 'text')
    .option('--lang <lang>', 'language of the headings: en, vi, ja, ru (the body stays English)')
    .action((code: string, flags: ExplainFlags) => {
      const formatter = parseReferenceFormatter(flags.formatter)
      const headings = headingsFor(parseLang(flags.lang))
      const server = parseServer(flags.server)
      if (flags.win32 && flags.iisSubstatus) throw new UsageError('explain: choose one of --win32 and --iis-substatus')
      const catalog = createCatalog()
      let out: string
      if (flags.iisSubstatus) {
        const x = explainIisSubstatus(code, catalog)
        out = renderReference(formatter, x, iisSubstatusDocument(x, headings), io.columns)
      } else if (flags.win32 || (/^\d{4,5}$/.test(code.trim()) && describeWin32Status(Number(code)) !== undefined)) {
        // Four- and five-digit numbers are never FTP replies; the known ones are Windows errors.
        const x = explainWin32Status(code)
        out = renderReference(formatter, x, win32Document(x, headings), io.columns)
      } else {
        const x = explainCode(withWin32Hint(code), { registry: createReplyRegistry(), catalog, server, message: flags.message })
        out = renderReference(formatter, x, explanationDocument(x, headings), io.columns)
      }
      io.stdout.write(out)
      setExit(0)
    })
}

/** Adds a pointer to `--win32` to the usage error of numbers that are Windows errors. */
function withWin32Hint(code: string): string {
  const trimmed = code.trim()
  if (/^[1-6]\d\d$/.test(trimmed) || !/^\d{1,6}$/.test(trimmed)) return code
  const status = describeWin32Status(Number(trimmed))
  if (!status) return code
  throw new UsageError(
    `${JSON.stringify(code)} is not a reply code: FTP reply codes are three digits with a first digit of 1-6 (for example 421). As a Windows error it is ${status.name}: ftplog explain ${trimmed} --win32`,
  )
}
