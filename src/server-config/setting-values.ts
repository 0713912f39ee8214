import type { SettingUnit } from '../catalog/server-settings.js'
import { vsftpdNumber } from './parse-vsftpd-conf.js'
import type { ConfigServer } from './server-config.js'

/**
 * The number a duration or count setting holds, in its own unit (seconds, minutes, sessions),
 * as the server reads it; `Infinity` for ProFTPD's `none`; `undefined` when the value is not a
 * number the server would take.
 * - vsftpd: digits, a leading `0` meaning octal (parseconf.c);
 * - ProFTPD: the first argument, digits or `none`; durations also as `hh:mm:ss` or with a unit
 *   (`90s`, `10m`, `10min`, `2h`), as src/str.c `pr_str_get_duration` reads them;
 * - Pure-FTPd: digits.
 * @param args the setting's arguments (`ConfigSetting.args`).
 */
export function settingNumber(server: ConfigServer, unit: SettingUnit, args: readonly string[]): number | undefined {
  const first = args[0] ?? ''
  if (server === 'vsftpd') return /^\d+$/.test(first) ? vsftpdNumber(first) : undefined
  if (server === 'proftpd') {
    if (first.toLowerCase() === 'none') return Infinity
    if (/^\d+$/.test(first)) return Number(first)
    if (unit !== 'seconds') return undefined
    const hms = /^(\d+):(\d{2}):(\d{2})$/.exec(first)
    if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3])
    const withUnit = /^(\d+)\s*(s|sec|m|min|h|hr)$/i.exec(first)
    if (withUnit) return Number(withUnit[1]) * ({ s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600 } as Record<string, number>)[withUnit[2]!.toLowerCase()]!
    return undefined
  }
  return /^\d+$/.test(first) ? Number(first) : undefined
}

/**
 * The first and last port of a passive port range setting: ProFTPD `PassivePorts 30000 30009`,
 * Pure-FTPd `PassivePortRange 30000 30009` or `-p 30000:30009`; `undefined` if it is not two
 * ports in order.
 */
export function portRange(args: readonly string[]): readonly [number, number] | undefined {
  const parts = args.flatMap((a) => a.split(':')).filter((a) => a !== '')
  if (parts.length !== 2 || !parts.every((p) => /^\d+$/.test(p))) return undefined
  const [low, high] = parts.map(Number) as [number, number]
  return low >= 1 && high <= 65535 && low <= high ? [low, high] : undefined
}

/** Whether vsftpd reads a boolean option's value as on: YES, TRUE or 1, in any case (vsftpd 3.0.3 parseconf.c). */
export function isVsftpdOn(value: string): boolean {
  return /^(YES|TRUE|1)$/i.test(value)
}
