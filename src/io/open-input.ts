import { createReadStream, type ReadStream, type Stats } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { EMPTY_PATH_REASON } from '../errors.js'

/**
 * Read size for files: 256 KiB. The line splitter still decodes 64 KiB windows of it (see
 * line-splitter.ts). With 64 KiB reads the main thread waited for the thread pool in 2.7–4.2 % of a
 * 1M-line vsftpd run (CPU profile `(idle)`); with 256 KiB, 0.6 %. 1 MiB reads doubled the time
 * spent in GC (15 % against 9 %). Measured on the benchmark's vsftpd log, 2 vCPU AMD EPYC, Node 20.
 */
export const READ_CHUNK_BYTES = 256 * 1024

/** One input to analyse, as resolved from the command line. */
export interface InputSource {
  /** The path exactly as given (or found under a given directory); `-` for standard input. */
  readonly path: string
  /** Size in bytes on disk (compressed size for `.gz`), or `undefined` for stdin and pipes. */
  readonly size: number | undefined
  /** Modification time in epoch ms (dates year-less timestamps), or `undefined` for stdin. */
  readonly mtimeMs: number | undefined
  /**
   * `argument`: named on the command line (or `-`); `folder`: found by walking a folder. A found
   * file that turns out not to be a log (binary, no log format matches) is skipped; a named one
   * is an error. @default 'argument'
   */
  readonly origin?: 'argument' | 'folder' | undefined
}

/** Where standard input comes from; the CLI passes `process.stdin`, tests pass a stream. */
export type StdinProvider = () => Readable

/**
 * A file to read, not yet opened: `readLines` reads it into two buffers it reuses (a stream
 * allocates a new 256 KiB buffer per read); gzip data goes on through gunzip as a stream.
 * {@link FileSource.stream} is the file as a stream, for readers that need one (paired logs).
 */
export class FileSource {
  constructor(readonly path: string) {}

  /** The file as a byte stream, in reads of {@link READ_CHUNK_BYTES}. */
  stream(): Readable {
    const stream: ReadStream = createReadStream(this.path, { highWaterMark: READ_CHUNK_BYTES })
    return stream
  }
}

/** What `readLines` reads: a byte stream (standard input, a followed log) or a file. */
export type ByteSource = Readable | FileSource

/**
 * Opens an input: standard input as its stream, a file as a {@link FileSource}. Reading errors
 * (ENOENT, EACCES, EISDIR…) reject `readLines` and are turned into {@link InputError} by the caller.
 */
export function openInput(input: InputSource, stdin: StdinProvider): ByteSource {
  return input.path === '-' ? stdin() : new FileSource(input.path)
}

/** Opens an input as a byte stream (standard input, or the file's {@link FileSource.stream}). */
export function openInputStream(input: InputSource, stdin: StdinProvider): Readable {
  return input.path === '-' ? stdin() : new FileSource(input.path).stream()
}

/**
 * What makes two paths the same file: `dev:ino`, or the real path where inodes mean nothing;
 * `undefined` if the path cannot be read (it does not exist, for one).
 */
export async function fileIdentity(path: string): Promise<string | undefined> {
  try {
    const st = await stat(path)
    if (st.ino !== 0) return `${st.dev}:${st.ino}`
    return await realpath(path)
  } catch {
    return undefined
  }
}

/** `fs.stat` of `path`, or `undefined` when it does not exist (other errors are thrown). */
export async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * Why `path` could not be used, after `error` from reading or stat-ing it: {@link EMPTY_PATH_REASON}
 * for `''` (Node reports it as ENOENT, "no such file"), else {@link describeFsError}, with a hint
 * when a missing path holds `*`, `?` or `[`: a shell passes a glob that matched nothing as it is
 * (`/var/log/vsftpd*.log` on a host without such files).
 */
export function pathProblem(path: string, error: unknown): string {
  if (path === '') return EMPTY_PATH_REASON
  const reason = describeFsError(error)
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' && /[*?[]/.test(path) ? `${reason} (a shell glob that matched nothing?)` : reason
}

/** A short human reason for a file-system error: `no such file`, `permission denied`… */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'is a directory'
    case 'ELOOP':
      return 'too many symbolic links'
    case 'ENOTDIR':
      return 'a path component is not a directory'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
