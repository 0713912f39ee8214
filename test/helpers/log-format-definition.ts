import { logFormatDefinitionSchema, type LogFormatDefinition } from '../../src/log-formats/schema.js'

/** A minimal custom log-format definition (raw data) for tests; `extra` overrides any field. */
export function rawDefinition(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'custom',
    title: 'Custom',
    description: 'test',
    server: 'generic',
    yields: 'test',
    sources: ['test'],
    timestamp: { format: '%Y-%m-%d %H:%M:%S', zone: 'utc' },
    patterns: [
      { id: 'reply', regex: '^(?<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[(?<session>\\d+)\\] (?<reply>\\d{3} .*)$', kind: 'reply' },
      { id: 'command', regex: '^(?<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[(?<session>\\d+)\\] > (?<command>.+)$', kind: 'command' },
    ],
    samples: [
      { line: '2024-01-15 10:00:00 [7] 421 Timeout.', pattern: 'reply', expect: { code: 421, session: '7', text: 'Timeout.' } },
      { line: '2024-01-15 10:00:01 [7] > retr a.txt', pattern: 'command', expect: { verb: 'RETR', arg: 'a.txt' } },
    ],
    ...extra,
  }
}

/** {@link rawDefinition}, validated. */
export function definition(extra: Record<string, unknown> = {}): LogFormatDefinition {
  return logFormatDefinitionSchema.parse(rawDefinition(extra))
}
