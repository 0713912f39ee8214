import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { resolveAnalysisSettings } from '../../analyze/analysis-settings.js'
import { UsageError } from '../../errors.js'
import { mergeReports, readReport } from '../../report/merge-reports.js'
import { redactReport } from '../../report/redact-report.js'
import type { Report } from '../../report/report-schema.js'
import { VERSION } from '../../version.js'
import { loadConfig } from '../config-file.js'
import { EXIT_CODES_HELP, type ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { withSettingLabels } from '../messages.js'
import { resolveOutputTargets } from '../output-targets.js'
import { resolveRunSettings, type RunFlags } from '../run-settings.js'
import { writeOutputs } from '../write-outputs.js'
import { addGateOptions, collect } from './analyze.js'
import { stripControlChars } from '../../formatters/escape.js'

interface MergeFlags extends RunFlags {
  output?: string
  config?: string
  color?: boolean
}

/** Registers `ftplog merge <reports...>`: JSON reports of separate runs combined into one report. */
export function registerMerge(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  const merge = program
    .command('merge')
    .description('combine JSON reports of separate runs (per host, per day) into one report')
    .argument('<reports...>', 'JSON reports written by ftplog analyze -f json:FILE')
    .option('-f, --formatter <name[:file]>', 'output formatter, repeatable; name:file writes to a file (default: text)', collect)
    .option('-o, --output <file>', 'write the (single) formatter without a file to this file instead of stdout')
    .option('--color', 'force colours in the text formatter')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
  addGateOptions(merge)
    .addHelpText(
      'after',
      `\nThe merged report keeps what JSON reports keep: top-100 tables, 20 clients/users/files and\n5 samples per incident. The verdict is decided again with the gates given here.\n\n${EXIT_CODES_HELP}\n`,
    )
    .action(async (paths: string[], flags: MergeFlags) => {
      setExit(await mergeCommand(paths, flags, io))
    })
}

async function mergeCommand(paths: string[], flags: MergeFlags, io: CliIO): Promise<ExitCode> {
  const config = await loadConfig(io, flags.config)
  const settings = resolveRunSettings(flags, config, (io.now ?? Date.now)())
  const targets = resolveOutputTargets(settings.formatters, flags.output)
  const read = io.readFile ?? ((p: string) => readFile(p, 'utf8'))
  const named: { name: string; report: Report }[] = []
  for (const path of paths) {
    let text: string
    try {
      text = await read(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
    }
    named.push({ name: path, report: readReport(text, path) })
  }
  for (const warning of sameInputWarnings(named)) io.stderr.write(`ftplog: warning: ${stripControlChars(warning)}\n`)
  const merged = mergeReports(named, {
    failOn: settings.failOn,
    maxIncidents: settings.maxIncidents,
    maxUnrecognized: settings.maxUnrecognized,
    incidentGapMs: withSettingLabels(settings.labels, () => resolveAnalysisSettings({ incidentGapMs: settings.analysis.incidentGapMs })).incidentGapMs,
    version: VERSION,
  })
  const report = settings.redactKey !== undefined && !merged.redacted ? redactReport(merged, settings.redactKey) : merged
  await writeOutputs(report, targets, io, flags.color)
  return report.verdict.exitCode
}

/**
 * One warning per input that two of the reports both cover: the same `inputs[].path` with the same
 * bytes and lines (the same report given twice, or runs over the same file). Their counts are
 * added twice by the merge; the user decides.
 */
export function sameInputWarnings(named: readonly { name: string; report: Report }[]): string[] {
  const seen = new Map<string, string>()
  const out: string[] = []
  for (const { name, report } of named) {
    for (const input of report.inputs) {
      if (input.path === '-') continue
      const key = `${input.path}\u0000${input.bytes}\u0000${input.lines}`
      const first = seen.get(key)
      if (first === undefined) seen.set(key, name)
      else out.push(`${input.path} is in ${first === name ? `${name} twice` : `both ${first} and ${name}`} (same path, bytes and lines): its counts are added twice`)
    }
  }
  return out
}
