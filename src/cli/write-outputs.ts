import { OutputError } from '../errors.js'
import { stripControlChars } from '../formatters/escape.js'
import { describeFsError } from '../io/open-input.js'
import { loadFormatter } from '../formatters/load-formatter.js'
import type { FormatContext } from '../formatters/types.js'
import type { Report } from '../report/report-schema.js'
import type { CliIO } from './io.js'
import type { OutputTarget } from './output-targets.js'

/** Pieces of a formatter's output are joined up to this many UTF-16 code units per write. */
export const WRITE_PIECE_CHARS = 64 * 1024

/**
 * Whether the text formatter colours standard output when neither `--color` nor `--no-color` is
 * given: `NO_COLOR` set to anything but the empty string turns it off (no-color.org); else
 * `FORCE_COLOR` turns it on unless it is `0` or `false` (as Node and supports-color read it), an
 * empty one counting as unset (an unset CI variable); else only on a terminal whose `TERM` is not
 * `dumb`.
 */
export function colorFromEnv(env: Readonly<Record<string, string | undefined>>, stdoutIsTTY: boolean): boolean {
  if (env.NO_COLOR) return false
  const force = env.FORCE_COLOR
  if (force) return force !== '0' && force.toLowerCase() !== 'false'
  return stdoutIsTTY && env.TERM !== 'dumb'
}

/**
 * Writes the report with every target's formatter: to stdout (colour and width from the
 * terminal) or to its file. Unreadable inputs get one line each on stderr first, whatever the
 * formatter, as grep and cat do. Each formatter is loaded when written (`loadFormatter`). One that
 * makes its output piece by piece (json, ndjson) is written in pieces of about 64 KiB as they are made, each
 * after stdout has drained or the previous piece is in the file, so the whole text is never in
 * memory at once.
 * @throws OutputError when a file cannot be written (one line for the user, exit 2).
 */
export async function writeOutputs(report: Report, targets: readonly OutputTarget[], io: CliIO, colorFlag: boolean | undefined): Promise<void> {
  const color = colorFlag ?? colorFromEnv(io.env, io.stdoutIsTTY)
  for (const input of report.inputs) if (input.error) io.stderr.write(`ftplog: ${stripControlChars(input.error.message)}\n`)
  for (const target of targets) {
    const onStdout = target.path === undefined
    const ctx: FormatContext = { color: onStdout ? color : false, width: onStdout ? io.columns : undefined }
    const { whole, pieces: chunked } = await loadFormatter(target.formatter)
    if (onStdout) {
      if (chunked === undefined) io.stdout.write(whole(report, ctx))
      else {
        for (const piece of joinPieces(chunked(report, ctx))) {
          io.stdout.write(piece)
          await io.stdout.drained?.()
        }
      }
      continue
    }
    // The formatter runs while the file is written: its own errors are not write errors.
    let formatting: { error: unknown } | undefined
    const pieces = chunked === undefined ? whole(report, ctx) : noting(joinPieces(chunked(report, ctx)), (error) => (formatting = { error }))
    try {
      await io.writeFile(target.path!, pieces)
    } catch (error) {
      if (formatting !== undefined) throw formatting.error
      throw new OutputError(target.path!, describeFsError(error), { cause: error })
    }
  }
}

/** The pieces joined into strings of at least {@link WRITE_PIECE_CHARS} (the last may be shorter). */
function* joinPieces(pieces: Iterable<string>): Generator<string, void, undefined> {
  let buffer: string[] = []
  let length = 0
  for (const piece of pieces) {
    buffer.push(piece)
    length += piece.length
    if (length >= WRITE_PIECE_CHARS) {
      yield buffer.join('')
      buffer = []
      length = 0
    }
  }
  if (length > 0) yield buffer.join('')
}

/** The pieces as they come; an error they throw is passed to `onError` first. */
function* noting(pieces: Iterable<string>, onError: (error: unknown) => void): Generator<string, void, undefined> {
  try {
    yield* pieces
  } catch (error) {
    onError(error)
    throw error
  }
}
