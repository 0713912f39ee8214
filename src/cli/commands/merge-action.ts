import { readFile } from 'node:fs/promises'
import { resolveAnalysisSettings } from '../../analyze/analysis-settings.js'
import { shownPath, UsageError } from '../../errors.js'
import { pathProblem } from '../../io/open-input.js'
import { stripControlChars } from '../../formatters/escape.js'
import { mergeReports, readReport } from '../../report/merge-reports.js'
import { redactReport } from '../../report/redact-report.js'
import type { Report } from '../../report/report-schema.js'
import { configuredLookup } from '../../server-config/configured-lookup.js'
import { VERSION } from '../../version.js'
import { loadConfig } from '../config-file.js'
import type { ExitCode } from '../exit-codes.js'
import type { CliIO } from '../io.js'
import { withSettingLabels } from '../messages.js'
import { resolveOutputTargets } from '../output-targets.js'
import { resolveRunSettings } from '../run-settings.js'
import { readServerConfigs } from '../server-configs.js'
import { writeOutputs } from '../write-outputs.js'
import type { MergeFlags } from './merge.js'

/** `ftplog merge REPORTS…`: reads the JSON reports, merges them and writes the result; returns the exit code. */
export async function mergeCommand(paths: string[], flags: MergeFlags, io: CliIO): Promise<ExitCode> {
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
      throw new UsageError(`${shownPath(path)}: ${pathProblem(path, error)}`)
    }
    named.push({ name: path, report: readReport(text, path) })
  }
  const { configs } = await readServerConfigs(flags.serverConfig, io)
  for (const warning of sameInputWarnings(named)) io.stderr.write(`ftplog: warning: ${stripControlChars(warning)}\n`)
  const merged = mergeReports(named, {
    failOn: settings.failOn,
    maxIncidents: settings.maxIncidents,
    maxUnrecognized: settings.maxUnrecognized,
    incidentGapMs: withSettingLabels(settings.labels, () => resolveAnalysisSettings({ incidentGapMs: settings.analysis.incidentGapMs })).incidentGapMs,
    version: VERSION,
    configured: configs.length > 0 ? configuredLookup(configs) : undefined,
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
