import { z } from 'zod'
import { validate } from '../validate.js'
import { serverConfigFileSchema, type ServerConfigFile } from './server-config-file-schema.js'
import data from './server-config-files.json' with { type: 'json' }

/**
 * The bundled names of FTP server configuration files (src/catalog/server-config-files.json),
 * validated; new objects on every call. The build runs this once and puts its result in the
 * bundle instead (`PRECOMPILED` in tsup.config.ts); the tests run it as written.
 * @throws InvalidDefinitionError when the bundled data does not validate (a bug).
 */
export function validatedServerConfigFiles(): ServerConfigFile[] {
  return validate(z.array(serverConfigFileSchema), data, 'server-config-files.json')
}
