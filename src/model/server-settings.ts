/**
 * The contract between reading a server's configuration (vsftpd.conf, proftpd.conf, Pure-FTPd's
 * options) and the advice that names its settings: where a value was written, and a lookup of the
 * effective value of one directive. Readers of each server's configuration implement
 * {@link ConfiguredLookup}; the advice builder calls it and falls back to the documented default.
 */

/** Where a configuration value was written: the file path as given and its 1-based line. For a
 * value given on a command line (Pure-FTPd's flags), `file` names the command and `line` is 0. */
export interface SettingSource {
  file: string
  line: number
}

/** The value a server is configured with for one directive, as written (unquoted), and where. */
export interface ConfiguredValue {
  value: string
  source: SettingSource
}

/**
 * The effective configured value of `directive` (its documented spelling: `max_per_ip`,
 * `TimeoutIdle`, `MaxClientsPerIP`) for a server family (`vsftpd`, `proftpd`, `pure-ftpd`);
 * `undefined` when the configuration given does not set it (the server's default applies).
 * `inputs`: the paths of the inputs whose events the advice is about, for configurations that
 * apply to one folder's logs only (docs/server-config.md); without them such configurations do
 * not apply.
 */
export type ConfiguredLookup = (server: string, directive: string, inputs?: readonly string[]) => ConfiguredValue | undefined
