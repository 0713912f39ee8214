import { analyzeText, lines } from './analyze-text.js'

/**
 * Hostile log content: a user name and reply text with ANSI escapes, Markdown and table syntax,
 * backtick runs, HTML, workflow-command separators, percent signs, XML-invalid characters and
 * spreadsheet formulas.
 */
export const HOSTILE_USER = 'eve|`x`<script>alert(1)</script>::set-env%0A\u001b[31m=cmd|\u0001\uFFFE'
export const HOSTILE_REPLY = '421 Bye ```` ::error::pwned %25 <b>|</b> \u001b]0;t\u0007 =HYPERLINK("http://x")'
export const HOSTILE_PATH = 'logs/evil,name:1 %0A`|<i>.log'

/** A vsftpd log whose incident and failed logins carry the hostile strings, as a report. */
export async function hostileReport() {
  const log = lines(
    'Mon Jan 15 10:00:00 2024 [pid 7] CONNECT: Client "192.0.2.66"',
    `Mon Jan 15 10:00:01 2024 [pid 7] [${HOSTILE_USER}] FAIL LOGIN: Client "192.0.2.66"`,
    `Mon Jan 15 10:00:02 2024 [pid 7] [${HOSTILE_USER}] FTP command: Client "192.0.2.66", "RETR =cmd|' /C calc'!A0"`,
    `Mon Jan 15 10:00:03 2024 [pid 7] [${HOSTILE_USER}] FTP response: Client "192.0.2.66", "${HOSTILE_REPLY}"`,
  )
  return analyzeText(log, { path: HOSTILE_PATH })
}
