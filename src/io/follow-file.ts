import { stat, open, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'

/** Options of {@link followFile}. */
export interface FollowFileOptions {
  /** How long to wait at the end of the file before looking again, in ms. @default 1000 */
  readonly pollIntervalMs?: number | undefined
  /** Ends the stream (normally, not with an error) when aborted. */
  readonly signal?: AbortSignal | undefined
  /** Called when the file is replaced (rotation by rename) or truncated, and when it is missing. */
  readonly onChange?: ((change: 'rotated' | 'truncated' | 'missing' | 'found') => void) | undefined
}

const READ_BYTES = 64 * 1024
const NL = 0x0a

/**
 * The bytes of a growing log, like `tail -F` from the start of the file: reads to the end, waits
 * `pollIntervalMs`, reads what was appended, and so on until `signal` aborts, when the stream
 * ends normally.
 *
 * - Rotation by rename (the path now names another file): the old file is read to its end, then
 *   the new one from its start.
 * - Truncation (copytruncate; the file got shorter than what was read): reading restarts at 0.
 * - A missing path is waited for.
 *
 * When the stream switches files, a line the old content left unterminated is ended with a LF, so
 * it is not glued to the first line of the new content. The stream emits `idle` each time it finds
 * no new data and starts waiting.
 * @throws (as a stream error) file-system errors other than a missing file, e.g. EACCES.
 */
export function followFile(path: string, options: FollowFileOptions = {}): Readable {
  const pollMs = options.pollIntervalMs ?? 1000
  const signal = options.signal
  const notify = options.onChange ?? (() => {})
  let file: { handle: FileHandle; dev: number; ino: number } | undefined
  let position = 0
  let lastByte = NL
  let running = false
  let wantMore = false
  let missing = false
  let ended = false
  const end = (): void => {
    if (ended || stream.destroyed) return
    ended = true
    stream.push(null)
  }

  const stream = new Readable({
    highWaterMark: READ_BYTES,
    read() {
      wantMore = true
      if (!running) {
        running = true
        loop().then(
          () => {
            running = false
          },
          (error: unknown) => {
            running = false
            stream.destroy(error as Error)
          },
        )
      }
    },
    destroy(error, callback) {
      const f = file
      file = undefined
      if (f) f.handle.close().then(() => callback(error), () => callback(error))
      else callback(error)
    },
  })

  const push = (buf: Buffer): void => {
    if (buf.length === 0) return
    lastByte = buf[buf.length - 1]!
    wantMore = stream.push(buf)
  }
  /** Ends a partial last line before the content changes under it. */
  const endPartialLine = (): void => {
    if (lastByte !== NL) push(Buffer.from([NL]))
  }
  const openCurrent = async (): Promise<boolean> => {
    try {
      const handle = await open(path, 'r')
      const st = await handle.stat()
      file = { handle, dev: st.dev, ino: st.ino }
      position = 0
      if (missing) notify('found')
      missing = false
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      if (!missing) notify('missing')
      missing = true
      return false
    }
  }

  const loop = async (): Promise<void> => {
    while (!signal?.aborted && wantMore && !stream.destroyed && !ended) {
      if (!file && !(await openCurrent())) {
        await pause()
        continue
      }
      const f = file!
      const size = (await f.handle.stat()).size
      if (size < position) {
        notify('truncated')
        endPartialLine()
        position = 0
        continue
      }
      if (size > position) {
        const buf = Buffer.allocUnsafe(Math.min(READ_BYTES, size - position))
        const { bytesRead } = await f.handle.read(buf, 0, buf.length, position)
        position += bytesRead
        push(buf.subarray(0, bytesRead))
        continue
      }
      // At the end of the open file: has the path moved on to another file?
      let current: { dev: number; ino: number } | undefined
      try {
        current = await stat(path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
      if (current && (current.ino !== f.ino || current.dev !== f.dev)) {
        // Rotated: the old file was read to its end; go on with the new one.
        notify('rotated')
        endPartialLine()
        file = undefined
        await f.handle.close()
        continue
      }
      // Every time, not once: lines pushed just before may still be on their way downstream.
      stream.emit('idle')
      await pause()
    }
    if (signal?.aborted) end()
  }

  const pause = async (): Promise<void> => {
    try {
      await sleep(pollMs, undefined, signal ? { signal } : {})
    } catch {
      // Aborted: the loop sees the signal and ends the stream.
    }
  }

  // An abort while the consumer is not asking for data still has to end the stream.
  signal?.addEventListener(
    'abort',
    () => {
      if (!running) end()
    },
    { once: true },
  )
  return stream
}
