import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { EMPTY_PATH_REASON } from '../errors.js'
import { describeFsError } from '../io/open-input.js'

/**
 * Checks, before any input is read, that an output file can be written: its folder exists and is
 * writable, and the path is not a folder (an existing file must be writable). Returns the reason
 * it cannot (`no such folder: out`, `permission denied`, `is a directory`), or `undefined` when
 * it can. Character devices (`/dev/null`, `/dev/stdout`) pass. Paths are taken relative to `cwd`;
 * an empty path is refused ({@link EMPTY_PATH_REASON}), not taken as `cwd` itself.
 */
export async function checkOutputPath(path: string, cwd: string): Promise<string | undefined> {
  if (path === '') return EMPTY_PATH_REASON
  const full = resolve(cwd, path)
  try {
    const st = await stat(full)
    if (st.isDirectory()) return 'is a directory'
    await access(full, constants.W_OK)
    return undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return describeFsError(error)
  }
  const folder = dirname(full)
  try {
    const st = await stat(folder)
    if (!st.isDirectory()) return `${dirname(path)} is not a folder`
    await access(folder, constants.W_OK)
    return undefined
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? `no such folder: ${dirname(path)}` : `${dirname(path)}: ${describeFsError(error)}`
  }
}
