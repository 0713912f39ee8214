import type { Command } from 'commander'
import { z } from 'zod'
import { catalogSchema } from '../../catalog/schema.js'
import { UsageError } from '../../errors.js'
import { logFormatDefinitionSchema } from '../../log-formats/schema.js'
import { replyTableSchema } from '../../replies/schema.js'
import { reportSchema } from '../../report/report-schema.js'
import { configSchema } from '../config-file.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'

/**
 * The schemas `ftplog schema` prints, and which side of each: what ftplog writes (`output`: the
 * report, with every defaulted field present) or what an author writes (`input`: fields with a
 * default may be left out).
 */
const SCHEMAS = {
  report: { schema: reportSchema, io: 'output' },
  config: { schema: configSchema, io: 'output' },
  'log-format': { schema: logFormatDefinitionSchema, io: 'input' },
  catalog: { schema: catalogSchema, io: 'input' },
  'reply-codes': { schema: replyTableSchema, io: 'input' },
} as const satisfies Record<string, { schema: z.ZodType; io: 'input' | 'output' }>

const NAMES = Object.keys(SCHEMAS)

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
    .action((name: string) => {
      if (!Object.hasOwn(SCHEMAS, name)) throw new UsageError(`schema: unknown schema ${JSON.stringify(name)}; choose ${NAMES.slice(0, -1).join(', ')} or ${NAMES.at(-1)}`)
      const { schema, io: side } = SCHEMAS[name as keyof typeof SCHEMAS]
      io.stdout.write(`${JSON.stringify(z.toJSONSchema(schema, { io: side }), null, 2)}\n`)
      setExit(0)
    })
}
