import type { Command } from 'commander'
import { createCatalog } from '../../catalog/catalog.js'
import { UsageError } from '../../errors.js'
import { compareCodes } from '../../explain/compare-codes.js'
import { comparisonDocument } from '../../explain/comparison-document.js'
import { headingsFor } from '../../explain/headings.js'
import { renderReference } from '../../explain/render-reference.js'
import { createReplyRegistry } from '../../replies/reply-registry.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { parseLang, parseReferenceFormatter, type ReferenceFlags } from '../reference-flags.js'

/** Registers `ftplog compare <a> <b>`: two reply codes side by side. */
export function registerCompare(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('compare')
    .description('compare two FTP reply codes: classes, meanings, when you see each, how to fix each')
    .argument('<codes...>', 'two reply codes, e.g. 200 426')
    .option('-f, --formatter <name>', 'text, json or markdown', 'text')
    .option('--lang <lang>', 'language of the headings: en, vi, ja, ru (the body stays English)')
    .action((codes: string[], flags: ReferenceFlags) => {
      const formatter = parseReferenceFormatter(flags.formatter)
      const headings = headingsFor(parseLang(flags.lang))
      if (codes.length !== 2) {
        throw new UsageError(`compare needs exactly two reply codes, got ${codes.length} (for example: ftplog compare 200 426)`)
      }
      const c = compareCodes(codes[0]!, codes[1]!, createReplyRegistry(), createCatalog())
      io.stdout.write(renderReference(formatter, c, comparisonDocument(c, headings), io.columns))
      setExit(0)
    })
}
