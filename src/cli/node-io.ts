import { closeSync, openSync, writeSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { checkOutputPath } from './check-output-path.js'
import type { CliIO, EventSink } from './io.js'

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
 * The real process's IO. Writes to a closed stdout (`ftplog … | head -1`) are dropped quietly:
 * EPIPE means the reader has what it wanted.
 */
export function nodeIO(signal?: AbortSignal): CliIO {
  let stdoutClosed = false
  const writeStdout = (text: string): void => {
    if (!stdoutClosed) process.stdout.write(text)
  }
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stdoutClosed = true
    else throw error
  })
  return {
    stdout: { write: writeStdout },
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
    openSink: (path) => (path === '-' ? { write: writeStdout, close: () => {} } : openFileSink(path)),
    checkOutputPath: (path) => checkOutputPath(path, process.cwd()),
  }
}
