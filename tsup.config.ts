import { isDeepStrictEqual } from 'node:util'
import { defineConfig, type Options } from 'tsup'
import { bundledCatalogData } from './src/catalog/bundled-catalog.js'
import { validatedServerConfigFiles } from './src/catalog/validated-server-config-files.js'
import { bundledHeadings } from './src/explain/bundled-headings.js'
import { knownReplyCodeList } from './src/log-formats/known-reply-codes.js'
import { proftpdLayoutDefinitions } from './src/log-formats/layout-definitions.js'
import { validatedEnvelopes } from './src/log-formats/validated-envelopes.js'
import { schemaDefaults } from './src/log-formats/schema-defaults.js'
import { validatedBundledLogFormats } from './src/log-formats/validated-log-formats.js'
import { bundledReplyData } from './src/replies/bundled-replies.js'
import { bundledWindowsStatusTables } from './src/replies/bundled-windows-status.js'
import { validatedKnownDirectives } from './src/server-config/validated-directives.js'

/**
 * Bundled data validated here, once, instead of on every start: each of these modules exports only
 * a function that validates raw JSON with zod and fills in the defaults, or picks out of it what a
 * run needs. The build calls it and puts
 * a module returning the result in the bundle (a fresh copy per call, as the function gives). A
 * failing schema fails the build; the tests run the functions as written.
 */
const PRECOMPILED: Record<string, { name: string; value: () => unknown }> = {
  'src/catalog/bundled-catalog.ts': { name: 'bundledCatalogData', value: bundledCatalogData },
  'src/catalog/validated-server-config-files.ts': { name: 'validatedServerConfigFiles', value: validatedServerConfigFiles },
  'src/explain/bundled-headings.ts': { name: 'bundledHeadings', value: bundledHeadings },
  'src/log-formats/known-reply-codes.ts': { name: 'knownReplyCodeList', value: knownReplyCodeList },
  'src/log-formats/layout-definitions.ts': { name: 'proftpdLayoutDefinitions', value: proftpdLayoutDefinitions },
  'src/log-formats/validated-envelopes.ts': { name: 'validatedEnvelopes', value: validatedEnvelopes },
  'src/log-formats/schema-defaults.ts': { name: 'schemaDefaults', value: schemaDefaults },
  'src/log-formats/validated-log-formats.ts': { name: 'validatedBundledLogFormats', value: validatedBundledLogFormats },
  'src/replies/bundled-replies.ts': { name: 'bundledReplyData', value: bundledReplyData },
  'src/replies/bundled-windows-status.ts': { name: 'bundledWindowsStatusTables', value: bundledWindowsStatusTables },
  'src/server-config/validated-directives.ts': { name: 'validatedKnownDirectives', value: validatedKnownDirectives },
}

const precompile: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'precompile-bundled-data',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const key = Object.keys(PRECOMPILED).find((k) => args.path.replaceAll('\\', '/').endsWith(`/${k}`))
      if (key === undefined) return undefined
      const { name, value } = PRECOMPILED[key]!
      const data = value()
      const json = JSON.stringify(data)
      if (!isDeepStrictEqual(JSON.parse(json), data)) throw new Error(`${key}: ${name}() returns data that JSON does not carry`)
      // JSON.parse of a string literal is faster for V8 than an object literal of the same data.
      return { contents: `export function ${name}() { return JSON.parse(${JSON.stringify(json)}) }\n`, loader: 'js' }
    })
  },
}

export default defineConfig({
  // analyze-worker is the worker-thread entry; analyzeInputs finds it beside the bundle.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'analyze-worker': 'src/analyze/analyze-worker.ts' },
  format: ['esm'],
  target: 'node20',
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: false,
  esbuildPlugins: [precompile],
  // zod goes into the bundle: loaded from node_modules it is 95 ES modules, and Node resolving,
  // reading and linking them cost an analysis ~40 ms of CPU and ~4 MiB at each start (Start-up in
  // docs/performance.md). The package still depends on zod for the declaration files' types.
  noExternal: ['zod'],
})
