import { readFile, writeFile } from 'node:fs/promises'
import type { CliIO } from './io.js'

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
  }
}
