import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { bundledCatalogData } from '../src/catalog/bundled-catalog.js'
import { catalogSchema } from '../src/catalog/schema.js'
import { serverConfigFileSchema } from '../src/catalog/server-config-file-schema.js'
import { validatedServerConfigFiles } from '../src/catalog/validated-server-config-files.js'
import { bundledHeadings } from '../src/explain/bundled-headings.js'
import { HEADING_KEYS, HEADING_LANGS } from '../src/explain/heading-keys.js'
import { envelopesSchema } from '../src/log-formats/envelope-schema.js'
import { knownReplyCodeList } from '../src/log-formats/known-reply-codes.js'
import { proftpdLayoutDefinitions } from '../src/log-formats/layout-definitions.js'
import { logFormatDefinitionSchema } from '../src/log-formats/schema.js'
import { validatedEnvelopes } from '../src/log-formats/validated-envelopes.js'
import { validatedBundledLogFormats } from '../src/log-formats/validated-log-formats.js'
import { schemaDefaults } from '../src/log-formats/schema-defaults.js'
import { bundledReplyData } from '../src/replies/bundled-replies.js'
import { bundledWindowsStatusTables } from '../src/replies/bundled-windows-status.js'
import { replyDigitsSchema, replyTableSchema } from '../src/replies/schema.js'
import { iisSubstatusTableSchema, win32StatusTableSchema } from '../src/replies/windows-status-schema.js'
import { validatedKnownDirectives, type KnownDirectives } from '../src/server-config/validated-directives.js'

/**
 * The bundled data the build validates once and ships precompiled (tsup.config.ts `PRECOMPILED`):
 * it passes its schemas, and JSON carries it whole (the build inlines it as JSON).
 */
describe('bundled data', () => {
  const cases: [string, () => unknown, (data: never) => void][] = [
    ['catalog', bundledCatalogData, (d) => catalogSchema.parse(d)],
    ['log formats', validatedBundledLogFormats, (d: unknown[]) => d.forEach((x) => logFormatDefinitionSchema.parse(x))],
    ['headings', bundledHeadings, (d: ReturnType<typeof bundledHeadings>) => HEADING_LANGS.forEach((l) => expect(Object.keys(d.headings[l]).sort()).toEqual([...HEADING_KEYS].sort()))],
    ['server configuration file names', validatedServerConfigFiles, (d: unknown[]) => d.forEach((x) => serverConfigFileSchema.parse(x))],
    ['envelopes', validatedEnvelopes, (d) => envelopesSchema.parse(d)],
    // Every layout of proftpd-layouts.json is readable: none is null.
    ['ProFTPD layouts', proftpdLayoutDefinitions, (d: ReturnType<typeof proftpdLayoutDefinitions>) => d.forEach((l) => logFormatDefinitionSchema.parse(l.definition))],
    ['known reply codes', knownReplyCodeList, (d: number[]) => expect(d).toEqual(bundledReplyData().table.codes.map((c) => Number(c.code)))],
    ['Windows status tables', bundledWindowsStatusTables, (d: { win32: unknown; iis: unknown }) => (win32StatusTableSchema.parse(d.win32), iisSubstatusTableSchema.parse(d.iis))],
    // Validated inside; each list has names (vsftpd's parseconf.c tables, ProFTPD's conftables, Pure-FTPd's keys).
    ['server configuration directives', validatedKnownDirectives, (d: KnownDirectives) => expect([d.vsftpd.bool, d.vsftpd.uint, d.vsftpd.string, d.proftpd, d.pureFtpd].map((l) => l.length > 0)).toEqual([true, true, true, true, true])],
    // Compared with the schema's own results in test/log-formats/schema-defaults.test.ts.
    ['log-format schema defaults', schemaDefaults, (d: ReturnType<typeof schemaDefaults>) => expect(d.pattern.applies).toEqual(['bare'])],
    ['reply codes', bundledReplyData, (d: { table: unknown; digits: unknown }) => (replyTableSchema.parse(d.table), replyDigitsSchema.parse(d.digits))],
  ]
  for (const [name, load, check] of cases) {
    it(`${name}: passes its schema, and survives JSON`, () => {
      const data = load()
      expect(() => check(data as never)).not.toThrow()
      expect(isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)).toBe(true)
      // A fresh copy per call: a caller may not change what the next one gets.
      expect(load()).not.toBe(data)
    })
  }
})
