import { UsageError } from '../errors.js'
import { FORMATTERS, type FormatterName } from '../formatters/registry.js'

/** Where one formatter's output goes: a file path, or `undefined` for stdout. */
export interface OutputTarget {
  readonly formatter: FormatterName
  readonly path: string | undefined
}

/**
 * Turns `-f` values (`json`, `json:report.json`) and `-o FILE` into output targets. `-o` applies
 * to the one formatter given without a path. At most one formatter may write to stdout.
 * @throws UsageError for unknown formatter names or two outputs on stdout.
 */
export function resolveOutputTargets(formatters: readonly string[], output: string | undefined): OutputTarget[] {
  const specs = formatters.length > 0 ? formatters : ['text']
  const targets = specs.map((spec) => {
    const colon = spec.indexOf(':')
    const name = colon === -1 ? spec : spec.slice(0, colon)
    const path = colon === -1 ? undefined : spec.slice(colon + 1)
    if (!(name in FORMATTERS)) {
      throw new UsageError(`unknown formatter ${JSON.stringify(name)}; choose from ${Object.keys(FORMATTERS).join(', ')}`)
    }
    if (path === '') throw new UsageError(`-f ${spec}: give a file after the colon, e.g. -f ${name}:report.${name}`)
    return { formatter: name as FormatterName, path }
  })
  const toStdout = targets.filter((t) => t.path === undefined)
  if (output !== undefined) {
    if (toStdout.length !== 1) throw new UsageError('-o applies to exactly one formatter given without a file; use -f name:file for the others')
    const i = targets.indexOf(toStdout[0]!)
    targets[i] = { formatter: targets[i]!.formatter, path: output }
  } else if (toStdout.length > 1) {
    throw new UsageError(`only one formatter can write to stdout (got ${toStdout.map((t) => t.formatter).join(', ')}); use -f name:file for the others`)
  }
  return targets
}
