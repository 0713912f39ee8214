import type { Report } from '../report/report-schema.js'
import type { Formatter } from './types.js'

/** How many levels of the report {@link jsonChunks} opens itself: its keys, and their items. */
const OPENED_LEVELS = 2

/**
 * The JSON report in pieces whose concatenation is exactly `JSON.stringify(report, null, 2)`
 * plus a newline: the top-level keys and each item of a top-level array or object (each
 * incident, input, notice …) come as pieces of their own, so the report can be written without
 * its text ever being whole in memory (11 MB at 10M lines). Deeper values, and values with a
 * `toJSON` method (which a report, being plain data, has none of), go through `JSON.stringify`
 * as a whole; every newline in its output is structural (it escapes those inside strings), so
 * indenting a piece is putting the indent after each newline.
 */
export function* jsonChunks(report: Report): Generator<string, void, undefined> {
  yield* jsonValue(report, '', OPENED_LEVELS)
  yield '\n'
}

function* jsonValue(value: unknown, indent: string, levels: number): Generator<string, void, undefined> {
  if (levels === 0 || !isOpenable(value)) {
    const text = JSON.stringify(value, null, 2)
    yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`)
    return
  }
  const inner = `${indent}  `
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  let first = true
  const members = Array.isArray(value)
    ? value.map((item) => ['', isSkipped(item) ? null : item] as const)
    : Object.keys(value).flatMap((key) => {
        const member = (value as Record<string, unknown>)[key]
        return isSkipped(member) ? [] : [[`${JSON.stringify(key)}: `, member] as const]
      })
  for (const [label, member] of members) {
    yield `${first ? open : ','}\n${inner}${label}`
    first = false
    yield* jsonValue(member, inner, levels - 1)
  }
  yield first ? `${open}${close}` : `\n${indent}${close}`
}

/** An array, or a plain object without `toJSON`: what {@link jsonValue} may open itself. */
function isOpenable(value: unknown): value is object {
  if (Array.isArray(value)) return true
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** What JSON.stringify leaves out of an object, and writes as `null` in an array. */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/**
 * The versioned JSON report (`schemaVersion`), described by `ftplog schema`. JSON.stringify
 * escapes every control character, so log content cannot break out of its strings. The text is
 * {@link jsonChunks} joined; the CLI writes the chunks one by one.
 */
export const json: Formatter = (report) => [...jsonChunks(report)].join('')
