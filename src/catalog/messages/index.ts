import filezillaServer from './filezilla-server.json' with { type: 'json' }
import generic from './generic.json' with { type: 'json' }
import iis from './iis.json' with { type: 'json' }
import proftpd from './proftpd.json' with { type: 'json' }
import pureFtpd from './pure-ftpd.json' with { type: 'json' }
import pyftpdlib from './pyftpdlib.json' with { type: 'json' }
import vsftpd from './vsftpd.json' with { type: 'json' }

/**
 * Every bundled server-message file, concatenated in matching order; validated by `createCatalog`.
 * Order matters only for unidentified (`generic`) sessions, where the first distinctive match wins.
 */
export const BUNDLED_MESSAGES: readonly unknown[] = [...vsftpd, ...proftpd, ...pureFtpd, ...pyftpdlib, ...filezillaServer, ...iis, ...generic]
