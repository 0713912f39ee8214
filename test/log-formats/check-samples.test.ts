import { describe, expect, it } from 'vitest'
import { InvalidDefinitionError } from '../../src/errors.js'
import { checkLogFormatSamples, sampleProblems } from '../../src/log-formats/check-samples.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { definition } from '../helpers/log-format-definition.js'

const registry = createLogFormatRegistry()

describe('sample checks', () => {
  it('every bundled definition passes its own samples (the registry does not check them at start-up)', () => {
    for (const def of registry.list()) expect(sampleProblems(def, registry.list()), def.name).toEqual([])
  })

  it('a definition that holds has no problems', () => {
    expect(sampleProblems(definition(), registry.list())).toEqual([])
  })

  it('names each failing sample and what went wrong', () => {
    const def = definition({
      samples: [
        { line: '2024-01-15 10:00:00 [7] 421 Timeout.', pattern: 'command' },
        { line: '2024-01-15 10:00:00 [7] 421 Timeout.', pattern: 'reply', expect: { code: 426 } },
        { line: 'nothing', pattern: 'reply' },
        { line: '2024-13-45 99:00:00 [7] > QUIT', pattern: 'command' },
      ],
    })
    expect(sampleProblems(def, registry.list())).toEqual([
      'sample 1 ("2024-01-15 10:00:00 [7] 421 Timeout."): expected pattern command to match first, got pattern reply',
      'sample 2 ("2024-01-15 10:00:00 [7] 421 Timeout."): code is 421, expected 426',
      'sample 3 ("nothing"): expected pattern reply to match first, got no match',
      'sample 4 ("2024-13-45 99:00:00 [7] > QUIT"): captures a time that does not parse with the timestamp layout',
    ])
  })

  it('a pattern without a sample is a problem', () => {
    const def = definition({ samples: [{ line: '2024-01-15 10:00:00 [7] 421 Timeout.', pattern: 'reply' }] })
    expect(sampleProblems(def, registry.list())).toEqual(['pattern command has no sample'])
  })

  it('context lines are read before each sample, and forgotten after it', () => {
    const def = definition({
      timestamp: undefined,
      patterns: [
        { id: 'open', regex: '^BEGIN$', kind: 'meta', enterState: 'in' },
        { id: 'inside', regex: '^(?<reply>\\d{3} .*)$', kind: 'reply', inState: ['in'] },
        { id: 'outside', regex: '^(?<text>.*)$', kind: 'meta' },
      ],
      samples: [
        { line: 'BEGIN', pattern: 'open' },
        { line: '226 ok', pattern: 'inside', context: ['BEGIN'], expect: { code: 226 } },
        { line: '226 ok', pattern: 'outside' },
      ],
    })
    expect(sampleProblems(def, registry.list())).toEqual([])
  })

  it('checkLogFormatSamples throws InvalidDefinitionError naming the definition and the sample', () => {
    const def = definition({ name: 'my-format', samples: [{ line: 'x', pattern: 'reply' }, { line: '2024-01-15 10:00:01 [7] > QUIT', pattern: 'command' }] })
    expect(() => checkLogFormatSamples(def, registry.list())).toThrow(InvalidDefinitionError)
    expect(() => checkLogFormatSamples(def, registry.list())).toThrow('log format my-format fails its samples:\n  sample 1 ("x"): expected pattern reply to match first, got no match')
  })
})
