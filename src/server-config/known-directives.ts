import { z } from 'zod'
import { validate } from '../validate.js'
import proftpdData from './proftpd-directives.json' with { type: 'json' }
import pureFtpdData from './pure-ftpd-options.json' with { type: 'json' }
import vsftpdData from './vsftpd-options.json' with { type: 'json' }

const name = z.string().min(1)

/** vsftpd's options by value type, from its parseconf.c (the file's `source` cites the version). */
export const vsftpdOptionsSchema = z.object({
  source: z.string().min(1),
  bool: z.array(name).min(1),
  uint: z.array(name).min(1),
  string: z.array(name).min(1),
})

/** ProFTPD's directive names (and `<Section>` names) from the conftables of its modules. */
export const proftpdDirectivesSchema = z.object({
  source: z.string().min(1),
  directives: z.array(name).min(1),
})

/**
 * Pure-FTPd's configuration keys with the command-line option each stands for: `long` without
 * `--`, `short` without `-`, `flagValue` how the key's arguments become the option's argument
 * (`$0:$1`, `puredb:$0`; `null` for a switch). `value: 'bool'` keys take `yes`/`no`.
 */
export const pureFtpdOptionsSchema = z.object({
  source: z.string().min(1),
  options: z.array(
    z.object({
      name,
      long: name.nullable(),
      short: z.string().length(1).nullable(),
      value: z.enum(['bool', 'text']),
      flagValue: z.string().nullable(),
    }),
  ),
})

export type VsftpdOptionKind = 'bool' | 'uint' | 'string'
export type PureFtpdOption = z.infer<typeof pureFtpdOptionsSchema>['options'][number]

let cache:
  | { vsftpd: Map<string, VsftpdOptionKind>; proftpd: Map<string, string>; pureFtpd: readonly PureFtpdOption[]; pureByName: Map<string, PureFtpdOption> }
  | undefined

function known() {
  if (cache) return cache
  const vs = validate(vsftpdOptionsSchema, vsftpdData, 'vsftpd-options.json')
  const pf = validate(proftpdDirectivesSchema, proftpdData, 'proftpd-directives.json')
  const pu = validate(pureFtpdOptionsSchema, pureFtpdData, 'pure-ftpd-options.json')
  const vsftpd = new Map<string, VsftpdOptionKind>()
  for (const kind of ['bool', 'uint', 'string'] as const) for (const n of vs[kind]) vsftpd.set(n, kind)
  cache = {
    vsftpd,
    proftpd: new Map(pf.directives.map((d) => [d.toLowerCase(), d])),
    pureFtpd: pu.options,
    pureByName: new Map(pu.options.map((o) => [o.name.toLowerCase(), o])),
  }
  return cache
}

/** The value type of a vsftpd option (names are case-sensitive, as vsftpd reads them), or `undefined` for an unknown one. */
export function vsftpdOptionKind(option: string): VsftpdOptionKind | undefined {
  return known().vsftpd.get(option)
}

/**
 * The documented spelling of a ProFTPD directive or section name (`timeoutidle` → `TimeoutIdle`,
 * `<virtualhost>` → `<VirtualHost>`; ProFTPD matches names without regard to case), or
 * `undefined` when no module of the bundled list defines it.
 */
export function proftpdDirectiveName(directive: string): string | undefined {
  return known().proftpd.get(directive.toLowerCase())
}

/** Every Pure-FTPd configuration key with its command-line option. */
export function pureFtpdOptions(): readonly PureFtpdOption[] {
  return known().pureFtpd
}

/** A Pure-FTPd configuration key by name (without regard to case, as pure-ftpd's simpleconf reads them). */
export function pureFtpdOption(key: string): PureFtpdOption | undefined {
  return known().pureByName.get(key.toLowerCase())
}
