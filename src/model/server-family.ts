/**
 * The FTP server software a line or session belongs to. `generic` is used when the log format
 * does not say (client transcripts before a banner fingerprint, Zeek) and for catalog entries that
 * apply to any server.
 */
export const SERVER_FAMILIES = [
  'vsftpd',
  'proftpd',
  'pure-ftpd',
  'filezilla-server',
  'iis',
  'wu-ftpd',
  'pyftpdlib',
  'generic',
] as const
export type ServerFamily = (typeof SERVER_FAMILIES)[number]
