import { basename, dirname, join } from 'node:path'

/**
 * Where a file stands in a logrotate set, read from its name (see docs/inputs.md "Rotated sets"):
 * - `current`: the live file (`vsftpd.log`), the newest part;
 * - `numbered`: `vsftpd.log.1`, `vsftpd.log.2.gz` (logrotate's default scheme; a higher number is older);
 * - `dateext`: `xferlog-20261101`, `xferlog-2026110103.gz`, `xferlog-2026-11-01` (`dateext`,
 *   with the default `-%Y%m%d`, an hourly `-%Y%m%d%H` or a `-%Y-%m-%d` `dateformat`); and IIS's
 *   W3C files, which have no current file: `u_exYYMMDD.log` daily, `u_exYYMMDDHH.log` hourly,
 *   `u_exYYMMWW.log` weekly, `u_exYYMM.log` monthly, `u_extendNN.log` by size, without `u_` when
 *   not logging in UTF-8 (the set is the folder's files of one prefix; the file names are those of
 *   HTTP_LOGGING_ROLLOVER_TYPE's remarks, learn.microsoft.com, http.h); FileZilla Server's
 *   (0.9) daily logs, `fzs-2026-12-01.log` (`fzs-%d-%02d-%02d.log` in its Logger.cpp); and the
 *   kubelet's container logs, `0.log.20261122-030247` beside `0.log`.
 */
export interface RotationName {
  /** The set's key: the current file's full path (`/var/log/vsftpd.log`). */
  readonly set: string
  readonly scheme: 'current' | 'numbered' | 'dateext'
  /** The rotation number (`numbered`), the date digits (`dateext`, as a number), 0 for `current`. */
  readonly index: number
}

// A compression suffix names a part too, and is set aside before the name is read: gzip is read,
// others (logrotate's `compresscmd`) are not, but a `vsftpd.log.2.xz` is still known for a part
// of vsftpd.log's set.
const COMPRESSION_SUFFIX = /\.(?:gz|xz|bz2|zst|lz4|Z)$/
const NUMBERED = /^(.+?)\.([1-9]\d{0,3})$/
const DATEEXT = /^(.+?)-((?:19|20)\d\d(?:-?\d\d){2}(?:\d\d)?)$/
// IIS W3C logs (LogFiles\FTPSVCn): u_ex + YYMM, YYMMWW, YYMMDD or YYMMDDHH; by size u_extend + NN.
const IIS_DATED = /^(u_ex|ex)(\d{4}|\d{6}|\d{8})\.log$/
const IIS_SIZED = /^(u_extend|extend)(\d{1,4})\.log$/
// FileZilla Server 0.9 with "a different log file each day": Logs\fzs-YYYY-MM-DD.log.
const FILEZILLA_DAILY = /^(fzs)-(\d{4})-(\d{2})-(\d{2})\.log$/
// The kubelet's rotation of a container log: 0.log.20261122-030247 (Go layout 20060102-150405 in
// pkg/kubelet/logs/container_log_manager.go), gzip-compressed from the second rotation on.
const KUBELET = /^(.+?)\.(\d{8})-(\d{6})$/

/**
 * Reads a path's place in a rotated set from its file name. Every name parses (a name with no
 * rotation suffix is a `current` file), so whether a file belongs to a set is decided by
 * {@link groupRotatedSets}: a set needs at least two files with the same key.
 */
export function parseRotationName(path: string): RotationName {
  const dir = dirname(path)
  const name = basename(path)
  const bare = name.replace(COMPRESSION_SUFFIX, '')
  const iis = IIS_DATED.exec(bare) ?? IIS_SIZED.exec(bare)
  if (iis) return { set: join(dir, iis[1]!), scheme: 'dateext', index: Number(iis[2]) }
  const fzs = FILEZILLA_DAILY.exec(bare)
  if (fzs) return { set: join(dir, fzs[1]!), scheme: 'dateext', index: Number(`${fzs[2]}${fzs[3]}${fzs[4]}`) }
  const kubelet = KUBELET.exec(bare)
  if (kubelet) return { set: join(dir, kubelet[1]!), scheme: 'dateext', index: Number(`${kubelet[2]}${kubelet[3]}`) }
  const numbered = NUMBERED.exec(bare)
  if (numbered) return { set: join(dir, numbered[1]!), scheme: 'numbered', index: Number(numbered[2]) }
  const dated = DATEEXT.exec(bare)
  if (dated) return { set: join(dir, dated[1]!), scheme: 'dateext', index: Number(dated[2]!.replaceAll('-', '')) }
  return { set: join(dir, name), scheme: 'current', index: 0 }
}

/** What {@link groupRotatedSets} needs of a file: its path and, when known, its first timestamp. */
export interface RotationCandidate {
  readonly path: string
  /** Epoch ms of the first timestamped line, or `undefined` when unknown. */
  readonly firstTime?: number | undefined
  /** Files only group with files of the same log format (`undefined` groups with any). */
  readonly logFormat?: string | undefined
}

/**
 * Groups files into rotated sets and orders each set oldest first: by first timestamp when both
 * files have one, else by suffix (the highest number first, then the oldest date, the current
 * file last). Files that share no set key with another stay alone. Groups come out in the order
 * their first member was given; pure, no file access.
 * @returns groups of one or more of the given items (the same objects), every item exactly once.
 */
export function groupRotatedSets<T extends RotationCandidate>(items: readonly T[]): T[][] {
  const byKey = new Map<string, T[]>()
  const order: T[][] = []
  for (const item of items) {
    const key = `${parseRotationName(item.path).set}\u0000${item.logFormat ?? ''}`
    let group = byKey.get(key)
    if (!group) {
      group = []
      byKey.set(key, group)
      order.push(group)
    }
    group.push(item)
  }
  const out: T[][] = []
  for (const group of order) {
    if (group.length === 1) {
      out.push(group)
      continue
    }
    out.push([...group].sort(compareRotation))
  }
  return out
}

/** Oldest first: first timestamp, then suffix, then path. */
export function compareRotation(a: RotationCandidate, b: RotationCandidate): number {
  if (a.firstTime !== undefined && b.firstTime !== undefined && a.firstTime !== b.firstTime) return a.firstTime - b.firstTime
  const d = suffixAge(b.path) - suffixAge(a.path)
  if (d !== 0) return d
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

/** A number that is larger for an older suffix. */
function suffixAge(path: string): number {
  const r = parseRotationName(path)
  if (r.scheme === 'numbered') return 2e15 + r.index
  // Dates: an earlier date is older; below every numbered part, above the current file. Days
  // (8 digits), hours (10) and seconds (14, the kubelet's) are put on one scale.
  if (r.scheme === 'dateext') return 1e15 - (r.index >= 1e13 ? r.index : r.index >= 1e9 ? r.index * 1e4 : r.index * 1e6)
  return 0
}
