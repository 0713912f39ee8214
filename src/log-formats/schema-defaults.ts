import { logFormatDefinitionSchema, patternSchema, sampleSchema, timestampSchema, type LogFormatDefinition, type PatternDefinition, type SampleDefinition } from './schema.js'

/** What the log-format schema fills in at each level of a definition, for fields left out. */
export interface SchemaDefaults {
  /** A definition's own fields (`priority`, `role`, `sessions`, `wrappers`, `defines`, …). */
  readonly definition: Omit<LogFormatDefinition, 'name' | 'title' | 'description' | 'server' | 'yields' | 'sources' | 'patterns' | 'samples'>
  /** A `sessions` object's fields but `key`. */
  readonly sessions: Omit<LogFormatDefinition['sessions'], 'key'>
  /** A timestamp layout's fields but `format`. */
  readonly timestamp: Omit<NonNullable<LogFormatDefinition['timestamp']>, 'format'>
  /** A pattern's fields but `id`, `regex` and `kind`. */
  readonly pattern: Omit<PatternDefinition, 'id' | 'regex' | 'kind'>
  /** A sample's fields but `line` and `pattern`. */
  readonly sample: Omit<SampleDefinition, 'line' | 'pattern'>
}

/**
 * The defaults of log-format definitions, as the schema (schema.ts) fills them in; new objects on
 * every call. For definitions built in code (header rows, JSON records and markers, the ProFTPD
 * LogFormat builder): the build runs this once and puts its result in the bundle instead
 * (`PRECOMPILED` in tsup.config.ts), so building one needs no zod; the tests run it as written
 * and compare its users' results with the schema's.
 */
export function schemaDefaults(): SchemaDefaults {
  const required = { name: 'x', title: 'x', description: 'x', server: 'generic', yields: 'x', sources: ['x'], patterns: [{ id: 'x', regex: '^$', kind: 'meta' }], samples: [{ line: '', pattern: 'x' }] }
  const { name: _n, title: _t, description: _d, server: _s, yields: _y, sources: _so, patterns: _p, samples: _sa, ...definition } = logFormatDefinitionSchema.parse(required)
  const { key: _k, ...sessions } = logFormatDefinitionSchema.parse({ ...required, sessions: { key: 'client' } }).sessions
  const { format: _f, ...timestamp } = timestampSchema.parse({ format: 'x' })
  const { id: _i, regex: _r, kind: _ki, ...pattern } = patternSchema.parse({ id: 'x', regex: '^$', kind: 'meta' })
  const { line: _l, pattern: _pa, ...sample } = sampleSchema.parse({ line: '', pattern: 'x' })
  return { definition, sessions, timestamp, pattern, sample }
}
