import { resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { FORMATTER_NAMES, isFormatterName, type FormatterName } from '../formatters/load-formatter.js'

/** Where one formatter's output goes: a file path, or `undefined` for stdout (given as `-`). */
export interface OutputTarget {
  readonly formatter: FormatterName
  readonly path: string | undefined
}

/**
 * Turns `-f` values (`json`, `json:report.json`, `json:-`) and `-o FILE` into output targets. `-o`
 * applies to the one formatter given without a path. `-` as a file means standard output. At most
 * one formatter may write to stdout, and no two to one file.
 * @throws UsageError for unknown formatter names, two outputs on stdout or two on one file.
 */
export function resolveOutputTargets(formatters: readonly string[], output: string | undefined): OutputTarget[] {
  const specs = formatters.length > 0 ? formatters : ['text']
  const targets = specs.map((spec) => {
    const colon = spec.indexOf(':')
    const name = colon === -1 ? spec : spec.slice(0, colon)
    const file = colon === -1 ? undefined : spec.slice(colon + 1)
    const path = file !== undefined && isStdoutPath(file) ? undefined : file
    if (!isFormatterName(name)) {
      throw new UsageError(`unknown formatter ${JSON.stringify(name)}; choose from ${FORMATTER_NAMES.join(', ')}`)
    }
    if (path === '') throw new UsageError(`-f ${spec}: give a file after the colon, e.g. -f ${name}:report.${name}`)
    return { formatter: name, path }
  })
  const toStdout = targets.filter((t) => t.path === undefined)
  if (output !== undefined && !isStdoutPath(output)) {
    if (toStdout.length !== 1) throw new UsageError('-o applies to exactly one formatter given without a file; use -f name:file for the others')
    const i = targets.indexOf(toStdout[0]!)
    targets[i] = { formatter: targets[i]!.formatter, path: output }
  } else if (output !== undefined && toStdout.length !== 1) {
    throw new UsageError('-o applies to exactly one formatter given without a file; use -f name:file for the others')
  } else if (toStdout.length > 1) {
    throw new UsageError(`only one formatter can write to stdout (got ${toStdout.map((t) => t.formatter).join(', ')}); use -f name:file for the others`)
  }
  return targets
}

/**
 * Checks all output destinations of a run together, before any input is read: the formatter
 * targets and the `--events` file (`-` is standard output). No two may name one file (paths
 * compared after resolving against `cwd`), and only one may be standard output.
 * @throws UsageError naming the clash.
 */
export function checkOutputClashes(targets: readonly OutputTarget[], events: string | undefined, cwd: string): void {
  const seen = new Map<string, string>()
  const add = (path: string, who: string): void => {
    const key = resolve(cwd, path)
    const other = seen.get(key)
    if (other !== undefined) throw new UsageError(`${who} and ${other} both write ${path}; give each its own file`)
    seen.set(key, who)
  }
  for (const t of targets) if (t.path !== undefined) add(t.path, `-f ${t.formatter}`)
  if (events !== undefined && isStdoutPath(events)) {
    const onStdout = targets.find((t) => t.path === undefined)
    if (onStdout) throw new UsageError(`--events - and the ${onStdout.formatter} formatter both write to standard output; send one of them to a file`)
  } else if (events !== undefined) add(events, '--events')
}

/**
 * Whether an output path names standard output: `-`, or `/dev/stdout` and `/dev/fd/1`, which are
 * written through the process's stdout rather than opened (opening them fails when stdout is a
 * socket, and truncates a file that `>>` appends to).
 */
export function isStdoutPath(path: string): boolean {
  return path === '-' || path === '/dev/stdout' || path === '/dev/fd/1'
}
