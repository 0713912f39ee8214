import { dirname, isAbsolute, join, resolve, sep } from 'node:path'
import picomatch from 'picomatch'
import type { SettingSource } from '../model/server-settings.js'
import { describeFsError } from '../io/open-input.js'
import type { ConfigFileSystem } from './config-file-system.js'
import { proftpdDirectiveName } from './known-directives.js'
import { proftpdLines } from './proftpd-words.js'
import type { ConfigProblem, ConfigSection, ConfigSetting, ProftpdExtendedLog, ProftpdLogFormat, ServerConfig } from './server-config.js'

/** ProFTPD refuses to nest Includes deeper than this (src/parser.c `PR_PARSER_INCLUDE_MAX_DEPTH`). */
const MAX_INCLUDE_DEPTH = 64

/**
 * Reads a proftpd.conf and every file it `Include`s, in place and in the scope of the `Include`
 * line, as ProFTPD's parser does (src/parser.c `parse_config_path2`): an included folder brings
 * all its files, a pattern (`*`, `?`, `[…]`, also in folder names) the files that match, both
 * in name order; wildcards do not match a leading dot. A relative path is taken from the
 * including file's folder. An absolute path that does not lie under the main file's folder is
 * first looked for under that folder (`/etc/proftpd/modules.conf` next to a proftpd.conf copied
 * elsewhere is read from the copy), then as written.
 *
 * Sections (`<Global>`, `<VirtualHost>`, `<Anonymous>`, `<IfModule>`, `<Directory>`, `<Limit>`…)
 * become each setting's `scope`. Problems, never errors: a directive or section no bundled
 * module defines (not reported inside `<IfModule>`, which may name modules not bundled), a
 * closing tag that closes nothing or the wrong section, a section left open, an Include that
 * matches nothing or loops, `LogFormat`/`ExtendedLog` without their arguments.
 * @param path the main file; a file that cannot be read rejects with the Node.js error.
 */
export async function readProftpdConf(path: string, fs: ConfigFileSystem): Promise<ServerConfig> {
  const text = await fs.readText(path)
  const state: ParseState = { fs, root: dirname(path), files: [], settings: [], problems: [], logFormats: [], extendedLogs: [], stack: [] }
  await parseFile(state, path, text, [], 0)
  for (const open of state.stack) state.problems.push({ source: open.source, message: `<${open.name}> is never closed` })
  return { server: 'proftpd', path, files: state.files, settings: state.settings, problems: state.problems, logFormats: state.logFormats, extendedLogs: state.extendedLogs }
}

interface ParseState {
  readonly fs: ConfigFileSystem
  /** The main file's folder as given, where copies of absolute includes are looked for. */
  readonly root: string
  readonly files: string[]
  readonly settings: ConfigSetting[]
  readonly problems: ConfigProblem[]
  readonly logFormats: ProftpdLogFormat[]
  readonly extendedLogs: ProftpdExtendedLog[]
  /** Open sections, outermost first. */
  readonly stack: ConfigSection[]
}

async function parseFile(state: ParseState, file: string, text: string, including: readonly string[], depth: number): Promise<void> {
  state.files.push(file)
  for (const { line, words } of proftpdLines(text)) {
    const source: SettingSource = { file, line }
    const first = words[0]!
    if (first.startsWith('</')) {
      closeSection(state, first.slice(2).replace(/>$/, ''), source)
      continue
    }
    if (first.startsWith('<')) {
      const raw = `${first.replace(/>$/, '')}>`
      const name = proftpdDirectiveName(raw)?.slice(1, -1) ?? raw.slice(1, -1)
      if (!proftpdDirectiveName(raw) && !inIfModule(state)) state.problems.push({ source, message: `unknown section <${name}>` })
      const argument = words.slice(1).join(' ').replace(/>$/, '')
      state.stack.push({ name, argument, source })
      continue
    }
    const known = proftpdDirectiveName(first)
    const args = words.slice(1)
    if (known === undefined && !inIfModule(state)) state.problems.push({ source, message: `unknown directive ${JSON.stringify(first)}` })
    const directive = known ?? first
    const scope = [...state.stack]
    if (directive === 'Include') {
      if (args.length === 0) state.problems.push({ source, message: 'Include needs a path' })
      else await include(state, args[0]!, source, [...including, file], depth)
      continue
    }
    state.settings.push({ directive, value: args.join(' '), args, source, scope })
    if (directive === 'LogFormat') {
      if (args.length < 2) state.problems.push({ source, message: 'LogFormat needs a name and a format' })
      else state.logFormats.push({ name: args[0]!, format: args.slice(1).join(' '), source })
    } else if (directive === 'ExtendedLog') {
      if (args.length === 0) state.problems.push({ source, message: 'ExtendedLog needs a path' })
      else state.extendedLogs.push({ path: args[0]!, classes: args[1] ?? 'ALL', formatName: args[2], source, scope })
    }
  }
}

function inIfModule(state: ParseState): boolean {
  return state.stack.some((s) => s.name === 'IfModule')
}

function closeSection(state: ParseState, raw: string, source: SettingSource): void {
  const name = proftpdDirectiveName(`<${raw}>`)?.slice(1, -1) ?? raw
  const top = state.stack.at(-1)
  if (top === undefined) {
    state.problems.push({ source, message: `</${name}> closes no open section` })
  } else if (top.name.toLowerCase() !== name.toLowerCase()) {
    state.problems.push({ source, message: `</${name}> closes <${top.name}> opened at ${top.source.file}:${top.source.line}` })
    state.stack.pop()
  } else state.stack.pop()
}

async function include(state: ParseState, pattern: string, source: SettingSource, including: readonly string[], depth: number): Promise<void> {
  if (depth + 1 > MAX_INCLUDE_DEPTH) {
    state.problems.push({ source, message: `Include ${pattern}: more than ${MAX_INCLUDE_DEPTH} levels of Include` })
    return
  }
  const absolute = isAbsolute(pattern) ? pattern : join(dirname(source.file), pattern)
  const files = await includedFiles(state, absolute)
  if (files === undefined) {
    state.problems.push({ source, message: `Include ${pattern}: no such file or folder (ProFTPD warns and goes on)` })
    return
  }
  for (const file of files) {
    if (including.includes(file)) {
      state.problems.push({ source, message: `Include ${pattern}: ${file} includes itself` })
      continue
    }
    let text: string
    try {
      text = await state.fs.readText(file)
    } catch (error) {
      state.problems.push({ source, message: `Include ${pattern}: ${file}: ${describeFsError(error)}` })
      continue
    }
    await parseFile(state, file, text, including, depth + 1)
  }
}

/** The files an Include brings, in reading order, or `undefined` when nothing is there. */
async function includedFiles(state: ParseState, path: string): Promise<string[] | undefined> {
  for (const candidate of [...copiedLocations(state.root, path), path]) {
    const found = hasWildcard(candidate) ? await expandPattern(state.fs, candidate) : await plainPath(state.fs, candidate)
    if (found !== undefined && found.length > 0) return found
  }
  return undefined
}

/** Where a copy of an absolute include may sit under the main file's folder, most specific first. */
function copiedLocations(root: string, path: string): string[] {
  const resolved = resolve(path)
  const base = resolve(root)
  if (resolved === base || resolved.startsWith(base + sep)) return []
  const parts = resolved.split(sep).filter(Boolean)
  return parts.slice(1).map((_, i) => join(root, ...parts.slice(i + 1)))
}

async function plainPath(fs: ConfigFileSystem, path: string): Promise<string[] | undefined> {
  const kind = await fs.kind(path)
  if (kind === 'file') return [path]
  if (kind !== 'directory') return undefined
  const names = (await fs.list(path)).sort()
  const files: string[] = []
  for (const name of names) if ((await fs.kind(join(path, name))) === 'file') files.push(join(path, name))
  return files
}

function hasWildcard(path: string): boolean {
  return /[*?[]/.test(path)
}

/** The files a pattern matches, each path component matched by fnmatch rules (no leading dot). */
async function expandPattern(fs: ConfigFileSystem, pattern: string): Promise<string[]> {
  const parts = resolve(pattern).split(sep)
  let current = [parts[0] === '' ? sep : parts[0]!]
  for (const [i, part] of parts.slice(1).entries()) {
    const last = i === parts.length - 2
    const next: string[] = []
    for (const dir of current) {
      if (!hasWildcard(part)) {
        const candidate = join(dir, part)
        const kind = await fs.kind(candidate)
        if (kind === 'directory' || (last && kind === 'file')) next.push(candidate)
        continue
      }
      if ((await fs.kind(dir)) !== 'directory') continue
      const match = picomatch(part, { dot: false })
      for (const name of (await fs.list(dir)).sort()) {
        if (!match(name)) continue
        const candidate = join(dir, name)
        const kind = await fs.kind(candidate)
        if (kind === 'directory' ? !last : kind === 'file' && last) next.push(candidate)
      }
    }
    current = next
  }
  return current
}
