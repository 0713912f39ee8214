import type { InputSource } from '../io/open-input.js'
import { InputError } from '../errors.js'
import { parseRotationName } from '../io/rotated-sets.js'
import type { ResolvedInputs, SkippedInput } from '../io/resolve-inputs.js'
import { emptyInputSummary, type InputSummary } from './state.js'

/**
 * Error codes that mean "this is not an FTP log" rather than "this could not be read": for a
 * file found in a folder they make it skipped; for a file named on the command line they stay
 * errors (exit 2).
 */
const NOT_A_LOG: Readonly<Record<string, string>> = {
  FTPLOG_UNKNOWN_LOG_FORMAT: 'no known log format',
  FTPLOG_NOT_TEXT: 'binary file',
}

/**
 * The error code of data compressed in a format ftplog does not read (xz, bzip2, zstd…; the line
 * splitter's CompressedInputError): an input that could not be read, settled by
 * {@link settleCompressedInputs} for files found in folders.
 */
export const COMPRESSED_CODE = 'FTPLOG_COMPRESSED'

/**
 * Files found in folders that are compressed in a format ftplog does not read: such a file stays
 * an error (exit 2) when it is a rotation of a log that was read (its logrotate set, from the
 * name, is one a recognised input belongs to: `vsftpd.log.2.xz` beside `vsftpd.log`), since the
 * numbers of that log then miss a part; any other (apt's `eipp.log.xz` in /var/log) becomes
 * skipped, `xz-compressed (not read)`. Files named on the command line stay errors. Mutates
 * `inputs` in place (the summaries keep their order).
 * @param origin how each path was given (`folder` when found by walking one).
 */
export function settleCompressedInputs(inputs: InputSummary[], origin: (path: string) => InputSource['origin']): void {
  const readSets = new Set(inputs.filter((s) => s.logFormat !== null && s.recognizedLines > 0).map((s) => parseRotationName(s.path).set))
  inputs.forEach((s, i) => {
    if (s.error?.code !== COMPRESSED_CODE || origin(s.path) !== 'folder' || readSets.has(parseRotationName(s.path).set)) return
    const format = /: (.+?)-compressed data/.exec(s.error.message)?.[1] ?? 'otherwise'
    inputs[i] = skippedInputSummary({ path: s.path, size: s.bytes, reason: `${format}-compressed (not read)` })
  })
}

/** Below this share of recognised lines, a file found in a folder is taken for something else. */
const MIN_RECOGNIZED_SHARE = 0.5

/**
 * Why a file found in a folder is not an FTP log after all, or `undefined` when it is one (or
 * was named on the command line, where such problems stay errors): binary; no log format matches
 * its first lines; a syslog file none of whose lines is an FTP server's; an empty file; or fewer
 * than half of its lines recognised (a chance match of a few lines, e.g. a font cache log taken
 * for an lftp transcript). Unreadable files and corrupt gzip data stay errors.
 */
export function notALogReason(summary: InputSummary, input: InputSource): string | undefined {
  if (input.origin !== 'folder') return undefined
  if (summary.error) return NOT_A_LOG[summary.error.code]
  const considered = summary.lines - summary.skippedLines
  if (summary.lines === 0) return 'empty file'
  if (considered === 0) return undefined
  if (summary.recognizedLines === 0 && summary.notFtpLines > 0) return "other programs' log (no FTP lines)"
  if (summary.recognizedLines + summary.notFtpLines < considered * MIN_RECOGNIZED_SHARE) {
    return `mostly unrecognized (${summary.recognizedLines} of ${considered} lines read as ${summary.logFormat ?? 'FTP'})`
  }
  return undefined
}

const SAME_FILE = 'same file as '

/**
 * The skip reason of a path that is the same file (device and inode) as `first`, which was read
 * instead: `same file as logs/vsftpd.log`.
 */
export function sameFileReason(first: string): string {
  return `${SAME_FILE}${first}`
}

/** Whether a skip reason is {@link sameFileReason}'s: the file was read, under another path. */
export function isSameFileReason(reason: string | null): boolean {
  return reason !== null && reason.startsWith(SAME_FILE)
}

const MIRROR_OF = 'mirror of '

/**
 * The skip reason of a file whose lines another file holds (a syslog daemon writing both; see
 * mirror-logs.ts), which was read instead: `mirror of /var/log/syslog (the same lines)`.
 */
export function mirrorReason(of: string): string {
  return `${MIRROR_OF}${of} (the same lines)`
}

/**
 * Whether a skip reason says the file's lines were counted all the same: it is the same file as
 * another input ({@link sameFileReason}) or a mirror of one ({@link mirrorReason}).
 */
export function isReadElsewhereReason(reason: string | null): boolean {
  return reason !== null && (reason.startsWith(SAME_FILE) || reason.startsWith(MIRROR_OF))
}

/**
 * The summary of a file that was not analysed (server configuration, excluded by a pattern, or
 * found not to be an FTP log): no lines counted, not an error, the reason kept.
 */
export function skippedInputSummary(skipped: SkippedInput): InputSummary {
  return { ...emptyInputSummary(skipped.path), bytes: skipped.size ?? 0, skipReason: skipped.reason }
}

/**
 * A folder given to analyse in which no file proved to be an FTP log (all skipped) is an error
 * for that folder, so that pointing ftplog at the wrong place never passes on nothing. Returns
 * one error summary per such folder; folders where an error was already reported for a file or
 * subfolder, or that hold no files (reported when walked), give none.
 */
export function foldersWithoutLogs(folders: ResolvedInputs['folders'], summaries: readonly InputSummary[]): InputSummary[] {
  const byPath = new Map(summaries.map((s) => [s.path, s]))
  const out: InputSummary[] = []
  for (const folder of folders) {
    if (folder.files.length === 0) continue
    const found = folder.files.map((f) => byPath.get(f)).filter((s): s is InputSummary => s !== undefined)
    // A file read under another path (same file) or in its mirror was a log all the same.
    if (found.some((s) => s.skipReason === null || isReadElsewhereReason(s.skipReason))) continue
    const why = countSkipReasons(found.map((s) => s.skipReason ?? 'skipped'))
    const error = new InputError(folder.path, `no FTP log among its ${found.length} file${found.length === 1 ? '' : 's'} (skipped: ${why})`)
    out.push(emptyInputSummary(folder.path, { code: error.code, message: error.message }))
  }
  return out
}

/**
 * Skip reasons counted by kind, most frequent first: `5× empty file, 1× server configuration`.
 * A reason's detail in parentheses (`server configuration (vsftpd)`) is left out of its kind.
 */
export function countSkipReasons(reasons: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const r of reasons) {
    const kind = isSameFileReason(r) ? 'same file as another input' : r.startsWith(MIRROR_OF) ? 'mirror of another input' : r.replace(/ \(.*$/, '')
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => `${n}× ${kind}`)
    .join(', ')
}
