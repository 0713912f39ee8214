/**
 * FTP command verbs the session tracker treats alike (RFC 959 §4.1.3 service commands, RFC 3659
 * MLSD, RFC 1123 X-prefixed directory verbs).
 */

/** Commands that open a data connection to move a file or a listing. */
export const TRANSFER_VERBS: ReadonlySet<string> = new Set(['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'])

/** Commands that move a file (not a listing). */
export const FILE_VERBS: ReadonlySet<string> = new Set(['RETR', 'STOR', 'STOU', 'APPE'])

/** Commands whose final reply is a file operation's outcome (RNTO ends a rename; SITE only for CHMOD). */
export const FILE_OP_VERBS: ReadonlySet<string> = new Set(['DELE', 'MKD', 'XMKD', 'RMD', 'XRMD', 'RNTO', 'SITE'])

/**
 * Every FTP command a server may log: RFC 959 §4.1 (with RFC 1123's X-prefixed directory verbs
 * and RFC 775's), RFC 2228 (security), RFC 2389 (FEAT, OPTS), RFC 2428 (EPRT, EPSV), RFC 2640
 * (LANG), RFC 3659 (MDTM, SIZE, MLST, MLSD), RFC 7151 (HOST), RFC 1639 (LPRT, LPSV), and the
 * draft and server extensions the bundled servers answer (CLNT, MFMT, MFCT, MFF, AVBL, CSID,
 * DSIZ, RMDA, SPSV, THMB, XCRC, XMD5, XSHA1, XSHA256, XSHA512, SSCN, ALLO), plus `EXIT`, the line
 * ProFTPD's ExtendedLog writes when a session ends.
 */
export const FTP_COMMANDS: ReadonlySet<string> = new Set([
  'ABOR', 'ACCT', 'ALLO', 'APPE', 'CDUP', 'CWD', 'DELE', 'HELP', 'LIST', 'MKD', 'MODE', 'NLST', 'NOOP', 'PASS', 'PASV', 'PORT',
  'PWD', 'QUIT', 'REIN', 'REST', 'RETR', 'RMD', 'RNFR', 'RNTO', 'SITE', 'SMNT', 'STAT', 'STOR', 'STOU', 'STRU', 'SYST', 'TYPE', 'USER',
  'XCUP', 'XCWD', 'XMKD', 'XPWD', 'XRMD', 'XRCP', 'XRSQ', 'XSEM', 'XSEN', 'XMAS', 'XMSA', 'XMCP', 'XMCR',
  'ADAT', 'AUTH', 'CCC', 'CONF', 'ENC', 'MIC', 'PBSZ', 'PROT', 'FEAT', 'OPTS', 'EPRT', 'EPSV', 'LANG', 'MDTM', 'SIZE', 'MLST', 'MLSD',
  'HOST', 'LPRT', 'LPSV', 'CLNT', 'MFMT', 'MFCT', 'MFF', 'AVBL', 'CSID', 'DSIZ', 'RMDA', 'SPSV', 'THMB', 'XCRC', 'XMD5', 'XSHA1',
  'XSHA256', 'XSHA512', 'SSCN', 'EXIT',
])

/** Whether `word` is an FTP command of {@link FTP_COMMANDS}, in any case; ProFTPD's internal names (`OPTS_UTF8`, `SITE_CHMOD`) by their part before `_`. */
export function isFtpCommand(word: string): boolean {
  const upper = word.toUpperCase()
  const cut = upper.indexOf('_')
  return FTP_COMMANDS.has(cut > 0 ? upper.slice(0, cut) : upper)
}
