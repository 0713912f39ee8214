import { readdir, readFile, stat } from 'node:fs/promises'

/**
 * What the configuration readers need from a file system: text files, what a path is, and the
 * names in a folder. The default reads the local disk; tests may pass a map in memory.
 */
export interface ConfigFileSystem {
  /** A file's text (UTF-8). Rejects with the Node.js error (`code` ENOENT, EACCES, EISDIR…). */
  readText(path: string): Promise<string>
  /** `file`, `directory`, or `undefined` when the path does not exist or cannot be examined. */
  kind(path: string): Promise<'file' | 'directory' | undefined>
  /** The entry names of a folder, in no particular order. */
  list(dir: string): Promise<string[]>
}

/** The local disk through node:fs. */
export const nodeConfigFileSystem: ConfigFileSystem = {
  readText: (path) => readFile(path, 'utf8'),
  kind: async (path) => {
    try {
      const s = await stat(path)
      return s.isDirectory() ? 'directory' : 'file'
    } catch {
      return undefined
    }
  },
  list: (dir) => readdir(dir),
}
