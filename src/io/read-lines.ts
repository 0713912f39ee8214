import { open, type FileHandle } from 'node:fs/promises'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { createLineCutter, createLineSplitter, type LineHandlers } from './line-splitter.js'
import { FileSource, READ_CHUNK_BYTES, type ByteSource } from './open-input.js'

export { CompressedInputError, NotTextError, type LineHandlers } from './line-splitter.js'

/** Options for {@link readLines}. */
export interface ReadLinesOptions {
  /** Lines longer than this many bytes are counted as skipped, not parsed. @default 1048576 */
  readonly maxLineBytes: number
  readonly signal?: AbortSignal | undefined
  /** Called with the running count of raw bytes read (compressed bytes for gzip input). */
  readonly onBytes?: ((bytesRead: number) => void) | undefined
}

const GZIP_MAGIC_0 = 0x1f
const GZIP_MAGIC_1 = 0x8b
/** gunzip output chunk size: the line splitter's window, instead of zlib's default 16 KiB. */
const GUNZIP_CHUNK_BYTES = 64 * 1024

/**
 * Streams the lines of a byte stream or file to `handlers`, gunzipping it first when it starts with the
 * gzip magic bytes (whatever its name). A source may emit `idle` when it has nothing more for now
 * (see `followFile`): lines held back for sniffing are then handled at once. The handlers run synchronously for each line (see
 * {@link createLineSplitter}); memory is bounded by one chunk plus `maxLineBytes`. Invalid UTF-8
 * becomes U+FFFD; it never throws on content.
 * A plain file ({@link FileSource}) is read in 256 KiB reads into two buffers used in turn: the next
 * read runs on the thread pool while the lines of the last one are handled, and no buffer is
 * allocated per read (docs/performance.md, The per-line path).
 * @throws NotTextError when the first 8 KiB look binary; stream errors (EACCES, corrupt gzip,
 *   abort) reject the promise after the lines read so far were delivered.
 */
export async function readLines(source: ByteSource, handlers: LineHandlers, options: ReadLinesOptions): Promise<void> {
  if (source instanceof FileSource) return readFileLines(source, handlers, options)
  return readStreamLines(source, handlers, options)
}

/** {@link readLines} of a byte stream. */
async function readStreamLines(source: Readable, handlers: LineHandlers, options: ReadLinesOptions): Promise<void> {
  const head = await peek(source)
  const gzipped = head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1
  const stages: (NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream)[] = [source]
  const onBytes = options.onBytes
  if (onBytes) {
    let bytesRead = 0
    stages.push(
      new Transform({
        transform(chunk: Buffer, _enc, cb: TransformCallback) {
          bytesRead += chunk.length
          onBytes(bytesRead)
          cb(null, chunk)
        },
      }),
    )
  }
  if (gzipped) stages.push(createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }))
  const splitter = createLineSplitter(handlers, options.maxLineBytes)
  stages.push(splitter)
  // A source that says it has no more data for now (a followed log) gets its lines handled now.
  const settle = (): void => splitter.settle()
  source.prependListener('idle', settle)
  try {
    await pipeline(stages as unknown as [Readable, ...NodeJS.WritableStream[]], options.signal ? { signal: options.signal } : {})
  } finally {
    source.off('idle', settle)
  }
}

/** Reads the first chunk of a stream (at least the gzip magic when there is one) and puts it back. */
async function peek(stream: Readable): Promise<Buffer> {
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
  })
}

/** {@link readLines} of a file: as a stream when it holds gzip data, else into two reused buffers. */
async function readFileLines(source: FileSource, handlers: LineHandlers, options: ReadLinesOptions): Promise<void> {
  const { signal, onBytes } = options
  signal?.throwIfAborted()
  const file = await open(source.path, 'r')
  try {
    const buffers = [Buffer.allocUnsafeSlow(READ_CHUNK_BYTES), Buffer.allocUnsafeSlow(READ_CHUNK_BYTES)]
    let result = await file.read(buffers[0]!, 0, READ_CHUNK_BYTES, null)
    if (result.bytesRead >= 2 && buffers[0]![0] === GZIP_MAGIC_0 && buffers[0]![1] === GZIP_MAGIC_1) {
      // Read on from where the first read stopped: a FIFO (`<(zcat …)`) cannot be opened again.
      return await readStreamLines(Readable.from(chunksFrom(file, Buffer.from(buffers[0]!.subarray(0, result.bytesRead)))), handlers, options)
    }
    const cutter = createLineCutter(handlers, options.maxLineBytes)
    let bytesRead = 0
    for (let turn = 0; result.bytesRead > 0; turn++) {
      bytesRead += result.bytesRead
      // The next read fills the other buffer while this one's lines are handled.
      const next = file.read(buffers[(turn + 1) & 1]!, 0, READ_CHUNK_BYTES, null)
      onBytes?.(bytesRead)
      let error: unknown = cutter.write(buffers[turn & 1]!.subarray(0, result.bytesRead))
      if (error === undefined && signal?.aborted) error = signal.reason ?? new DOMException('The operation was aborted', 'AbortError')
      if (error !== undefined) {
        await next.catch(() => undefined)
        throw error
      }
      result = await next
    }
    const error = cutter.end()
    if (error) throw error
  } finally {
    await file.close()
  }
}

/** `first`, then the rest of `file` from its current position, in fresh buffers (for a stream). */
async function* chunksFrom(file: FileHandle, first: Buffer): AsyncGenerator<Buffer, void, undefined> {
  yield first
  for (;;) {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES)
    const { bytesRead } = await file.read(buffer, 0, READ_CHUNK_BYTES, null)
    if (bytesRead === 0) return
    yield buffer.subarray(0, bytesRead)
  }
}
