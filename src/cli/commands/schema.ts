import type { Command } from 'commander'
import type { z } from 'zod'
import { UsageError } from '../../errors.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'

/** The schemas `ftplog schema` prints. */
const NAMES = ['report', 'config', 'log-format', 'catalog', 'reply-codes'] as const

/**
 * Each schema of {@link NAMES}, and which side of it: what ftplog writes (`output`: the report,
 * with every defaulted field present) or what an author writes (`input`: fields with a default
 * may be left out). Loaded when `schema` runs: the schemas are large.
 */
async function loadSchemas(): Promise<Record<(typeof NAMES)[number], { schema: z.ZodType; io: 'input' | 'output' }>> {
  const [report, config, logFormat, catalog, replies] = await Promise.all([
    import('../../report/report-schema.js'),
    import('../config-schema.js'),
    import('../../log-formats/schema.js'),
    import('../../catalog/schema.js'),
    import('../../replies/schema.js'),
  ])
  return {
    report: { schema: report.reportSchema, io: 'output' },
    config: { schema: config.configSchema, io: 'output' },
    'log-format': { schema: logFormat.logFormatDefinitionSchema, io: 'input' },
    catalog: { schema: catalog.catalogSchema, io: 'input' },
    'reply-codes': { schema: replies.replyTableSchema, io: 'input' },
  }
}

/**
 * Registers `ftplog schema [report|config|log-format|catalog|reply-codes]`: JSON Schemas generated
 * from the zod schemas, for the JSON report, `ftplog.config.json`, and for authors of log-format
 * definitions, the server-message catalog and the reply-code table.
 */
export function registerSchema(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of the JSON report (default), ftplog.config.json, a log-format definition, the server-message catalog or the reply-code table')
    .argument('[name]', NAMES.join(', '), 'report')
    .action(async (name: string) => {
      if (!(NAMES as readonly string[]).includes(name)) throw new UsageError(`schema: unknown schema ${JSON.stringify(name)}; choose ${NAMES.slice(0, -1).join(', ')} or ${NAMES.at(-1)}`)
      const [{ z }, schemas] = await Promise.all([import('zod'), loadSchemas()])
      const { schema, io: side } = schemas[name as (typeof NAMES)[number]]
      io.stdout.write(`${JSON.stringify(z.toJSONSchema(schema, { io: side }), null, 2)}\n`)
      setExit(0)
    })
}
