import { z } from 'zod'
import { globMatcher } from '../collections/glob-matcher.js'
import { serverFamilySchema } from '../model/server-family-schema.js'
import type { ServerFamily } from '../model/server-family.js'
import { validate } from '../validate.js'
import data from './server-config-files.json' with { type: 'json' }

/** One server's configuration file names, as globs over a path relative to a walked folder. */
export const serverConfigFileSchema = z
  .object({
    server: serverFamilySchema,
    globs: z.array(z.string().min(1)).min(1).meta({ description: 'picomatch globs; a glob without / matches the base name' }),
    samples: z.array(z.string().min(1)).min(1).meta({ description: 'relative paths the globs must match (checked in tests)' }),
    source: z.string().min(1),
  })
  .meta({ title: 'ServerConfigFile' })

export type ServerConfigFile = z.infer<typeof serverConfigFileSchema>

/**
 * The bundled names of FTP server configuration files (src/catalog/server-config-files.json),
 * validated. Such a file found among the inputs is not a log: it is skipped with the reason
 * "server configuration" instead of failing log-format detection.
 * @throws InvalidDefinitionError when the bundled data does not validate (a bug).
 */
export function serverConfigFiles(): readonly ServerConfigFile[] {
  return validate(z.array(serverConfigFileSchema), data, 'server-config-files.json')
}

/**
 * A matcher telling which server a path's configuration file belongs to, or `undefined` when
 * the path does not name a known configuration file. `path` uses `/` or the platform separator,
 * relative to the folder walked (or as given); globs without `/` match its base name.
 */
export function serverConfigMatcher(entries: readonly ServerConfigFile[] = serverConfigFiles()): (path: string) => ServerFamily | undefined {
  const matchers = entries.map((e) => ({ server: e.server, match: globMatcher(e.globs) }))
  return (path) => matchers.find((m) => m.match(path))?.server
}
