import { constants } from 'node:fs'
import { access, realpath, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { EMPTY_PATH_REASON } from '../errors.js'
import { describeFsError, fileIdentity } from '../io/open-input.js'

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

/** Why an output must not be written over `input`, a log or configuration the run reads. */
export function overwriteProblem(input: string, kind: 'log' | 'configuration'): string {
  return `it is the ${kind} ${input}, which this run reads; write the output elsewhere`
}

/**
 * The first of `inputs` that `output` is the same file as (device and inode), or `undefined`;
 * an output that does not exist yet is none of them. Writing a report there would overwrite a log
 * the run reads: `ftplog analyze x.log -o x.log`.
 */
export async function inputAt(output: string, inputs: readonly string[]): Promise<string | undefined> {
  const id = await fileIdentity(output)
  if (id === undefined) return undefined
  for (const input of inputs) if (input !== '-' && (await fileIdentity(input)) === id) return input
  return undefined
}

/**
 * The first of `inputs` that is a folder holding `output` (by real path; `output` need not exist),
 * or `undefined`: a file written there while the run walks the folder would be read as an input.
 */
export async function inputFolderHolding(output: string, inputs: readonly string[], cwd: string): Promise<string | undefined> {
  const parent = await realpath(dirname(resolve(cwd, output))).catch(() => undefined)
  if (parent === undefined) return undefined
  for (const input of inputs) {
    if (input === '-') continue
    const folder = await realpath(resolve(cwd, input)).catch(() => undefined)
    if (folder === undefined || !(await stat(folder).then((s) => s.isDirectory(), () => false))) continue
    if (parent === folder || parent.startsWith(`${folder}/`)) return input
  }
  return undefined
}
