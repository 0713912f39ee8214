import { FtplogError } from '../errors.js'
import { logFormatFromTemplate } from '../log-formats/proftpd-template.js'
import type { ServerConfig } from '../server-config/server-config.js'
import type { LogFormatOverride } from './analysis-settings.js'

/** What {@link extendedLogFormats} derives from ProFTPD configurations. */
export interface ExtendedLogFormats {
  /** Log-format definitions (plain data for `createLogFormatRegistry`), one per LogFormat used. */
  readonly definitions: readonly Record<string, unknown>[]
  /** Each ExtendedLog file and the definition to read it with (the analysis setting `logFormatOverrides`). */
  readonly overrides: readonly LogFormatOverride[]
  /** `file:line: …` for an ExtendedLog naming no declared LogFormat, or a LogFormat ftplog cannot read. */
  readonly problems: readonly string[]
}

/**
 * The log formats of the ExtendedLogs that ProFTPD configurations declare: for each
 * `ExtendedLog path classes name` whose `LogFormat name "…"` is declared in the same
 * configuration, a definition built with `logFormatFromTemplate` (named
 * `proftpd-logformat-NAME`, detection priority 0 so it never wins detection of other files over
 * a bundled log format) and an override that forces it for `path`, matched by path or, for logs
 * copied elsewhere, by file name. An ExtendedLog without a format name uses ProFTPD's default
 * format, which the bundled `proftpd-extended` log format reads: no override.
 */
export function extendedLogFormats(configs: readonly ServerConfig[]): ExtendedLogFormats {
  const definitions = new Map<string, Record<string, unknown>>()
  const formats = new Map<string, string>()
  const overrides: LogFormatOverride[] = []
  const problems: string[] = []
  for (const config of configs) {
    if (config.server !== 'proftpd') continue
    for (const log of config.extendedLogs) {
      if (log.formatName === undefined) continue
      const where = `${log.source.file}:${log.source.line}`
      const declared = config.logFormats.find((f) => f.name === log.formatName)
      if (!declared) {
        problems.push(`${where}: ExtendedLog ${log.path} names LogFormat ${log.formatName}, which is not declared`)
        continue
      }
      let name = formats.get(declared.format)
      if (name === undefined) {
        const base = `proftpd-logformat-${declared.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unnamed'}`
        name = base
        for (let i = 2; definitions.has(name); i++) name = `${base}-${i}`
        try {
          definitions.set(
            name,
            logFormatFromTemplate(declared.format, { name, title: `ProFTPD ExtendedLog (LogFormat ${declared.name})`, priority: 0, origin: `${declared.source.file}:${declared.source.line}` }),
          )
        } catch (error) {
          if (!(error instanceof FtplogError)) throw error
          problems.push(`${where}: LogFormat ${declared.name}: ${error.message}`)
          continue
        }
        formats.set(declared.format, name)
      }
      overrides.push({ path: log.path, logFormat: name })
    }
  }
  return { definitions: [...definitions.values()], overrides, problems }
}
