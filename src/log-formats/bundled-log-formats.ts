import { validate } from '../validate.js'
import basicFtp from './definitions/basic-ftp.json' with { type: 'json' }
import bsdFtpd from './definitions/bsd-ftpd.json' with { type: 'json' }
import curlTrace from './definitions/curl-trace.json' with { type: 'json' }
import curlVerbose from './definitions/curl-verbose.json' with { type: 'json' }
import filezillaClient from './definitions/filezilla-client.json' with { type: 'json' }
import filezillaServer from './definitions/filezilla-server.json' with { type: 'json' }
import filezillaServer1x from './definitions/filezilla-server-1x.json' with { type: 'json' }
import filezillaServer1xAdmin from './definitions/filezilla-server-1x-admin.json' with { type: 'json' }
import ftpDialog from './definitions/ftp-dialog.json' with { type: 'json' }
import ftplibDebug from './definitions/ftplib-debug.json' with { type: 'json' }
import iisFtp from './definitions/iis-ftp.json' with { type: 'json' }
import lftpDebug from './definitions/lftp-debug.json' with { type: 'json' }
import nodeFtp from './definitions/node-ftp.json' with { type: 'json' }
import proftpdExtended from './definitions/proftpd-extended.json' with { type: 'json' }
import proftpdSystem from './definitions/proftpd-system.json' with { type: 'json' }
import proftpdTrace from './definitions/proftpd-trace.json' with { type: 'json' }
import pureFtpd from './definitions/pure-ftpd.json' with { type: 'json' }
import pureFtpdClf from './definitions/pure-ftpd-clf.json' with { type: 'json' }
import pureFtpdStats from './definitions/pure-ftpd-stats.json' with { type: 'json' }
import pureFtpdW3c from './definitions/pure-ftpd-w3c.json' with { type: 'json' }
import pyftpdlib from './definitions/pyftpdlib.json' with { type: 'json' }
import syslog from './definitions/syslog.json' with { type: 'json' }
import vsftpd from './definitions/vsftpd.json' with { type: 'json' }
import winscp from './definitions/winscp.json' with { type: 'json' }
import wuFtpd from './definitions/wu-ftpd.json' with { type: 'json' }
import xferlog from './definitions/xferlog.json' with { type: 'json' }
import zeekFtp from './definitions/zeek-ftp.json' with { type: 'json' }
import { compareDetectionPriority } from './detect.js'
import { logFormatDefinitionSchema, type LogFormatDefinition } from './schema.js'

/**
 * The bundled log-format definitions (`definitions/*.json`), as raw data in file-name order. The
 * order carries no meaning: each definition's `priority` sets the detection order.
 */
export const BUNDLED_LOG_FORMATS: readonly unknown[] = [
  basicFtp,
  bsdFtpd,
  curlTrace,
  curlVerbose,
  filezillaClient,
  filezillaServer,
  filezillaServer1x,
  filezillaServer1xAdmin,
  ftpDialog,
  ftplibDebug,
  iisFtp,
  lftpDebug,
  nodeFtp,
  proftpdExtended,
  proftpdSystem,
  proftpdTrace,
  pureFtpd,
  pureFtpdClf,
  pureFtpdStats,
  pureFtpdW3c,
  pyftpdlib,
  syslog,
  vsftpd,
  winscp,
  wuFtpd,
  xferlog,
  zeekFtp,
]

let bundled: readonly LogFormatDefinition[] | undefined

/**
 * The bundled definitions validated and in detection order ({@link compareDetectionPriority}),
 * on first use; the same array afterwards. Their samples are checked by the tests
 * (test/log-formats/samples.test.ts), not here, to keep start-up short.
 * @throws InvalidDefinitionError when a bundled definition fails its schema (a bug, caught by tests).
 */
export function bundledLogFormats(): readonly LogFormatDefinition[] {
  bundled ??= BUNDLED_LOG_FORMATS.map((raw) => validateLogFormat(raw)).sort(compareDetectionPriority)
  return bundled
}

/**
 * Validates one definition against {@link logFormatDefinitionSchema}.
 * @throws InvalidDefinitionError naming the definition (`log format NAME`) with zod's field-by-field message.
 */
export function validateLogFormat(raw: unknown): LogFormatDefinition {
  const name = (raw as { name?: unknown } | null)?.name
  return validate(logFormatDefinitionSchema, raw, `log format ${typeof name === 'string' ? name : '(unnamed)'}`)
}
