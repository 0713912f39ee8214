import { createReadStream, type ReadStream, type Stats } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { InputError } from '../errors.js'

/**
 * Read size for files: 64 KiB, the line splitter's decoding window (larger chunks decode into
 * strings V8 allocates one mmap each; see line-splitter.ts).
 */
const READ_CHUNK_BYTES = 64 * 1024

/** One input to analyse, as resolved from the command line. */
export interface InputSource {
  /** The path exactly as given (or found under a given directory); `-` for standard input. */
  readonly path: string
  /** Size in bytes on disk (compressed size for `.gz`), or `undefined` for stdin and pipes. */
  readonly size: number | undefined
  /** Modification time in epoch ms (dates year-less timestamps), or `undefined` for stdin. */
  readonly mtimeMs: number | undefined
}

/** Where standard input comes from; the CLI passes `process.stdin`, tests pass a stream. */
export type StdinProvider = () => Readable

/**
 * Expands the user's paths: files stay as given, directories give their regular files (recursively,
 * sorted, dot-files skipped), `-` is standard input.
 * Errors do not stop the others: each bad path becomes an {@link InputError} in `errors`.
 */
export async function resolveInputs(paths: readonly string[]): Promise<{ inputs: InputSource[]; errors: InputError[] }> {
  const inputs: InputSource[] = []
  const errors: InputError[] = []
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ path: '-', size: undefined, mtimeMs: undefined })
      continue
    }
    try {
      const st = await stat(path)
      if (st.isDirectory()) {
        const files = await listFiles(path)
        if (files.length === 0) errors.push(new InputError(path, 'directory contains no log files'))
        inputs.push(...files)
      } else if (st.isFile() || st.isFIFO() || st.isCharacterDevice()) {
        inputs.push({ path, size: st.isFile() ? st.size : undefined, mtimeMs: st.mtimeMs })
      } else {
        errors.push(new InputError(path, 'not a regular file'))
      }
    } catch (error) {
      errors.push(new InputError(path, describeFsError(error), { cause: error }))
    }
  }
  return { inputs, errors }
}

async function listFiles(dir: string): Promise<InputSource[]> {
  const out: InputSource[] = []
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(full)))
    else if (entry.isFile()) {
      const st = await stat(full)
      out.push({ path: full, size: st.size, mtimeMs: st.mtimeMs })
    }
  }
  return out
}

/**
 * Opens an input as a byte stream. Reading errors (EACCES, EISDIR…) surface as stream errors and
 * are turned into {@link InputError} by the caller.
 */
export function openInput(input: InputSource, stdin: StdinProvider): Readable {
  if (input.path === '-') return stdin()
  const stream: ReadStream = createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES })
  return stream
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
