import type { Command } from 'commander'
import { z } from 'zod'
import { reportSchema } from '../../report/report-schema.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'

/** Registers `ftplog schema`: the JSON Schema of the report, generated from its zod schema. */
export function registerSchema(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of the JSON report (ftplog analyze -f json)')
    .action(() => {
      io.stdout.write(`${JSON.stringify(z.toJSONSchema(reportSchema), null, 2)}\n`)
      setExit(0)
    })
}
