import { basename, dirname } from 'node:path'
import { serverConfigMatcher } from '../catalog/server-config-files.js'
import { resolveInputs } from '../io/resolve-inputs.js'
import { nodeConfigFileSystem, type ConfigFileSystem } from './config-file-system.js'
import { CONFIG_SERVERS, type ConfigServer } from './server-config.js'

/** A server configuration to read: a file, or Debian's Pure-FTPd conf folder, and its server. */
export interface ServerConfigInput {
  readonly path: string
  readonly server: ConfigServer
  /** The folder input it was found in (its logs are the ones it applies to); absent when named as a file. */
  readonly folder?: string | undefined
}

/**
 * The server configurations among paths (files named, or found in folders as the analysis walks
 * them, which it skips as "server configuration"), as `readServerConfig` should read them:
 * each vsftpd configuration; each `proftpd.conf` (the files it includes, such as `modules.conf`
 * and `conf.d/*.conf`, are read through its `Include`s, not on their own); each
 * `pure-ftpd.conf`, and the folder of Debian's one-file-per-option `pure-ftpd/conf/` once.
 * Configurations of servers ftplog does not read (FileZilla Server, IIS) are left out. Paths
 * that cannot be listed are left out too: the analysis reports them.
 * @param paths the analysis inputs as given (`-` is ignored); `include`/`exclude` as for `analyzeInputs`.
 * @throws an `AbortError` when `options.signal` aborts the walk.
 */
export async function findServerConfigs(
  paths: readonly string[],
  options: { readonly include?: readonly string[] | undefined; readonly exclude?: readonly string[] | undefined; readonly signal?: AbortSignal | undefined } = {},
): Promise<ServerConfigInput[]> {
  const match = serverConfigMatcher()
  const { skipped, folders } = await resolveInputs(
    paths.filter((p) => p !== '-'),
    { include: options.include, exclude: options.exclude, serverConfig: match, signal: options.signal },
  )
  const out: ServerConfigInput[] = []
  const seen = new Set<string>()
  for (const { path, reason } of skipped) {
    if (!reason.startsWith('server configuration')) continue // excluded by a pattern, …
    const server = match(path)
    if (server === undefined || !(CONFIG_SERVERS as readonly string[]).includes(server)) continue
    const name = basename(path)
    const target =
      server === 'proftpd' ? (name === 'proftpd.conf' ? path : undefined) : server === 'pure-ftpd' && !/^pure-?ftpd\.conf$/.test(name) ? dirname(path) : path
    if (target === undefined || seen.has(target)) continue
    seen.add(target)
    const folder = folders.find((f) => f.files.includes(path))?.path
    out.push({ path: target, server: server as ConfigServer, ...(folder !== undefined ? { folder } : {}) })
  }
  return out
}

/**
 * The configurations `ftplog check-config` reads for the paths given: a file as it is; a folder
 * with known configurations under it (`/etc`: vsftpd.conf, proftpd/proftpd.conf, pure-ftpd/conf)
 * as those ({@link findServerConfigs}); any other folder as it is (a Debian Pure-FTPd conf folder,
 * or an error of `readServerConfig`). Paths that cannot be examined stay as given.
 */
export async function expandConfigPaths(paths: readonly string[], fs: ConfigFileSystem = nodeConfigFileSystem): Promise<string[]> {
  const out: string[] = []
  for (const path of paths) {
    const found = (await fs.kind(path)) === 'directory' ? await findServerConfigs([path]) : []
    out.push(...(found.length > 0 ? found.map((f) => f.path) : [path]))
  }
  return out
}
