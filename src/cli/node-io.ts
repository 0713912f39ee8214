import { closeSync, openSync, writeSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { checkOutputPath } from './check-output-path.js'
import type { CliIO, EventSink, TextSink } from './io.js'

const SINK_BUFFER_CHARS = 64 * 1024

/**
 * A file written with synchronous writes of up to 64 KiB: the analysis loop is synchronous, so
 * this applies backpressure by blocking instead of queueing in memory. A reader that goes away
 * (EPIPE, as in `--events /dev/stdout | head -1`) ends the writing quietly: it has what it wanted.
 */
function openFileSink(path: string): EventSink {
  const fd = openSync(path, 'w')
  let buffer = ''
  let closed = false
  const flush = (): void => {
    if (closed || buffer.length === 0) return
    try {
      writeSync(fd, buffer)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error
      closed = true
    }
    buffer = ''
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
      closeSync(fd)
    },
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
    // `-`: standard output, whose writes are synchronous for files and pipes on Linux and macOS
    // (Node's process I/O notes), so events still do not queue up in memory.
    openSink: (path) => (path === '-' ? { write: stdout.write, close: () => {} } : openFileSink(path)),
    checkOutputPath: (path) => checkOutputPath(path, process.cwd()),
  }
}
