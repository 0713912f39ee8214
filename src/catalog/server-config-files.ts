import { globMatcher } from '../collections/glob-matcher.js'
import type { ServerFamily } from '../model/server-family.js'
import type { ServerConfigFile } from './server-config-file-schema.js'
import { validatedServerConfigFiles } from './validated-server-config-files.js'

export type { ServerConfigFile } from './server-config-file-schema.js'

let bundled: readonly ServerConfigFile[] | undefined
let bundledMatcher: ((path: string) => ServerFamily | undefined) | undefined

/**
 * The bundled names of FTP server configuration files (src/catalog/server-config-files.json),
 * validated ({@link validatedServerConfigFiles}), on first use; the same array afterwards. Such a
 * file found among the inputs is not a log: it is skipped with the reason "server configuration"
 * instead of failing log-format detection.
 * @throws InvalidDefinitionError when the bundled data does not validate (a bug).
 */
export function serverConfigFiles(): readonly ServerConfigFile[] {
  bundled ??= validatedServerConfigFiles()
  return bundled
}

/**
 * A matcher telling which server a path's configuration file belongs to, or `undefined` when
 * the path does not name a known configuration file. `path` uses `/` or the platform separator,
 * relative to the folder walked (or as given); globs without `/` match its base name. The matcher
 * of the bundled entries is built once (its globs compiled on first use) and shared.
 */
export function serverConfigMatcher(entries?: readonly ServerConfigFile[]): (path: string) => ServerFamily | undefined {
  if (entries === undefined) return (bundledMatcher ??= matcherOf(serverConfigFiles()))
  return matcherOf(entries)
}

function matcherOf(entries: readonly ServerConfigFile[]): (path: string) => ServerFamily | undefined {
  const matchers = entries.map((e) => ({ server: e.server, match: globMatcher(e.globs) }))
  return (path) => matchers.find((m) => m.match(path))?.server
}
