import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { CliIO } from '../../src/cli/io.js'

/** A CliIO that records stdout, stderr and written files, for in-process CLI tests. */
export function memoryIO(
  options: { stdin?: string | Buffer; stdinIsTTY?: boolean; env?: Record<string, string>; now?: number; cwd?: string; signal?: AbortSignal } = {},
): CliIO & {
  out: () => string
  err: () => string
  files: Map<string, string>
} {
  let out = ''
  let err = ''
  const files = new Map<string, string>()
  return {
    stdout: { write: (t) => void (out += t) },
    stderr: { write: (t) => void (err += t) },
    stdin: () => Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdinIsTTY: options.stdinIsTTY ?? options.stdin === undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: undefined,
    env: options.env ?? {},
    writeFile: async (path, text) => void files.set(path, typeof text === 'string' ? text : [...text].join('')),
    now: () => options.now ?? Date.UTC(2024, 0, 16, 0, 0, 0),
    // No ftplog.config.json is found unless a test points here at one.
    cwd: options.cwd ?? '/nonexistent/ftplog-test-cwd',
    readFile: (path) => readFile(path, 'utf8'),
    openSink: (path) => {
      files.set(path, '')
      return { write: (t: string) => void files.set(path, files.get(path)! + t), close: () => {} }
    },
    signal: options.signal,
    out: () => out,
    err: () => err,
    files,
  }
}
