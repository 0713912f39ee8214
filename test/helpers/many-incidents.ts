import { lines } from './analyze-text.js'

/**
 * A vsftpd log of `n` (at most 1440) sessions on 15 January 2024, one a minute, each ended by a
 * 421 (every third with quotes in its text): analysed with a 1 s incident gap, `n` incidents.
 */
export function manyIncidentsLog(n: number): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const time = `Mon Jan 15 ${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 2024`
    const client = `192.0.2.${i % 250}`
    out.push(`${time} [pid ${100 + i}] CONNECT: Client "${client}"`, `${time} [pid ${100 + i}] FTP response: Client "${client}", "421 Timeout${i % 3 === 0 ? ' \\"quoted\\"' : ''}."`)
  }
  return lines(...out)
}
