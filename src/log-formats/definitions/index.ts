import basicFtp from './basic-ftp.json' with { type: 'json' }
import bsdFtpd from './bsd-ftpd.json' with { type: 'json' }
import curlTrace from './curl-trace.json' with { type: 'json' }
import curlVerbose from './curl-verbose.json' with { type: 'json' }
import filezillaClient from './filezilla-client.json' with { type: 'json' }
import filezillaServer from './filezilla-server.json' with { type: 'json' }
import filezillaServer1x from './filezilla-server-1x.json' with { type: 'json' }
import filezillaServer1xAdmin from './filezilla-server-1x-admin.json' with { type: 'json' }
import ftpDialog from './ftp-dialog.json' with { type: 'json' }
import ftplibDebug from './ftplib-debug.json' with { type: 'json' }
import iisFtp from './iis-ftp.json' with { type: 'json' }
import lftpDebug from './lftp-debug.json' with { type: 'json' }
import nodeFtp from './node-ftp.json' with { type: 'json' }
import proftpdExtended from './proftpd-extended.json' with { type: 'json' }
import proftpdSystem from './proftpd-system.json' with { type: 'json' }
import proftpdTrace from './proftpd-trace.json' with { type: 'json' }
import pureFtpd from './pure-ftpd.json' with { type: 'json' }
import pureFtpdClf from './pure-ftpd-clf.json' with { type: 'json' }
import pureFtpdStats from './pure-ftpd-stats.json' with { type: 'json' }
import pureFtpdW3c from './pure-ftpd-w3c.json' with { type: 'json' }
import pyftpdlib from './pyftpdlib.json' with { type: 'json' }
import syslog from './syslog.json' with { type: 'json' }
import vsftpd from './vsftpd.json' with { type: 'json' }
import winscp from './winscp.json' with { type: 'json' }
import wuFtpd from './wu-ftpd.json' with { type: 'json' }
import xferlog from './xferlog.json' with { type: 'json' }
import zeekFtp from './zeek-ftp.json' with { type: 'json' }

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
