import { OutputError } from '../errors.js'
import { stripControlChars } from '../formatters/escape.js'
import { describeFsError } from '../io/open-input.js'
import { FORMATTERS } from '../formatters/registry.js'
import type { Report } from '../report/report-schema.js'
import type { CliIO } from './io.js'
import type { OutputTarget } from './output-targets.js'

/**
 * Writes the report with every target's formatter: to stdout (colour and width from the
 * terminal) or to its file. Unreadable inputs get one line each on stderr first, whatever the
 * formatter, as grep and cat do.
 * @throws OutputError when a file cannot be written (one line for the user, exit 2).
 */
export async function writeOutputs(report: Report, targets: readonly OutputTarget[], io: CliIO, colorFlag: boolean | undefined): Promise<void> {
  const color = colorFlag ?? (io.env.NO_COLOR ? false : io.env.FORCE_COLOR ? true : io.stdoutIsTTY && io.env.TERM !== 'dumb')
  for (const input of report.inputs) if (input.error) io.stderr.write(`ftplog: ${stripControlChars(input.error.message)}\n`)
  for (const target of targets) {
    const onStdout = target.path === undefined
    const output = FORMATTERS[target.formatter](report, {
      color: onStdout ? color : false,
      width: onStdout ? io.columns : undefined,
    })
    if (onStdout) io.stdout.write(output)
    else {
      try {
        await io.writeFile(target.path!, output)
      } catch (error) {
        throw new OutputError(target.path!, describeFsError(error), { cause: error })
      }
    }
  }
}
