import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'

const registry = createLogFormatRegistry()
const time = { timeZone: 'UTC', year: 2024 }

/**
 * Sample lines of one log format that another log format's non-weak patterns match, both ways:
 * `"other claims name: line"` and `"name claims other: line"`. Detection scores such lines, so
 * each one is a chance of a misread. The `syslog` container is left out (it claims by program).
 */
export function crossClaims(name: string): string[] {
  const compile = (n: string) => compileLogFormat(registry.get(n), time, { definitions: registry.list() })
  const claims = (format: ReturnType<typeof compile>, line: string) => {
    const p = format.match(line)
    return p !== undefined && !p.weak && p.kind !== 'not-ftp'
  }
  const mine = compile(name)
  const out: string[] = []
  for (const other of registry.list()) {
    if (other.name === name || other.dispatch) continue
    const theirs = compile(other.name)
    for (const s of registry.get(name).samples) if (claims(theirs, s.line)) out.push(`${other.name} claims ${name}: ${s.line}`)
    for (const s of other.samples) if (claims(mine, s.line)) out.push(`${name} claims ${other.name}: ${s.line}`)
  }
  return out
}
