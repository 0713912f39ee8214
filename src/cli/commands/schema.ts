import type { Command } from 'commander'
import { z } from 'zod'
import { UsageError } from '../../errors.js'
import { reportSchema } from '../../report/report-schema.js'
import { configSchema } from '../config-file.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'

const SCHEMAS = { report: reportSchema, config: configSchema } as const

/** Registers `ftplog schema [report|config]`: JSON Schemas generated from the zod schemas. */
export function registerSchema(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of the JSON report (default) or of ftplog.config.json')
    .argument('[name]', 'report or config', 'report')
    .action((name: string) => {
      if (!(name in SCHEMAS)) throw new UsageError(`schema: unknown schema ${JSON.stringify(name)}; choose report or config`)
      io.stdout.write(`${JSON.stringify(z.toJSONSchema(SCHEMAS[name as keyof typeof SCHEMAS]), null, 2)}\n`)
      setExit(0)
    })
}
