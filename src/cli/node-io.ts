import { closeSync, openSync, writeSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import type { CliIO, EventSink } from './io.js'

const SINK_BUFFER_CHARS = 64 * 1024

/**
 * A file written with synchronous writes of up to 64 KiB: the analysis loop is synchronous, so
 * this applies backpressure by blocking instead of queueing in memory.
 */
function openSink(path: string): EventSink {
  const fd = openSync(path, 'w')
  let buffer = ''
  return {
    write(text) {
      buffer += text
      if (buffer.length >= SINK_BUFFER_CHARS) {
        writeSync(fd, buffer)
        buffer = ''
      }
    },
    close() {
      if (buffer.length > 0) writeSync(fd, buffer)
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
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stdoutClosed = true
    else throw error
  })
  return {
    stdout: {
      write(text) {
        if (!stdoutClosed) process.stdout.write(text)
      },
    },
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
    openSink,
  }
}
