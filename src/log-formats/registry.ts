import { InvalidDefinitionError, UsageError } from '../errors.js'
import { validate } from '../validate.js'
import bsdFtpd from './definitions/bsd-ftpd.json' with { type: 'json' }
import curlTrace from './definitions/curl-trace.json' with { type: 'json' }
import curlVerbose from './definitions/curl-verbose.json' with { type: 'json' }
import filezillaClient from './definitions/filezilla-client.json' with { type: 'json' }
import filezillaServer from './definitions/filezilla-server.json' with { type: 'json' }
import filezillaServer1x from './definitions/filezilla-server-1x.json' with { type: 'json' }
import ftpDialog from './definitions/ftp-dialog.json' with { type: 'json' }
import ftplibDebug from './definitions/ftplib-debug.json' with { type: 'json' }
import iisFtp from './definitions/iis-ftp.json' with { type: 'json' }
import lftpDebug from './definitions/lftp-debug.json' with { type: 'json' }
import proftpdExtended from './definitions/proftpd-extended.json' with { type: 'json' }
import proftpdSystem from './definitions/proftpd-system.json' with { type: 'json' }
import proftpdTrace from './definitions/proftpd-trace.json' with { type: 'json' }
import pureFtpd from './definitions/pure-ftpd.json' with { type: 'json' }
import pureFtpdClf from './definitions/pure-ftpd-clf.json' with { type: 'json' }
import pureFtpdStats from './definitions/pure-ftpd-stats.json' with { type: 'json' }
import pureFtpdW3c from './definitions/pure-ftpd-w3c.json' with { type: 'json' }
import syslog from './definitions/syslog.json' with { type: 'json' }
import vsftpd from './definitions/vsftpd.json' with { type: 'json' }
import winscp from './definitions/winscp.json' with { type: 'json' }
import wuFtpd from './definitions/wu-ftpd.json' with { type: 'json' }
import xferlog from './definitions/xferlog.json' with { type: 'json' }
import zeekFtp from './definitions/zeek-ftp.json' with { type: 'json' }
import { logFormatDefinitionSchema, type LogFormatDefinition } from './schema.js'

/**
 * The bundled log-format definitions, in detection priority order (ties in detection go to the
 * earlier one): server logs before client transcripts, specific layouts before looser ones
 * (Pure-FTPd clf before ProFTPD's CLF-like default ExtendedLog), the `syslog` container last so a
 * file with one FTP daemon keeps that daemon's log format. Each is validated when a registry is created.
 */
export const BUNDLED_LOG_FORMATS: readonly unknown[] = [
  vsftpd,
  xferlog,
  proftpdSystem,
  pureFtpd,
  pureFtpdClf,
  proftpdExtended,
  proftpdTrace,
  pureFtpdStats,
  pureFtpdW3c,
  iisFtp,
  filezillaServer,
  filezillaServer1x,
  zeekFtp,
  bsdFtpd,
  wuFtpd,
  curlTrace,
  curlVerbose,
  lftpDebug,
  ftplibDebug,
  filezillaClient,
  winscp,
  ftpDialog,
  syslog,
]

/** The known log formats. Build with {@link createLogFormatRegistry}. */
export interface LogFormatRegistry {
  /** Definitions in detection priority order. */
  list(): readonly LogFormatDefinition[]
  /**
   * The definition called `name`.
   * @throws UsageError listing the known names when there is none.
   */
  get(name: string): LogFormatDefinition
  names(): readonly string[]
}

/**
 * Validates definitions (the bundled ones, then `extra`, e.g. a `--template` format) and indexes them.
 * @throws InvalidDefinitionError when a definition fails its schema or a name repeats.
 */
export function createLogFormatRegistry(extra: readonly unknown[] = [], bundled: readonly unknown[] = BUNDLED_LOG_FORMATS): LogFormatRegistry {
  const defs: LogFormatDefinition[] = []
  const byName = new Map<string, LogFormatDefinition>()
  for (const raw of [...extra, ...bundled]) {
    const name = (raw as { name?: unknown }).name
    const def = validate(logFormatDefinitionSchema, raw, `log format ${typeof name === 'string' ? name : '(unnamed)'}`)
    if (byName.has(def.name)) throw new InvalidDefinitionError(`log format ${def.name} is defined twice`)
    byName.set(def.name, def)
    defs.push(def)
  }
  return {
    list: () => defs,
    names: () => defs.map((d) => d.name),
    get(name) {
      const def = byName.get(name)
      if (!def) throw new UsageError(`unknown log format ${JSON.stringify(name)}; known: ${defs.map((d) => d.name).join(', ')}`)
      return def
    },
  }
}
