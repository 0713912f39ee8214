import { FtplogError } from '../errors.js'
import { stripControlChars } from '../formatters/escape.js'
import { plural } from '../formatters/figures.js'
import { findServerConfigs } from '../server-config/find-server-configs.js'
import { readServerConfig } from '../server-config/read-server-config.js'
import type { ServerConfig } from '../server-config/server-config.js'
import type { CliIO } from './io.js'

/** The servers' configurations a command reads, and for each one found in a folder input, that folder. */
export interface ReadServerConfigs {
  readonly configs: ServerConfig[]
  /** For `configuredLookup(configs, foundIn)`: a configuration found in a folder applies to that folder's logs only. */
  readonly foundIn: Map<ServerConfig, string>
}

/**
 * The servers' configurations for `analyze` and `merge`: those found among `inputs` (folder inputs
 * walked with `include`/`exclude`; `merge` gives none), then each `--server-config` file (for
 * `configuredLookup`, a later one wins). A `--server-config` that cannot be read throws (exit 2);
 * a configuration found in a folder that cannot be read, and lines a configuration's server would
 * not read, get a warning on stderr (`ftplog check-config` lists those lines).
 * @throws FtplogError from `readServerConfig` for a `--server-config` that cannot be read.
 */
export async function readServerConfigs(
  serverConfig: readonly string[] | undefined,
  io: CliIO,
  inputs: { readonly paths: readonly string[]; readonly include?: readonly string[] | undefined; readonly exclude?: readonly string[] | undefined } = { paths: [] },
): Promise<ReadServerConfigs> {
  const configs: ServerConfig[] = []
  const foundIn = new Map<ServerConfig, string>()
  const found = inputs.paths.length > 0 ? await findServerConfigs(inputs.paths, { include: inputs.include, exclude: inputs.exclude, signal: io.signal }) : []
  for (const f of found) {
    try {
      const config = await readServerConfig(f.path, { server: f.server })
      configs.push(config)
      if (f.folder !== undefined) foundIn.set(config, f.folder)
    } catch (error) {
      if (!(error instanceof FtplogError)) throw error
      io.stderr.write(`ftplog: warning: ${stripControlChars(error.message)} (server configuration not used)\n`)
    }
  }
  for (const path of serverConfig ?? []) configs.push(await readServerConfig(path))
  for (const c of configs) {
    if (c.problems.length > 0) io.stderr.write(`ftplog: warning: ${stripControlChars(c.path)}: ${plural(c.problems.length, 'line')} the server would not read (ftplog check-config lists them)\n`)
  }
  return { configs, foundIn }
}
