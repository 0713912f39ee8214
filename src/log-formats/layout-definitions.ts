import { inferredDefinition } from './inferred-definition.js'
import layoutsJson from './proftpd-layouts.json' with { type: 'json' }
import type { LogFormatDefinition } from './schema.js'

/**
 * The definition ({@link inferredDefinition}) of each LogFormat in proftpd-layouts.json, in file
 * order, `null` for one that cannot be read; new objects on every call. The build runs this once
 * and puts its result in the bundle instead (`PRECOMPILED` in tsup.config.ts), so detection does
 * not build and validate them on each run; the tests run it as written.
 */
export function proftpdLayoutDefinitions(): { logFormat: string; definition: LogFormatDefinition | null }[] {
  return layoutsJson.layouts.map(({ logFormat }) => {
    try {
      return { logFormat, definition: inferredDefinition(logFormat) }
    } catch {
      return { logFormat, definition: null }
    }
  })
}
