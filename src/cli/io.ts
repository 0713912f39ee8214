import type { Readable } from 'node:stream'

/** A place to write text: stdout, stderr, or a memory buffer in tests. */
export interface TextSink {
  write(text: string): void
  /**
   * Resolves once the sink can take more: at once, or when a pipe whose reader is slower than
   * the writer has drained (Node's `'drain'`). Large outputs await it between pieces, so they are
   * not queued in memory. Absent: every write is taken at once.
   */
  readonly drained?: (() => Promise<void>) | undefined
}

/**
 * Everything the CLI needs from its process, injected so tests run `run()` in-process.
 * Only `src/cli/node-io.ts` builds one from `process`.
 */
export interface CliIO {
  readonly stdout: TextSink
  readonly stderr: TextSink
  /** Standard input as a byte stream (for the input `-`). */
  readonly stdin: () => Readable
  /** Whether stdin is a terminal (then no input means a usage error, not "read stdin"). */
  readonly stdinIsTTY: boolean
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  /** Terminal width, when stdout is a terminal. */
  readonly columns: number | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  /**
   * Writes a file (for `-o` and `-f name:path`): the text, or its pieces in order, each written
   * before the next is asked for.
   */
  readonly writeFile: (path: string, text: string | Iterable<string>) => Promise<void>
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal | undefined
  /** The progress bar's output (stderr in a terminal); absent in tests. */
  readonly progressStream?: NodeJS.WritableStream | undefined
  /** The clock for `--since 24h` and the like, in epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined
  /** Directory where `ftplog.config.json` is looked for. @default the process's working directory */
  readonly cwd?: string | undefined
  /** Reads a UTF-8 text file (`--config`, `merge` inputs). @default node:fs readFile */
  readonly readFile?: ((path: string) => Promise<string>) | undefined
  /**
   * Opens a file (or `-`, standard output) for a stream of writes made synchronously
   * (`--events`): the writer must not grow without bound when the disk, or a pipe's reader, is
   * slower than the analysis. `close` flushes.
   */
  readonly openSink?: ((path: string) => EventSink) | undefined
  /**
   * Why an output file cannot be written (`no such folder: out`), or `undefined` when it can;
   * run for every `-o`, `-f name:file` and `--events` file before the analysis starts. Absent:
   * not checked (write errors still surface, as one line, when the report is written).
   */
  readonly checkOutputPath?: ((path: string) => Promise<string | undefined>) | undefined
}

/** A file written piece by piece; see {@link CliIO.openSink}. `-` is standard output. */
export interface EventSink {
  write(text: string): void
  close(): void
}
