import { patternSchema, type PatternDefinition } from './schema.js'

/** What {@link patternSchema} fills in for a pattern that gives only `id`, `regex` and `kind`. */
export type PatternDefaults = Omit<PatternDefinition, 'id' | 'regex' | 'kind'>

/**
 * The defaults of a pattern definition, as {@link patternSchema} fills them in (`set: {}`,
 * `applies: ['bare']`, …); a new object on every call. For patterns built in code (header rows,
 * JSON records, markers): the build runs this once and puts its result in the bundle instead
 * (`PRECOMPILED` in tsup.config.ts), so building one needs no zod; the tests run it as written.
 */
export function patternDefaults(): PatternDefaults {
  const { id: _id, regex: _regex, kind: _kind, ...defaults } = patternSchema.parse({ id: 'defaults', regex: '^$', kind: 'meta' })
  return defaults
}
