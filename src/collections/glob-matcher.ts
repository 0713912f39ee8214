import picomatch from 'picomatch'

/**
 * One predicate for several globs (picomatch syntax, `/` separators, dot-files matched): a glob
 * with a `/` is matched against the whole relative path, one without against the base name only
 * (`*.log` matches `vsftpd/vsftpd.log`), as .gitignore and rsync filters do. picomatch's own
 * `basename` option is not used: it also applies to globs with a `/` and then fails them.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const withSlash = globs.filter((g) => g.includes('/'))
  const bare = globs.filter((g) => !g.includes('/'))
  const full = withSlash.length > 0 ? picomatch(withSlash, { dot: true, windows: false }) : undefined
  const base = bare.length > 0 ? picomatch(bare, { dot: true, windows: false }) : undefined
  return (path) => {
    const posix = path.replaceAll('\\', '/').replace(/^(\.\/|\/+)/, '')
    if (full?.(posix)) return true
    return base !== undefined && base(posix.slice(posix.lastIndexOf('/') + 1))
  }
}
