import { InvalidDefinitionError } from '../errors.js'
import type { TimeContext } from '../time/timestamp-parser.js'
import { compileLogFormat } from './compile.js'
import type { LogFormatDefinition } from './schema.js'

/** The time context samples are read in: UTC, year 2024 for layouts without a year. */
export const SAMPLE_TIME: TimeContext = { timeZone: 'UTC', year: 2024 }

/**
 * Checks a definition against its own samples (lnav's check, fail2ban's failJSON): after the
 * sample's `context` lines, its line is matched first by the pattern it names, parses, and the
 * record has each `expect`ed field value; a sample of a pattern written with `(?<time>` parses a
 * time. Also checks that every pattern (and the `columns` / `json` layout) has a sample.
 * @param definitions the log formats a container (`dispatch`) hands lines to.
 * @returns one line per problem (`sample 2 ("…"): …`), empty when the definition holds.
 * @throws InvalidDefinitionError when the definition does not compile.
 */
export function sampleProblems(def: LogFormatDefinition, definitions: readonly LogFormatDefinition[], time: TimeContext = SAMPLE_TIME): string[] {
  const problems: string[] = []
  const sampled = new Set(def.samples.map((s) => s.pattern))
  const ids = [...def.patterns.map((p) => p.id), ...(def.columns ? [def.columns.id] : []), ...(def.json ? [def.json.id] : [])]
  for (const id of ids) if (!sampled.has(id)) problems.push(`pattern ${id} has no sample`)
  const format = compileLogFormat(def, time, { definitions })
  def.samples.forEach((sample, i) => {
    const where = `sample ${i + 1} (${JSON.stringify(sample.line)})`
    format.reset()
    for (const line of sample.context) format.parse(line, 0)
    const matched = format.match(sample.line)
    if (matched?.id !== sample.pattern) {
      problems.push(`${where}: expected pattern ${sample.pattern} to match first, got ${matched ? `pattern ${matched.id}` : 'no match'}`)
      return
    }
    format.reset()
    for (const line of sample.context) format.parse(line, 0)
    const parsed = format.parse(sample.line, sample.context.length + 1)
    if (!parsed) {
      problems.push(`${where}: does not parse`)
      return
    }
    const record = parsed.record as unknown as Record<string, unknown>
    for (const [field, value] of Object.entries(sample.expect)) {
      if (record[field] !== value) problems.push(`${where}: ${field} is ${JSON.stringify(record[field])}, expected ${JSON.stringify(value)}`)
    }
    if (def.patterns.find((p) => p.id === sample.pattern)?.regex.includes('(?<time>') && typeof parsed.record.time !== 'number') {
      problems.push(`${where}: captures a time that does not parse with the timestamp layout`)
    }
  })
  return problems
}

/**
 * Throws when a definition fails its own samples ({@link sampleProblems}).
 * @throws InvalidDefinitionError `log format NAME fails its samples:` and one line per problem,
 *   or when the definition does not compile.
 */
export function checkLogFormatSamples(def: LogFormatDefinition, definitions: readonly LogFormatDefinition[], time: TimeContext = SAMPLE_TIME): void {
  const problems = sampleProblems(def, definitions, time)
  if (problems.length > 0) throw new InvalidDefinitionError(`log format ${def.name} fails its samples:\n${problems.map((p) => `  ${p}`).join('\n')}`)
}
