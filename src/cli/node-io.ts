import { closeSync, openSync, writeSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { checkOutputPath } from './check-output-path.js'
import type { CliIO, EventSink, TextSink } from './io.js'

const SINK_BUFFER_CHARS = 64 * 1024
/** How long a write to a full non-blocking pipe waits before it tries again, in ms. */
const FULL_PIPE_WAIT_MS = 1
const waitCell = new Int32Array(new SharedArrayBuffer(4))

/**
 * A file descriptor written with synchronous writes of up to 64 KiB: the analysis loop is
 * synchronous, so this applies backpressure by blocking instead of queueing in memory. A pipe
 * whose reader is slower than the analysis blocks the writes too: when the descriptor is
 * non-blocking (Node makes standard output's pipe so once `process.stdout` is used, and another
 * process may have done it to a shared pipe), a full pipe (EAGAIN) is waited for and retried. A
 * reader that goes away (EPIPE, as in `--events - | head -1`) ends the writing quietly: it has
 * what it wanted. `close` flushes, and closes the descriptor when `owned`.
 */
function fdSink(fd: number, owned: boolean): EventSink {
  let buffer = ''
  let closed = false
  const flush = (): void => {
    if (closed || buffer.length === 0) return
    const text = buffer
    buffer = ''
    try {
      writeAll(fd, text)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error
      closed = true
    }
  }
  return {
    write(text) {
      if (closed) return
      buffer += text
      if (buffer.length >= SINK_BUFFER_CHARS) flush()
    },
    close() {
      flush()
      buffer = ''
      if (owned) closeSync(fd)
    },
  }
}

/**
 * Writes all of `text` to `fd` as UTF-8. A file takes it in one write; a pipe may take part of it,
 * or nothing for now (EAGAIN): the rest is then written from its bytes.
 */
function writeAll(fd: number, text: string): void {
  let offset = tryWrite(fd, text)
  const length = Buffer.byteLength(text, 'utf8')
  if (offset === length) return
  const bytes = Buffer.from(text, 'utf8')
  while (offset < length) {
    const written = tryWrite(fd, bytes, offset)
    if (written === 0) Atomics.wait(waitCell, 0, 0, FULL_PIPE_WAIT_MS)
    offset += written
  }
}

/** One write; 0 bytes when a non-blocking pipe is full (EAGAIN). */
function tryWrite(fd: number, data: string | Buffer, offset = 0): number {
  try {
    return typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data, offset)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
    return 0
  }
}

/**
 * A text sink on a Node stream (the process's stdout). Writes after the reader went away (EPIPE,
 * as in `ftplog … | head -1`) are dropped quietly: it has what it wanted; other stream errors are
 * thrown. `drained` waits for `'drain'` when the stream's buffer is full (a pipe to a slow
 * reader), and ends early if the stream fails or closes instead.
 */
export function streamSink(stream: NodeJS.WritableStream & { readonly writableNeedDrain: boolean }): TextSink {
  let closed = false
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true
    else throw error
  })
  return {
    write: (text) => {
      if (!closed) stream.write(text)
    },
    drained: () =>
      closed || !stream.writableNeedDrain
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = (): void => {
              stream.off('drain', done).off('close', done).off('error', done)
              resolve()
            }
            stream.on('drain', done).on('close', done).on('error', done)
          }),
  }
}

/** The real process's IO; stdout is a {@link streamSink}. */
export function nodeIO(signal?: AbortSignal): CliIO {
  const stdout = streamSink(process.stdout)
  return {
    stdout,
    stderr: { write: (text) => void process.stderr.write(text) },
    stdin: () => process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    env: process.env,
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    signal,
    progressStream: process.stderr,
    now: Date.now,
    cwd: process.cwd(),
    readFile: (path) => readFile(path, 'utf8'),
    // `-`: file descriptor 1, written directly. Not through `process.stdout`: its writes to a pipe
    // are asynchronous on POSIX (Node's "A note on process I/O"), so with a slow reader every event
    // would wait in memory; nothing else writes to stdout while events do (one output on stdout).
    openSink: (path) => (path === '-' ? fdSink(1, false) : fdSink(openSync(path, 'w'), true)),
    checkOutputPath: (path) => checkOutputPath(path, process.cwd()),
  }
}
