import { vsftpdOptionKind } from './known-directives.js'
import { plainConfig, type ConfigProblem, type ConfigSetting, type ServerConfig } from './server-config.js'

const BOOL_VALUES = new Set(['YES', 'TRUE', '1', 'NO', 'FALSE', '0'])

/**
 * Reads the text of a vsftpd.conf as vsftpd 3.0 does (parseconf.c `vsf_parseconf_load_file`):
 * one `option=value` a line, split at the first `=`, no spaces around it; a line that is empty,
 * all blanks or starts with `#` in its first column is skipped; leading blanks before the option
 * are ignored; a later setting of an option replaces an earlier one. What vsftpd would refuse to
 * start with becomes a problem with its line: an unknown option, a missing value, a boolean
 * other than YES/NO/TRUE/FALSE/1/0 (any case), or a number option that is not digits.
 * @param file the path shown in sources and problems.
 */
export function parseVsftpdConf(text: string, file: string): ServerConfig {
  const settings: ConfigSetting[] = []
  const problems: ConfigProblem[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, index) => {
    const source = { file, line: index + 1 }
    if (raw.trim() === '' || raw.startsWith('#')) return
    const line = raw.replace(/^\s+/, '')
    const eq = line.indexOf('=')
    const option = eq < 0 ? line : line.slice(0, eq)
    const value = eq < 0 ? '' : line.slice(eq + 1)
    const kind = vsftpdOptionKind(option)
    if (kind === undefined) {
      const hint = option !== option.trim() || value !== value.trim() ? ' (vsftpd allows no spaces around =)' : ''
      problems.push({ source, message: `unknown option ${JSON.stringify(option)}${hint}` })
      return
    }
    const trimmed = value.trim()
    if (kind !== 'string' && trimmed === '') {
      problems.push({ source, message: `${option} has no value` })
      return
    }
    if (kind === 'bool' && !BOOL_VALUES.has(value.toUpperCase())) {
      problems.push({ source, message: `${option}=${value} is not YES or NO` })
      return
    }
    if (kind === 'uint' && !/^\d+$/.test(value)) {
      problems.push({ source, message: `${option}=${value} is not a whole number` })
      return
    }
    settings.push({ directive: option, value: kind === 'string' ? trimmed : value, args: [kind === 'string' ? trimmed : value], source, scope: [] })
  })
  return plainConfig('vsftpd', file, [file], settings, problems)
}

/**
 * The number a vsftpd number option holds: vsftpd reads a value starting with `0` as octal
 * (parseconf.c: `str_octal_to_uint`), so `idle_session_timeout=0300` is 192 seconds.
 */
export function vsftpdNumber(value: string): number {
  return value.startsWith('0') ? Number.parseInt(value, 8) || 0 : Number(value)
}
