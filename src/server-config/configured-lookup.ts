import { relative, isAbsolute } from 'node:path'
import type { ConfiguredLookup, ConfiguredValue } from '../model/server-settings.js'
import type { ConfigSection, ConfigSetting, ServerConfig } from './server-config.js'

/**
 * Sections that do not narrow where a ProFTPD setting applies: `<Global>` (copied into every
 * server, src/dirtree.c `fixup_globals`) and the conditionals, taken as true (`<IfModule>`,
 * `<IfDefine>`, `<IfVersion>`). Any other section (`<VirtualHost>`, `<Anonymous>`,
 * `<Directory>`, `<Limit>`, `<Class>`, `<IfUser>`…) makes a setting narrower than server-wide.
 */
const WIDE_SECTIONS = new Set(['global', 'ifmodule', 'ifdefine', 'ifversion'])

/** Whether a setting applies to the main server: no enclosing section other than {@link WIDE_SECTIONS}. */
export function isServerWide(scope: readonly ConfigSection[]): boolean {
  return scope.every((s) => WIDE_SECTIONS.has(s.name.toLowerCase()))
}

/**
 * The setting that is in effect server-wide for `directive` in one configuration, or `undefined`:
 * - vsftpd and Pure-FTPd: the last one written (vsftpd's parser and getopt overwrite);
 * - ProFTPD: among the settings of the main server (not in `<VirtualHost>`, `<Anonymous>`,
 *   `<Directory>`…), the first written outside `<Global>`, else the first in `<Global>`:
 *   ProFTPD looks a directive up in the server's own list, where `<Global>` settings are appended
 *   after parsing, and takes the first (src/configdb.c `find_config`). Names match without regard
 *   to case, as ProFTPD's do.
 */
export function effectiveSetting(config: ServerConfig, directive: string): ConfigSetting | undefined {
  if (config.server !== 'proftpd') return config.settings.findLast((s) => s.directive === directive)
  const wanted = directive.toLowerCase()
  const wide = config.settings.filter((s) => s.directive.toLowerCase() === wanted && isServerWide(s.scope))
  return wide.find((s) => !s.scope.some((x) => x.name.toLowerCase() === 'global')) ?? wide[0]
}

/**
 * The settings of `directive` that apply only to part of a ProFTPD server: in a `<VirtualHost>`,
 * `<Anonymous>`, `<Directory>`… (vsftpd and Pure-FTPd: none). Kept for advice that names them.
 */
export function scopedSettings(config: ServerConfig, directive: string): ConfigSetting[] {
  const wanted = directive.toLowerCase()
  return config.settings.filter((s) => s.directive.toLowerCase() === wanted && !isServerWide(s.scope))
}

/**
 * The {@link ConfiguredLookup} of the model contract over configurations read with
 * `readServerConfig`: for a server family and a directive, the effective server-wide value (see
 * {@link effectiveSetting}) and where it was written; `undefined` when no configuration of that
 * server sets it. With several configurations of one server, the later one given wins.
 * @param foundIn for a configuration found among folder inputs, that folder: it applies only when
 *   every input path the lookup is given lies under it. Configurations not in the map apply to all.
 */
export function configuredLookup(configs: readonly ServerConfig[], foundIn: ReadonlyMap<ServerConfig, string> = new Map()): ConfiguredLookup {
  return (server, directive, inputs): ConfiguredValue | undefined => {
    for (const config of [...configs].reverse()) {
      if (config.server !== server) continue
      const folder = foundIn.get(config)
      if (folder !== undefined && !(inputs !== undefined && inputs.length > 0 && inputs.every((p) => isUnder(p, folder)))) continue
      const setting = effectiveSetting(config, directive)
      if (setting) return { value: setting.value, source: { ...setting.source } }
    }
    return undefined
  }
}

/** Whether `path` is `folder` or lies below it (paths as given, compared after resolving). */
function isUnder(path: string, folder: string): boolean {
  if (path === '-') return false
  const rel = relative(folder, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}
