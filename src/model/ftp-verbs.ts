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
