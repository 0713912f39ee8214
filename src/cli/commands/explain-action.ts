import { bundledCatalog } from '../../catalog/compile-catalog.js'
import { UsageError } from '../../errors.js'
import { explainCode } from '../../explain/explain-code.js'
import { explainIisSubstatus, explainWin32Status } from '../../explain/explain-windows-status.js'
import { explanationDocument, iisSubstatusDocument, win32Document } from '../../explain/explanation-document.js'
import { headingsFor } from '../../explain/headings.js'
import { renderReference } from '../../explain/render-reference.js'
import { describeWin32Status } from '../../replies/describe-win32-status.js'
import { bundledReplyRegistry } from '../../replies/reply-lookup.js'
import { parseLang, parseReferenceFormatter, parseServer } from '../reference-flags.js'
import type { ExplainFlags } from './explain.js'

/** `ftplog explain CODE`: the explanation, rendered for a terminal `columns` wide. @throws UsageError */
export function explainCommand(code: string, flags: ExplainFlags, columns: number | undefined): string {
  const formatter = parseReferenceFormatter(flags.formatter)
  const headings = headingsFor(parseLang(flags.lang))
  const server = parseServer(flags.server)
  if (flags.win32 && flags.iisSubstatus) throw new UsageError('explain: choose one of --win32 and --iis-substatus')
  const catalog = bundledCatalog()
  let out: string
  if (flags.iisSubstatus) {
    const x = explainIisSubstatus(code, catalog)
    out = renderReference(formatter, x, iisSubstatusDocument(x, headings), columns)
  } else if (flags.win32 || (/^\d{4,5}$/.test(code.trim()) && describeWin32Status(Number(code)) !== undefined)) {
    // Four- and five-digit numbers are never FTP replies; the known ones are Windows errors.
    const x = explainWin32Status(code)
    out = renderReference(formatter, x, win32Document(x, headings), columns)
  } else {
    const x = explainCode(withWin32Hint(code), { registry: bundledReplyRegistry(), catalog, server, message: flags.message })
    out = renderReference(formatter, x, explanationDocument(x, headings), columns)
  }
  return out
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
