const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** vsftpd's and xferlog's timestamp: `Sun Nov 22 03:02:48 2026`. */
function ctime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`
}

/**
 * A synthetic vsftpd dual log (`dual_log_enable=YES`) of `sessions` downloads, one every 2 s of log
 * time from distinct clients, in the line shapes of fixtures/real/vsftpd: every `failEvery`-th
 * download breaks with a 426 (FAIL DOWNLOAD; an `i` xferlog line), the others complete.
 * `onlyInXferlog` drops the vsftpd.log lines of every n-th session (a record in one log only).
 */
export function dualLog(sessions: number, failEvery = 10, onlyInXferlog = 0): { vsftpd: string; xferlog: string; completed: number; incomplete: number } {
  const v: string[] = []
  const x: string[] = []
  let completed = 0
  let incomplete = 0
  const start = Date.UTC(2026, 10, 22, 3, 0, 0)
  for (let i = 0; i < sessions; i++) {
    const t = ctime(start + i * 2000)
    const pid = 10000 + i
    const client = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
    const bytes = 1000 + (i % 5000)
    const fail = i % failEvery === failEvery - 1
    const pre = `${t} [pid ${pid}] [ftplab]`
    if (!(onlyInXferlog > 0 && i % onlyInXferlog === 0)) {
      v.push(`${t} [pid ${pid}] CONNECT: Client "${client}"`)
      v.push(`${pre} OK LOGIN: Client "${client}"`)
      v.push(`${pre} FTP command: Client "${client}", "RETR f${i % 97}.bin"`)
      v.push(`${pre} FTP response: Client "${client}", "150 Opening BINARY mode data connection for f${i % 97}.bin (${bytes} bytes)."`)
      if (fail) {
        v.push(`${pre} FTP response: Client "${client}", "426 Failure writing network stream."`)
        v.push(`${pre} FAIL DOWNLOAD: Client "${client}", "/srv/ftp/f${i % 97}.bin", ${bytes >> 1} bytes, 100.00Kbyte/sec`)
      } else {
        v.push(`${pre} FTP response: Client "${client}", "226 Transfer complete."`)
        v.push(`${pre} OK DOWNLOAD: Client "${client}", "/srv/ftp/f${i % 97}.bin", ${bytes} bytes, 100.00Kbyte/sec`)
      }
      v.push(`${pre} FTP command: Client "${client}", "QUIT"`)
      v.push(`${pre} FTP response: Client "${client}", "221 Goodbye."`)
    }
    x.push(`${t} 1 ${client} ${fail ? bytes >> 1 : bytes} /srv/ftp/f${i % 97}.bin b _ o r ftplab ftp 0 * ${fail ? 'i' : 'c'}`)
    if (fail) incomplete++
    else completed++
  }
  return { vsftpd: v.join('\n') + '\n', xferlog: x.join('\n') + '\n', completed, incomplete }
}
