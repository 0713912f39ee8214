import { Transform, type TransformCallback } from 'node:stream'

/**
 * Appended to a line that was cut at the byte limit. The line reader counts such a line as
 * skipped; keeping it as a (truncated) line keeps every later line number exact, which split2's
 * own `skipOverflow` does not.
 */
export const OVERLONG_MARKER = '\u0000\u0001ftplog-overlong\u0001\u0000'
const MARKER_BYTES = Buffer.from(OVERLONG_MARKER, 'utf8')
const NL = 0x0a

/**
 * A byte stream filter that truncates lines longer than `maxLineBytes` and tags them with
 * {@link OVERLONG_MARKER}, so memory stays bounded whatever the input holds (a 100 MB line costs
 * `maxLineBytes`). Line terminators pass through unchanged.
 * @param maxLineBytes limit per line, in bytes, excluding the terminator.
 */
export function createLineLengthGuard(maxLineBytes: number): Transform {
  let lineBytes = 0
  let truncated = false
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      // Most chunks hold no overlong line and pass through untouched; `out` is built only when
      // something has to be cut.
      let out: Buffer[] | undefined
      let emitFrom = 0
      let pos = 0
      while (pos < chunk.length) {
        const nl = chunk.indexOf(NL, pos)
        const end = nl === -1 ? chunk.length : nl
        if (truncated) {
          // Still inside a cut line: drop its bytes up to the terminator.
          ;(out ??= []).push(chunk.subarray(emitFrom, pos))
          emitFrom = end
        } else if (lineBytes + (end - pos) > maxLineBytes) {
          const keep = maxLineBytes - lineBytes
          ;(out ??= []).push(chunk.subarray(emitFrom, pos + keep), MARKER_BYTES)
          emitFrom = end
          truncated = true
        } else {
          lineBytes += end - pos
        }
        if (nl === -1) break
        lineBytes = 0
        truncated = false
        pos = nl + 1
      }
      if (!out) return cb(null, chunk)
      out.push(chunk.subarray(emitFrom))
      cb(null, Buffer.concat(out))
    },
  })
}
