import { InvalidDefinitionError } from '../errors.js'
import { FIELD_NAMES } from './field-names.js'

const FRAGMENT = /\{\{([A-Z0-9_]+)\}\}/g
const NAMED_GROUP = /\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g

/**
 * Replaces each `{{NAME}}` in a pattern with the log format's `defines[NAME]`. Fragments may use
 * other fragments; expansion stops after three rounds, so an accidental cycle leaves `{{…}}` text
 * (which then fails to match) instead of looping.
 * @param owner names the pattern in errors, e.g. `log format vsftpd, pattern response`.
 * @returns the regex source with every known fragment inserted.
 * @throws InvalidDefinitionError naming `owner` and the fragment when a fragment is not defined.
 */
export function expandFragments(regex: string, defines: Readonly<Record<string, string>>, owner: string): string {
  let out = regex
  for (let round = 0; round < 3 && out.includes('{{'); round++) {
    out = out.replace(FRAGMENT, (_, fragment: string) => {
      const text = defines[fragment]
      if (text === undefined) throw new InvalidDefinitionError(`${owner}: unknown fragment {{${fragment}}}`)
      return text
    })
  }
  return out
}

/** The names of the named groups `(?<name>…)` in a regex source, in order of appearance, once each. */
export function groupNames(source: string): Set<string> {
  return new Set([...source.matchAll(NAMED_GROUP)].map((m) => m[1]!))
}

/**
 * Expands a pattern's fragments and compiles it with flag `u`, checking that every named group
 * is a record field ({@link FIELD_NAMES}).
 * @param owner names the pattern in errors, e.g. `log format vsftpd, pattern response`.
 * @throws InvalidDefinitionError naming `owner` when a fragment is unknown, the regex does not
 *   compile or a named group is not a field name.
 */
export function compilePattern(regex: string, defines: Readonly<Record<string, string>>, owner: string): RegExp {
  const source = expandFragments(regex, defines, owner)
  let compiled: RegExp
  try {
    compiled = new RegExp(source, 'u')
  } catch (error) {
    throw new InvalidDefinitionError(`${owner}: regex does not compile: ${(error as Error).message}`)
  }
  for (const name of groupNames(source)) {
    if (!(FIELD_NAMES as readonly string[]).includes(name)) {
      throw new InvalidDefinitionError(`${owner}: unknown named group <${name}>`)
    }
  }
  return compiled
}
