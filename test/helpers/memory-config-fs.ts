import { posix } from 'node:path'
import type { ConfigFileSystem } from '../../src/server-config/config-file-system.js'

/**
 * A {@link ConfigFileSystem} over a map of absolute POSIX paths to file texts; folders are the
 * parents of the files (and any path listed in `dirs`). Reading a missing file rejects like node:fs.
 */
export function memoryConfigFs(files: Record<string, string>, dirs: readonly string[] = []): ConfigFileSystem {
  const folders = new Set<string>(dirs)
  for (const path of Object.keys(files)) for (let d = posix.dirname(path); ; d = posix.dirname(d)) {
    folders.add(d)
    if (d === '/' || d === '.') break
  }
  const missing = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' })
  return {
    readText: async (path) => {
      if (path in files) return files[path]!
      throw folders.has(path) ? Object.assign(new Error('EISDIR'), { code: 'EISDIR' }) : missing(path)
    },
    kind: async (path) => (path in files ? 'file' : folders.has(path) ? 'directory' : undefined),
    list: async (dir) => {
      const names = new Set<string>()
      for (const p of [...Object.keys(files), ...folders]) if (p !== dir && posix.dirname(p) === dir) names.add(posix.basename(p))
      return [...names]
    },
  }
}
