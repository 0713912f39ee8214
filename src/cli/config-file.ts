import { join } from 'node:path'
import { shownPath, UsageError } from '../errors.js'
import { pathProblem } from '../io/open-input.js'
import type { Config } from './config-schema.js'
import type { CliIO } from './io.js'

/** The name looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = 'ftplog.config.json'

export type { Config }

/**
 * Loads the config file: `path` when given (it must exist), else `ftplog.config.json` in
 * `io.cwd` when there is one.
 * @returns the config and the name to use in messages, or `undefined` when there is none.
 * @throws UsageError naming the file, and for invalid content each field with what it allows.
 */
export async function loadConfig(io: CliIO, path: string | undefined): Promise<{ config: Config; name: string } | undefined> {
  const read = io.readFile
  if (!read) return undefined
  const file = path ?? join(io.cwd ?? '.', CONFIG_FILE_NAME)
  const name = path ?? CONFIG_FILE_NAME
  let text: string
  try {
    text = await read(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (path === undefined && (code === 'ENOENT' || code === 'ENOTDIR')) return undefined
    throw new UsageError(`--config ${shownPath(path ?? file)}: ${pathProblem(path ?? file, error)}`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${name}: not valid JSON (${(error as Error).message})`)
  }
  const { validateConfig } = await import('./config-schema.js')
  return { config: validateConfig(data, name), name }
}
