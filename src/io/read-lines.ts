import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import split2 from 'split2'
import { createLineLengthGuard, OVERLONG_MARKER } from './line-length-guard.js'

/** Options for {@link readLines}. */
export interface ReadLinesOptions {
  /** Lines longer than this many bytes are counted as skipped, not parsed. @default 1048576 */
  readonly maxLineBytes: number
  readonly signal?: AbortSignal | undefined
  /** Called with the running count of raw bytes read (compressed bytes for gzip input). */
  readonly onBytes?: ((bytesRead: number) => void) | undefined
}

/** Per-line callbacks. Both run synchronously on the hot path and must not throw. */
export interface LineHandlers {
  /** A line without its terminator (`\n` or `\r\n`). Line numbers are counted by the caller. */
  line(text: string): void
  /** A line over the byte limit; it still takes its line number. */
  overlong(): void
}

/** Why an input could not be read as text; the caller words the user's message. */
export class NotTextError extends Error {}

const GZIP_MAGIC_0 = 0x1f
const GZIP_MAGIC_1 = 0x8b
const SNIFF_BYTES = 8192

/**
 * Streams the lines of a byte stream through split2, gunzipping it first when it starts with
 * the gzip magic bytes (whatever its name). Memory is bounded by the chunk size plus
 * `maxLineBytes`. Invalid UTF-8 becomes U+FFFD; it never throws on content.
 * @throws NotTextError when the first 8 KiB look binary; stream errors (EACCES, corrupt gzip,
 *   abort) reject the promise after the lines read so far were delivered.
 */
export async function readLines(source: Readable, handlers: LineHandlers, options: ReadLinesOptions): Promise<void> {
  const head = await peek(source, 2)
  const gzipped = head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1
  let bytesRead = 0
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      bytesRead += chunk.length
      options.onBytes?.(bytesRead)
      cb(null, chunk)
    },
  })
  const onLine = handlers.line
  const onOverlong = handlers.overlong
  const splitter = split2('\n', (raw: string) => {
    // Called synchronously for every line; returning undefined pushes nothing downstream.
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw
    // The marker ends in NUL: test one character before the whole suffix.
    if (line.charCodeAt(line.length - 1) === 0 && line.endsWith(OVERLONG_MARKER)) onOverlong()
    else onLine(line)
    return undefined
  })
  const stages: (NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream)[] = [source, counter]
  if (gzipped) stages.push(createGunzip())
  stages.push(createBinarySniffer(), createLineLengthGuard(options.maxLineBytes), splitter)
  await pipeline(stages as unknown as [Readable, ...NodeJS.WritableStream[]], options.signal ? { signal: options.signal } : {})
}

/** Reads up to `n` bytes from the start of a stream and puts them back. */
async function peek(stream: Readable, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (buf: Buffer): void => {
      cleanup()
      if (buf.length > 0) stream.unshift(buf)
      resolve(buf)
    }
    const onReadable = (): void => {
      const chunk = stream.read() as Buffer | string | null
      if (chunk === null) return
      done(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    }
    const onEnd = (): void => done(Buffer.alloc(0))
    const onError = (error: Error): void => {
      cleanup()
      reject(error)
    }
    const cleanup = (): void => {
      stream.off('readable', onReadable)
      stream.off('end', onEnd)
      stream.off('error', onError)
    }
    stream.on('readable', onReadable)
    stream.once('end', onEnd)
    stream.once('error', onError)
    void n
  })
}

/**
 * Holds the first 8 KiB, then fails the stream with {@link NotTextError} if more than 10% of
 * those bytes are NUL or C0 control characters other than tab, LF, CR, FF, BS and ESC
 * (the heuristic `file` and `grep` use, loosened so a stray NUL in a log is not "binary").
 */
function createBinarySniffer(): Transform {
  let held: Buffer[] | undefined = []
  let heldBytes = 0
  const check = (): Error | undefined => {
    const head = Buffer.concat(held!)
    held = undefined
    let control = 0
    const limit = Math.min(head.length, SNIFF_BYTES)
    for (let i = 0; i < limit; i++) {
      const b = head[i]!
      if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 8 && b !== 27) control++
    }
    return limit > 0 && control / limit > 0.1 ? new NotTextError('binary data (not a text log)') : undefined
  }
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!held) return cb(null, chunk)
      held.push(chunk)
      heldBytes += chunk.length
      if (heldBytes < SNIFF_BYTES) return cb()
      const all = Buffer.concat(held)
      const error = check()
      if (error) return cb(error)
      cb(null, all)
    },
    flush(cb) {
      if (!held) return cb()
      const all = Buffer.concat(held)
      const error = check()
      if (error) return cb(error)
      cb(null, all)
    },
  })
}
