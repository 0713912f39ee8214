import type { Command } from 'commander'
import { UsageError } from '../../errors.js'
import { escapeMarkdown, fencedBlock, inlineCode, stripControlChars } from '../../formatters/escape.js'
import type { LogFormatDefinition } from '../../log-formats/schema.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'

/**
 * The log formats as Markdown, in detection priority order: a table (name, title, role), then per
 * log format its description, syslog program names, what it yields and its first sample line.
 * The per-format part of docs/log-formats.md is this output (a test keeps the two equal).
 * Definition text is escaped (`escapeMarkdown`, `inlineCode`, `fencedBlock`), so a user's own
 * definitions cannot break the page.
 */
export function logFormatsMarkdown(defs: readonly LogFormatDefinition[]): string {
  const role = (d: LogFormatDefinition) => (d.role === 'client' ? 'client transcript' : 'server log')
  const out = ['| log format | title | role |', '| --- | --- | --- |']
  for (const d of defs) out.push(`| ${inlineCode(d.name)} | ${escapeMarkdown(d.title)} | ${role(d)} |`)
  for (const d of defs) {
    out.push('', `#### ${inlineCode(d.name)} — ${escapeMarkdown(d.title)}`, '', escapeMarkdown(d.description), '')
    if (d.syslog) out.push(`In syslog or the journal as: ${d.syslog.programs.map(inlineCode).join(', ')}.`, '')
    out.push(`Yields: ${escapeMarkdown(d.yields)}.`, '')
    const sample = d.samples[0]?.line
    if (sample !== undefined) out.push(fencedBlock(sample, ''))
  }
  return `${out.join('\n')}\n`
}

/** Registers `ftplog formats`: the log formats ftplog reads, with a sample line and what each yields. */
export function registerFormats(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('formats')
    .description('list the log formats ftplog recognises')
    .option('-f, --formatter <name>', 'text, markdown or json', 'text')
    .action(async (flags: { formatter: string }) => {
      const { createLogFormatRegistry } = await import('../../log-formats/registry.js')
      const defs = createLogFormatRegistry().list()
      if (flags.formatter === 'json') {
        const rows = defs.map((d) => ({
          name: d.name,
          title: d.title,
          description: d.description,
          server: d.server,
          role: d.role,
          programs: d.syslog?.programs ?? [],
          yields: d.yields,
          sample: d.samples[0]?.line ?? null,
        }))
        io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      } else if (flags.formatter === 'markdown') {
        io.stdout.write(logFormatsMarkdown(defs))
      } else if (flags.formatter === 'text') {
        const out: string[] = []
        for (const d of defs) {
          out.push(`${d.name}  (${d.title}; ${d.role === 'client' ? 'client transcript' : 'server log'})`)
          out.push(`  ${d.description}`)
          if (d.syslog) out.push(`  in syslog / journal as: ${d.syslog.programs.join(', ')}`)
          out.push(`  yields: ${d.yields}`)
          out.push(`  sample: ${stripControlChars(d.samples[0]?.line ?? '')}`)
          out.push('')
        }
        io.stdout.write(out.join('\n'))
      } else throw new UsageError(`formats: unknown formatter ${JSON.stringify(flags.formatter)} (text, markdown or json)`)
      setExit(0)
    })
}
