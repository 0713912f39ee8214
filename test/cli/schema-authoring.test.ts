import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { configSchema } from '../../src/cli/config-schema.js'
import { logFormatDefinitionSchema } from '../../src/log-formats/schema.js'
import { reportSchema } from '../../src/report/report-schema.js'
import { run } from '../../src/cli/main.js'
import { BUNDLED_LOG_FORMATS } from '../../src/log-formats/definitions/index.js'
import { memoryIO } from '../helpers/memory-io.js'
import replyCodes from '../../src/replies/reply-codes.json' with { type: 'json' }

type JsonSchema = {
  description?: string
  type?: string; required?: string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; enum?: unknown[]; default?: unknown }

const pattern0 = (props: Record<string, JsonSchema>): JsonSchema => props.patterns!.items!

async function schemaOf(name: string): Promise<JsonSchema> {
  const io = memoryIO()
  expect(await run(['schema', name], io)).toBe(0)
  expect(io.err()).toBe('')
  return JSON.parse(io.out()) as JsonSchema
}

// `ftplog schema log-format|catalog|reply-codes` are for authors: the input side of the zod
// schemas, where fields with a default may be left out.
describe('ftplog schema for authors', () => {
  it('log-format: every key the bundled definitions use is a property; defaulted fields are optional', async () => {
    const schema = await schemaOf('log-format')
    expect(schema.type).toBe('object')
    const props = schema.properties!
    for (const def of BUNDLED_LOG_FORMATS as Record<string, unknown>[]) {
      expect(Object.keys(def).filter((k) => !(k in props)), String(def.name)).toEqual([])
    }
    expect(props.priority).toMatchObject({ type: 'integer', default: 1000 })
    // Every field an author writes carries its description (from the zod schema's .meta).
    expect(Object.entries(props).filter(([, v]) => typeof (v as { description?: unknown }).description !== 'string').map(([k]) => k)).toEqual([])
    expect(pattern0(props).properties!.inState!.description).toContain('Recv header')
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'title', 'samples']))
    expect(schema.required).not.toContain('priority')
    expect(schema.required).not.toContain('patterns')
    const pattern = props.patterns!.items!
    expect(pattern.required).toEqual(expect.arrayContaining(['id', 'regex', 'kind']))
    expect(pattern.properties!.kind!.enum).toEqual(expect.arrayContaining(['reply', 'command', 'not-ftp']))
  })

  it('catalog: causes, messages, rules and banners, with the message fields', async () => {
    const schema = await schemaOf('catalog')
    expect(Object.keys(schema.properties!)).toEqual(['causes', 'messages', 'rules', 'banners'])
    expect(schema.required).not.toContain('banners')
    expect(Object.keys(schema.properties!.messages!.items!.properties!)).toEqual(expect.arrayContaining(['id', 'server', 'trigger', 'code', 'pattern', 'cause']))
  })

  it('reply-codes: the table of reply-codes.json', async () => {
    const schema = await schemaOf('reply-codes')
    expect(schema.required).toEqual(['codes'])
    const entry = schema.properties!.codes!.items!
    const first = (replyCodes as { codes: Record<string, unknown>[] }).codes[0]!
    expect(Object.keys(first).filter((k) => !(k in entry.properties!))).toEqual([])
  })

  it('report and config stay the output side, as printed before', async () => {
    expect(await schemaOf('report')).toEqual(z.toJSONSchema(reportSchema))
    expect(await schemaOf('config')).toEqual(z.toJSONSchema(configSchema))
    expect(await schemaOf('log-format')).not.toEqual(z.toJSONSchema(logFormatDefinitionSchema))
  })

  it('an unknown name is a usage error listing the choices', async () => {
    const io = memoryIO()
    expect(await run(['schema', 'toString'], io)).toBe(2)
    expect(io.err()).toContain('choose report, config, log-format, catalog or reply-codes')
  })
})
