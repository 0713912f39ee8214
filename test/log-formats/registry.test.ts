import { describe, expect, it } from 'vitest'
import { InvalidDefinitionError, UsageError } from '../../src/errors.js'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { compareDetectionPriority, detectLogFormat } from '../../src/log-formats/detect.js'
import { BUNDLED_LOG_FORMATS } from '../../src/log-formats/definitions/index.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { CUSTOM_PRIORITY } from '../../src/log-formats/schema.js'
import { rawDefinition } from '../helpers/log-format-definition.js'

// The detection order before priority became a field (it was the order of the bundled array),
// with the log formats added since at their priority.
const DETECTION_ORDER = [
  'vsftpd',
  'xferlog',
  'proftpd-system',
  'pure-ftpd',
  'pure-ftpd-clf',
  'proftpd-extended',
  'proftpd-trace',
  'pure-ftpd-stats',
  'pure-ftpd-w3c',
  'iis-ftp',
  'pyftpdlib',
  'filezilla-server',
  'filezilla-server-1x-admin',
  'filezilla-server-1x',
  'zeek-ftp',
  'bsd-ftpd',
  'wu-ftpd',
  'curl-trace',
  'curl-verbose',
  'basic-ftp',
  'lftp-debug',
  'node-ftp',
  'ftplib-debug',
  'filezilla-client',
  'winscp',
  'ftp-dialog',
  'syslog',
]

describe('detection priority as data', () => {
  it('every bundled definition sets its priority, and they sort to the historical detection order', () => {
    for (const raw of BUNDLED_LOG_FORMATS as { name: string; priority?: unknown }[]) expect(raw.priority, raw.name).toBeTypeOf('number')
    expect(createLogFormatRegistry().names()).toEqual(DETECTION_ORDER)
  })

  it('the order of the definitions handed in does not matter', () => {
    const reversed = [...BUNDLED_LOG_FORMATS].reverse()
    expect(createLogFormatRegistry([], reversed).names()).toEqual(DETECTION_ORDER)
  })

  it('equal priorities are ordered by name; higher priorities first', () => {
    const a = { name: 'b', priority: 5 }
    expect([a, { name: 'a', priority: 5 }, { name: 'z', priority: 6 }].sort(compareDetectionPriority).map((d) => d.name)).toEqual(['z', 'a', 'b'])
  })

  it('a custom definition without a priority comes before the bundled ones; with a low one, after them', () => {
    expect(createLogFormatRegistry([rawDefinition()]).get('custom').priority).toBe(CUSTOM_PRIORITY)
    expect(createLogFormatRegistry([rawDefinition()]).names()[0]).toBe('custom')
    expect(createLogFormatRegistry([rawDefinition({ priority: 0 })]).names().at(-1)).toBe('custom')
  })

  it('detection ties go to the higher priority whatever the order of the compiled formats', () => {
    const registry = createLogFormatRegistry([rawDefinition({ name: 'copy-low', priority: 1 }), rawDefinition({ name: 'copy-high', priority: 2000 })])
    const time = { timeZone: 'UTC', year: 2024 }
    const formats = registry.list().filter((d) => d.name.startsWith('copy-')).map((d) => compileLogFormat(d, time, { definitions: registry.list() }))
    const lines = ['2024-01-15 10:00:00 [7] 421 Timeout.']
    expect(detectLogFormat(lines, formats)?.format.definition.name).toBe('copy-high')
    expect(detectLogFormat(lines, [...formats].reverse())?.format.definition.name).toBe('copy-high')
  })
})

describe('createLogFormatRegistry', () => {
  it('checks custom definitions against their samples at load, naming the definition and the sample', () => {
    const broken = rawDefinition({ name: 'mine', samples: [{ line: '2024-01-15 10:00:00 [7] 421 Timeout.', pattern: 'reply', expect: { code: 426 } }, { line: '2024-01-15 10:00:01 [7] > QUIT', pattern: 'command' }] })
    expect(() => createLogFormatRegistry([broken])).toThrow(InvalidDefinitionError)
    expect(() => createLogFormatRegistry([broken])).toThrow('log format mine fails its samples:\n  sample 1 ("2024-01-15 10:00:00 [7] 421 Timeout."): code is 421, expected 426')
  })

  it('refuses a definition that fails its schema or repeats a name', () => {
    expect(() => createLogFormatRegistry([{ name: 'x' }])).toThrow(/Invalid log format x/)
    expect(() => createLogFormatRegistry([rawDefinition({ name: 'vsftpd' })])).toThrow(new InvalidDefinitionError('log format vsftpd is defined twice'))
  })

  it('get names the known log formats when one is unknown', () => {
    expect(() => createLogFormatRegistry().get('nope')).toThrow(UsageError)
    expect(() => createLogFormatRegistry().get('nope')).toThrow(/known: vsftpd, xferlog/)
  })
})
