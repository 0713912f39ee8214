import { basename } from 'node:path'
import { serverConfigMatcher } from '../catalog/server-config-files.js'
import { InputError } from '../errors.js'
import { pathProblem } from '../io/open-input.js'
import { nodeConfigFileSystem, type ConfigFileSystem } from './config-file-system.js'
import { proftpdDirectiveName, pureFtpdOption, vsftpdOptionKind } from './known-directives.js'
import { parseVsftpdConf } from './parse-vsftpd-conf.js'
import { proftpdLines } from './proftpd-words.js'
import { readProftpdConf } from './read-proftpd-conf.js'
import { parsePureFtpdConf, parsePureFtpdFlags, readPureFtpdConfFolder, splitCommandLine } from './read-pure-ftpd.js'
import { CONFIG_SERVERS, type ConfigServer, type ServerConfig } from './server-config.js'

/** Options of {@link readServerConfig}. */
export interface ReadServerConfigOptions {
  /** The server the file belongs to; default: from its name, else from its content. */
  readonly server?: ConfigServer | undefined
  /** Where files are read from; default: the local disk. */
  readonly fs?: ConfigFileSystem | undefined
}

/**
 * Reads one server configuration: a vsftpd.conf, a proftpd.conf (with its Includes), a
 * pure-ftpd.conf, Debian's /etc/pure-ftpd/conf/ folder, or a file holding Pure-FTPd's command
 * line (`pure-ftpd -c 50 -C 8 …`, as `ps -o args=` prints it). Which server it belongs to comes
 * from `options.server`, else from its name (src/catalog/server-config-files.json), else from its
 * content (see {@link detectConfigServer}). Content problems are returned, never thrown.
 * @throws InputError (one line: `path: reason`) when the path cannot be read, or is not a
 *   configuration of one of these servers.
 */
export async function readServerConfig(path: string, options: ReadServerConfigOptions = {}): Promise<ServerConfig> {
  const fs = options.fs ?? nodeConfigFileSystem
  const kind = await fs.kind(path)
  if (kind === undefined) {
    // kind() hides the reason; reading tells it (no such file, permission denied).
    await fs.readText(path).catch((error: unknown) => {
      throw new InputError(path, pathProblem(path, error), { cause: error })
    })
    throw new InputError(path, 'cannot be read')
  }
  if (kind === 'directory') {
    if (options.server !== undefined && options.server !== 'pure-ftpd') throw new InputError(path, `is a folder; give the ${options.server} configuration file`)
    const config = await readPureFtpdConfFolder(path, fs)
    if (config.files.length === 0) throw new InputError(path, 'is a folder without Pure-FTPd option files (one file per option, as Debian\'s /etc/pure-ftpd/conf/)')
    return config
  }
  let text: string
  try {
    text = await fs.readText(path)
  } catch (error) {
    throw new InputError(path, pathProblem(path, error), { cause: error })
  }
  const server = options.server ?? detectConfigServer(path, text)
  if (server === undefined) {
    throw new InputError(path, `not a configuration of ${CONFIG_SERVERS.join(', ')} (nothing in it is a directive of these servers)`)
  }
  switch (server) {
    case 'vsftpd':
      return parseVsftpdConf(text, path)
    case 'proftpd':
      try {
        return await readProftpdConf(path, fs)
      } catch (error) {
        throw new InputError(path, pathProblem(path, error), { cause: error })
      }
    case 'pure-ftpd':
      return isCommandLine(text) ? parsePureFtpdFlags(splitCommandLine(text.trim()), path) : parsePureFtpdConf(text, path)
  }
}

/**
 * Which server a configuration file belongs to: by its name first (`vsftpd.conf`,
 * `proftpd.conf`, `pure-ftpd.conf`, … from src/catalog/server-config-files.json), else by
 * which server knows the most of its lines (`key=value` options of vsftpd, directives of
 * ProFTPD, keys of Pure-FTPd, or a Pure-FTPd command line). `undefined` when no server knows
 * at least half of the lines, or the name is another server's (FileZilla Server, IIS).
 */
export function detectConfigServer(path: string, text: string): ConfigServer | undefined {
  const byName = serverConfigMatcher()(path)
  if (byName !== undefined) return (CONFIG_SERVERS as readonly string[]).includes(byName) ? (byName as ConfigServer) : undefined
  if (isCommandLine(text)) return 'pure-ftpd'
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
  if (lines.length === 0) return undefined
  const counts: Record<ConfigServer, number> = {
    vsftpd: lines.filter((l) => vsftpdOptionKind(l.split('=')[0]!) !== undefined && l.includes('=')).length,
    proftpd: proftpdLines(text).filter(({ words }) => proftpdDirectiveName(words[0]!.startsWith('</') ? `<${words[0]!.slice(2)}` : words[0]!.startsWith('<') ? `${words[0]!.replace(/>$/, '')}>` : words[0]!) !== undefined).length,
    'pure-ftpd': lines.filter((l) => pureFtpdOption(l.split(/\s+/)[0]!) !== undefined && /\s/.test(l)).length,
  }
  const best = CONFIG_SERVERS.reduce((a, b) => (counts[b] > counts[a] ? b : a))
  return counts[best] * 2 >= lines.length ? best : undefined
}

/** Whether a file holds a Pure-FTPd command line rather than a pure-ftpd.conf. */
function isCommandLine(text: string): boolean {
  const first = splitCommandLine(text.trim().split(/\r?\n/)[0] ?? '')[0] ?? ''
  return /^-/.test(first) || /^pure-ftpd$/.test(basename(first))
}
