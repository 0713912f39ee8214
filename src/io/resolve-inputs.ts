import type { Dirent, Stats } from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { EMPTY_GLOB_PROBLEM, InputError, InvalidSettingError } from '../errors.js'
import { globMatcher } from '../collections/glob-matcher.js'
import { describeFsError, pathProblem, type InputSource } from './open-input.js'

/** A file that was found but will not be read, and why (listed in the report's `inputs[]`). */
export interface SkippedInput {
  readonly path: string
  /** Size on disk in bytes, when known. */
  readonly size: number | undefined
  /** Why it is not read: `server configuration (vsftpd)`, `excluded by a pattern`, `broken symbolic link`… */
  readonly reason: string
}

/** How {@link resolveInputs} picks files. */
export interface ResolveInputsOptions {
  /**
   * Globs (picomatch syntax) a file found in a folder must match to be read; none: every file.
   * Matched against the path relative to the folder given, with `/` separators; a glob without
   * `/` matches the base name. Files named on the command line are always read.
   */
  readonly include?: readonly string[] | undefined
  /** Globs of files found in folders that are not read (same matching as `include`; exclusion wins). */
  readonly exclude?: readonly string[] | undefined
  /**
   * Names the server whose configuration file `path` is (`vsftpd.conf` → `vsftpd`), or
   * `undefined`. Such files, found or named, are skipped with the reason "server configuration".
   */
  readonly serverConfig?: ((path: string) => string | undefined) | undefined
  /** Stops the walk between folders (Ctrl-C, SIGTERM): `resolveInputs` then rejects with an `AbortError`. */
  readonly signal?: AbortSignal | undefined
}

/**
 * Kernel pseudo-filesystems (Linux procfs, sysfs, devtmpfs): never logs, and /proc links back into
 * every process's working folder. A walk does not enter them; named, they are walked as given.
 */
const PSEUDO_FILESYSTEMS = ['/proc', '/sys', '/dev']

/** The reason a folder given to walk that is the file system's root is refused. */
const ROOT_FOLDER = 'is the root of the file system, which ftplog does not walk (an unset variable in "$DIR/"?); name the folder the logs are in, such as /var/log'

/** The file-system calls the walk makes; tests pass failing ones (root reads every folder). */
export interface WalkFs {
  stat(path: string): Promise<Stats>
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>
  realpath(path: string): Promise<string>
}

/** What {@link resolveInputs} found. */
export interface ResolvedInputs {
  /** Inputs to read, in the order given; a folder's files sorted by path. */
  readonly inputs: InputSource[]
  /** Paths that could not be opened or listed: each is an error for that path alone. */
  readonly errors: InputError[]
  /** Files found but not read, with the reason. */
  readonly skipped: SkippedInput[]
  /** Each folder given and the paths of every file found under it (read or skipped). */
  readonly folders: { readonly path: string; readonly files: string[] }[]
}

/**
 * Expands the user's paths into inputs. A file named stays as given (origin `argument`); `-` is
 * standard input; a folder is walked recursively (origin `folder`): symbolic links to files and
 * folders are followed, a folder reached twice (a link loop) is walked once, dot-files and
 * dot-folders are left out, sockets, FIFOs and devices found in folders are skipped. Errors do
 * not stop the others: an unreadable folder or subfolder, or a missing path, becomes an
 * {@link InputError} naming exactly that path, and the rest is still listed; so does an empty
 * path (an unset variable), and so does the root folder `/` (walking the whole file system is
 * never what was meant). Kernel pseudo-filesystems (/proc, /sys, /dev) reached while walking are
 * listed as skipped, not entered.
 * @throws InvalidSettingError (setting `include` or `exclude`) for an empty glob, before any path
 *   is looked at; an `AbortError` when `options.signal` aborts.
 */
export async function resolveInputs(paths: readonly string[], options: ResolveInputsOptions = {}, fs: WalkFs = nodeFs): Promise<ResolvedInputs> {
  for (const setting of ['include', 'exclude'] as const) {
    if (options[setting]?.includes('')) throw new InvalidSettingError(setting, '', EMPTY_GLOB_PROBLEM)
  }
  const result: ResolvedInputs = { inputs: [], errors: [], skipped: [], folders: [] }
  const include = options.include && options.include.length > 0 ? globMatcher(options.include) : undefined
  const exclude = options.exclude && options.exclude.length > 0 ? globMatcher(options.exclude) : undefined
  for (const path of paths) {
    if (path === '-') {
      result.inputs.push({ path: '-', size: undefined, mtimeMs: undefined, origin: 'argument' })
      continue
    }
    let st: Stats
    try {
      st = await fs.stat(path)
    } catch (error) {
      result.errors.push(new InputError(path, pathProblem(path, error), { cause: error }))
      continue
    }
    if (st.isDirectory()) {
      if ((await fs.realpath(path).catch(() => path)) === '/') {
        result.errors.push(new InputError(path, ROOT_FOLDER))
        continue
      }
      const firstInput = result.inputs.length
      const firstSkipped = result.skipped.length
      const walker = new FolderWalker(path, result, { include, exclude, serverConfig: options.serverConfig, signal: options.signal }, fs)
      await walker.walk(path)
      const files = [...result.inputs.slice(firstInput), ...result.skipped.slice(firstSkipped)].map((f) => f.path)
      if (files.length === 0 && !walker.failed) result.errors.push(new InputError(path, 'folder holds no files'))
      result.folders.push({ path, files })
    } else if (st.isFile() || st.isFIFO() || st.isCharacterDevice()) {
      const server = st.isFile() ? options.serverConfig?.(path) : undefined
      if (server !== undefined) result.skipped.push({ path, size: st.size, reason: `server configuration (${server})` })
      else result.inputs.push({ path, size: st.isFile() ? st.size : undefined, mtimeMs: st.mtimeMs, origin: 'argument' })
    } else {
      result.errors.push(new InputError(path, 'not a regular file'))
    }
  }
  return result
}

type Matcher = (path: string) => boolean

/** Walks one folder given on the command line. */
class FolderWalker {
  /** Real paths of the folders walked so far: a link back to one of them is a loop. */
  private readonly visited = new Set<string>()
  /** An error was reported for this folder or one below it. */
  failed = false

  constructor(
    private readonly root: string,
    private readonly out: ResolvedInputs,
    private readonly options: {
      include: Matcher | undefined
      exclude: Matcher | undefined
      serverConfig: ((path: string) => string | undefined) | undefined
      signal: AbortSignal | undefined
    },
    private readonly fs: WalkFs,
  ) {}

  async walk(dir: string): Promise<void> {
    this.options.signal?.throwIfAborted()
    let real: string
    let entries: Dirent[]
    try {
      real = await this.fs.realpath(dir)
      if (dir !== this.root && PSEUDO_FILESYSTEMS.some((p) => real === p || real.startsWith(`${p}/`))) {
        this.out.skipped.push({ path: dir, size: undefined, reason: `kernel pseudo-filesystem (${real}), not logs` })
        return
      }
      entries = await this.fs.readdir(dir, { withFileTypes: true })
    } catch (error) {
      this.failed = true
      this.out.errors.push(new InputError(dir, describeFsError(error), { cause: error }))
      return
    }
    if (this.visited.has(real)) return
    this.visited.add(real)
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const full = join(dir, entry.name)
      let target: Stats
      try {
        target = await this.fs.stat(full)
      } catch (error) {
        if (entry.isSymbolicLink()) this.out.skipped.push({ path: full, size: undefined, reason: 'broken symbolic link' })
        else {
          this.failed = true
          this.out.errors.push(new InputError(full, describeFsError(error), { cause: error }))
        }
        continue
      }
      if (target.isDirectory()) await this.walk(full)
      else if (target.isFile()) this.file(full, target)
      else this.out.skipped.push({ path: full, size: undefined, reason: 'not a regular file' })
    }
  }

  private file(path: string, st: Stats): void {
    const rel = relative(this.root, path).split(sep).join('/')
    const { include, exclude, serverConfig } = this.options
    const skip = (reason: string): void => void this.out.skipped.push({ path, size: st.size, reason })
    if (exclude?.(rel)) return skip('matched by an exclude pattern')
    if (include && !include(rel)) return skip('not matched by an include pattern')
    const server = serverConfig?.(path)
    if (server !== undefined) return skip(`server configuration (${server})`)
    this.out.inputs.push({ path, size: st.size, mtimeMs: st.mtimeMs, origin: 'folder' })
  }
}
