import { validatedKnownDirectives, type PureFtpdOption } from './validated-directives.js'

export type { PureFtpdOption }
export type VsftpdOptionKind = 'bool' | 'uint' | 'string'

let cache:
  | { vsftpd: Map<string, VsftpdOptionKind>; proftpd: Map<string, string>; pureFtpd: readonly PureFtpdOption[]; pureByName: Map<string, PureFtpdOption> }
  | undefined

function known() {
  if (cache) return cache
  const { vsftpd: vs, proftpd, pureFtpd } = validatedKnownDirectives()
  const vsftpd = new Map<string, VsftpdOptionKind>()
  for (const kind of ['bool', 'uint', 'string'] as const) for (const n of vs[kind]) vsftpd.set(n, kind)
  cache = {
    vsftpd,
    proftpd: new Map(proftpd.map((d) => [d.toLowerCase(), d])),
    pureFtpd,
    pureByName: new Map(pureFtpd.map((o) => [o.name.toLowerCase(), o])),
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
