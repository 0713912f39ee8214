import { join } from 'node:path'
import type { SettingSource } from '../model/server-settings.js'
import type { ConfigFileSystem } from './config-file-system.js'
import { pureFtpdOption, pureFtpdOptions, type PureFtpdOption } from './known-directives.js'
import { plainConfig, type ConfigProblem, type ConfigSetting, type ServerConfig } from './server-config.js'

const YES = new Set(['yes', 'on', 'true', '1'])
const NO = new Set(['no', 'off', 'false', '0'])

/**
 * Reads a pure-ftpd.conf as Pure-FTPd's simpleconf does (src/simpleconf.c): one `Key value` a
 * line, the key matched without regard to case, blank lines and `#` lines skipped; switches take
 * yes/no (on/off, true/false, 1/0). Unknown keys and switches with another value are problems.
 */
export function parsePureFtpdConf(text: string, file: string): ServerConfig {
  const settings: ConfigSetting[] = []
  const problems: ConfigProblem[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const source = { file, line: index + 1 }
    const [key = '', ...args] = line.split(/\s+/)
    const setting = pureSetting(key, args, source, problems)
    if (setting) settings.push(setting)
  })
  return plainConfig('pure-ftpd', file, [file], settings, problems)
}

/**
 * Reads Debian's /etc/pure-ftpd/conf/ folder as pure-ftpd-wrapper does: each file is one option,
 * its name the key and its first line that is neither blank nor a `#` comment the value. Names
 * that are not words (`README~`, `.swp`) are skipped; a word that is no key is a problem (the
 * wrapper refuses to start). A file's setting has `line` 1 … the line of its value.
 */
export async function readPureFtpdConfFolder(dir: string, fs: ConfigFileSystem): Promise<ServerConfig> {
  const names = (await fs.list(dir)).filter((n) => /^[A-Za-z][A-Za-z0-9]+$/.test(n)).sort()
  const settings: ConfigSetting[] = []
  const problems: ConfigProblem[] = []
  const files: string[] = []
  for (const name of names) {
    const file = join(dir, name)
    if ((await fs.kind(file)) !== 'file') continue
    files.push(file)
    const lines = (await fs.readText(file)).split(/\r?\n/)
    const index = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    const source = { file, line: index < 0 ? 1 : index + 1 }
    if (index < 0) {
      problems.push({ source, message: `${name} is empty` })
      continue
    }
    const setting = pureSetting(name, lines[index]!.trim().split(/\s+/), source, problems)
    if (setting) settings.push(setting)
  }
  return plainConfig('pure-ftpd', dir, files, settings, problems)
}

function pureSetting(key: string, args: string[], source: SettingSource, problems: ConfigProblem[]): ConfigSetting | undefined {
  const option = pureFtpdOption(key)
  if (!option) {
    problems.push({ source, message: `unknown option ${JSON.stringify(key)}` })
    return undefined
  }
  if (args.length === 0) {
    problems.push({ source, message: `${option.name} has no value` })
    return undefined
  }
  if (option.value === 'bool' && !YES.has(args[0]!.toLowerCase()) && !NO.has(args[0]!.toLowerCase())) {
    problems.push({ source, message: `${option.name} ${args.join(' ')} is not yes or no` })
    return undefined
  }
  return { directive: option.name, value: args.join(' '), args, source, scope: [] }
}

/**
 * Reads Pure-FTPd's command line (`-c 50 -C 8 -I 15 -p 30000:30009 -P 203.0.113.5 -E`, long
 * options `--maxclientsperip=8` too, switches bundled as `-4EH`) into the configuration keys each
 * option stands for (src/ftpd_p.h long options, src/simpleconf_ftpd.h keys). A switch becomes
 * `yes`; an option's argument is kept as written (`30000:30009`) and split at `:` and `,` into
 * `args`. The program name (`/usr/sbin/pure-ftpd`), if first, is skipped. Every setting's source
 * is `{ file: label, line: 0 }`. Unknown options and a missing argument are problems.
 * @param words the command line split into words (see {@link splitCommandLine}).
 */
export function parsePureFtpdFlags(words: readonly string[], label = 'pure-ftpd'): ServerConfig {
  const options = pureFtpdOptions()
  const source = { file: label, line: 0 }
  const settings: ConfigSetting[] = []
  const problems: ConfigProblem[] = []
  const start = words.length > 0 && !words[0]!.startsWith('-') ? 1 : 0
  const add = (candidates: readonly PureFtpdOption[], written: string, argument: string | undefined) => {
    const option = argument === undefined ? candidates[0] : (candidates.find((o) => o.flagValue !== null && argument.startsWith(flagPrefix(o.flagValue))) ?? candidates[0])
    if (!option) return problems.push({ source, message: `unknown option ${written}` })
    const value = argument === undefined || !option.flagValue?.includes('$') ? 'yes' : argument.slice(flagPrefix(option.flagValue).length)
    settings.push({ directive: option.name, value, args: value.split(/[:,]/), source, scope: [] })
  }
  for (let i = start; i < words.length; i++) {
    const word = words[i]!
    if (word.startsWith('--')) {
      const [name, inline] = word.slice(2).split(/=(.*)/s) as [string, string | undefined]
      const candidates = options.filter((o) => o.long === name)
      const takes = candidates.some((o) => o.flagValue !== null)
      const argument = takes ? (inline ?? words[++i]) : undefined
      if (takes && argument === undefined) problems.push({ source, message: `${word} needs a value` })
      else add(candidates, word, argument)
    } else if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const candidates = options.filter((o) => o.short === word[j])
        if (candidates.some((o) => o.flagValue !== null)) {
          const argument = j + 1 < word.length ? word.slice(j + 1) : words[++i]
          if (argument === undefined) problems.push({ source, message: `-${word[j]} needs a value` })
          else add(candidates, `-${word[j]}`, argument)
          break
        }
        add(candidates, `-${word[j]}`, undefined)
      }
    } else problems.push({ source, message: `unexpected word ${JSON.stringify(word)}` })
  }
  return plainConfig('pure-ftpd', label, [], settings, problems)
}

/** The literal start of an option's argument form: `puredb:` of `puredb:$0`, empty for `$0`. */
function flagPrefix(flagValue: string): string {
  const at = flagValue.indexOf('$')
  return at < 0 ? flagValue : flagValue.slice(0, at)
}

/**
 * Splits a command line into words as a POSIX shell would for simple cases: blanks separate,
 * single quotes keep everything, double quotes keep blanks, a backslash escapes the next
 * character. No expansion. Used for a saved `ps -o args=` line or a unit's `ExecStart=`.
 */
export function splitCommandLine(text: string): string[] {
  const words: string[] = []
  let word: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      word = (word ?? '') + text.slice(i + 1, end < 0 ? undefined : end)
      i = end < 0 ? text.length : end
    } else if (c === '"') {
      word ??= ''
      for (i++; i < text.length && text[i] !== '"'; i++) word += text[i] === '\\' && i + 1 < text.length ? text[++i] : text[i]
    } else if (c === '\\' && i + 1 < text.length) word = (word ?? '') + text[++i]
    else word = (word ?? '') + c
  }
  if (word !== undefined) words.push(word)
  return words
}
