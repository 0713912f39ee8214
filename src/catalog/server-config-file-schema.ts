import { z } from 'zod'
import { serverFamilySchema } from '../model/server-family-schema.js'

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
