import { z } from 'zod'
import { validate } from '../validate.js'
import proftpdData from './proftpd-directives.json' with { type: 'json' }
import pureFtpdData from './pure-ftpd-options.json' with { type: 'json' }
import vsftpdData from './vsftpd-options.json' with { type: 'json' }

const name = z.string().min(1)

/** vsftpd's options by value type, from its parseconf.c (the file's `source` cites the version). */
const vsftpdOptionsSchema = z.object({
  source: z.string().min(1),
  bool: z.array(name).min(1),
  uint: z.array(name).min(1),
  string: z.array(name).min(1),
})

/** ProFTPD's directive names (and `<Section>` names) from the conftables of its modules. */
const proftpdDirectivesSchema = z.object({
  source: z.string().min(1),
  directives: z.array(name).min(1),
})

/**
 * Pure-FTPd's configuration keys with the command-line option each stands for: `long` without
 * `--`, `short` without `-`, `flagValue` how the key's arguments become the option's argument
 * (`$0:$1`, `puredb:$0`; `null` for a switch). `value: 'bool'` keys take `yes`/`no`.
 */
const pureFtpdOptionSchema = z.object({
  name,
  long: name.nullable(),
  short: z.string().length(1).nullable(),
  value: z.enum(['bool', 'text']),
  flagValue: z.string().nullable(),
})
const pureFtpdOptionsSchema = z.object({ source: z.string().min(1), options: z.array(pureFtpdOptionSchema) })

/** A Pure-FTPd configuration key with its command-line option (see the schema above). */
export type PureFtpdOption = z.infer<typeof pureFtpdOptionSchema>

/** The bundled lists of configuration names, validated: what {@link validatedKnownDirectives} returns. */
export interface KnownDirectives {
  /** vsftpd option names by value type. */
  readonly vsftpd: { readonly bool: string[]; readonly uint: string[]; readonly string: string[] }
  /** ProFTPD directive and section names as documented. */
  readonly proftpd: string[]
  /** Pure-FTPd configuration keys. */
  readonly pureFtpd: PureFtpdOption[]
}

/**
 * The bundled vsftpd options, ProFTPD directives and Pure-FTPd keys (vsftpd-options.json,
 * proftpd-directives.json, pure-ftpd-options.json beside this file), validated; new objects on
 * every call. The build runs this once and puts its result in the bundle instead (`PRECOMPILED`
 * in tsup.config.ts); the tests run it as written.
 * @throws InvalidDefinitionError when the bundled data does not validate (a bug).
 */
export function validatedKnownDirectives(): KnownDirectives {
  const vs = validate(vsftpdOptionsSchema, vsftpdData, 'vsftpd-options.json')
  const pf = validate(proftpdDirectivesSchema, proftpdData, 'proftpd-directives.json')
  const pu = validate(pureFtpdOptionsSchema, pureFtpdData, 'pure-ftpd-options.json')
  return { vsftpd: { bool: vs.bool, uint: vs.uint, string: vs.string }, proftpd: pf.directives, pureFtpd: pu.options }
}
