import { Writable } from 'node:stream'
import { TextDecoder } from 'node:util'

/** Per-line callbacks. Both run synchronously on the hot path and must not throw. */
export interface LineHandlers {
  /** A line without its terminator (`\n` or `\r\n`). Line numbers are counted by the caller. */
  line(text: string): void
  /** A line over the byte limit; it still takes its line number. */
  overlong(): void
}

/** The splitter's byte sink, plus a way to stop waiting for the 8 KiB it sniffs. */
export type LineSplitter = Writable & {
  /**
   * Decides text-or-binary on the bytes held so far and hands their lines on, instead of waiting
   * for 8 KiB (a live log may stay shorter for a long time). Fails the sink if they look binary.
   */
  settle(): void
}

/** Why an input could not be read as text; the caller words the user's message. */
export class NotTextError extends Error {}

/**
 * The input is data compressed in a format ftplog does not decompress (xz, bzip2, zstd…; gzip is
 * read): an input that could not be read, not one that is not a log. The message names the format
 * and the command that decompresses it.
 */
export class CompressedInputError extends Error {}

const NL = 0x0a
const CR = 13
/** Bytes looked at to decide whether an input is text. */
const SNIFF_BYTES = 8192
/**
 * Largest run of bytes decoded into one string. V8 puts strings over ~128 KiB in its large-object
 * space, one mmap each; decoding 256 KiB chunks that way took 195 ms per 100 MB against 61 ms for
 * 64 KiB windows (measured on the benchmark's vsftpd log).
 */
const WINDOW_BYTES = 64 * 1024
/** Bytes the sink accepts ahead of the line handlers. */
const BUFFERED_BYTES = 1024 * 1024

/**
 * The line cutter under {@link createLineSplitter}, without a stream: `write` hands the lines of a
 * chunk to `handlers` synchronously and keeps nothing of it (a partial line is copied), so a
 * caller may reuse its buffer as soon as `write` returns (`readLines` on plain files).
 */
export interface LineCutter {
  /** Handles one chunk. @returns NotTextError when the first 8 KiB look binary, else `undefined`. */
  write(chunk: Buffer): Error | undefined
  /** Decides text-or-binary on the bytes held so far (fewer than 8 KiB) and hands their lines on. */
  settle(): Error | undefined
  /** Ends the input: the held bytes become the last line (it has no terminator). */
  end(): Error | undefined
}

/**
 * Cuts bytes into lines; the rules are those of {@link createLineSplitter}.
 * @param maxLineBytes limit per line in bytes, excluding the terminator (≥ 1).
 */
export function createLineCutter(handlers: LineHandlers, maxLineBytes: number): LineCutter {
  const onLine = handlers.line
  const onOverlong = handlers.overlong
  /** Bytes of a line that started in an earlier chunk. */
  let carry: Buffer[] = []
  let carryBytes = 0
  /** The current line passed the limit: drop its bytes up to the next LF. */
  let overflowing = false
  let sniffed: Buffer[] | undefined = []
  let sniffedBytes = 0
  /** Set for UTF-16 input (a UTF-16 byte-order mark): its text is cut as UTF-8. */
  let utf16: TextDecoder | undefined

  const emitDecoded = (text: string): void => {
    const end = text.length
    if (end > 0 && text.charCodeAt(end - 1) === CR) onLine(text.slice(0, end - 1))
    else onLine(text)
  }

  /** Emits every line of `buf[from, to)`, where `to` is just past a LF and no line is overlong. */
  const emitLines = (buf: Buffer, from: number, to: number): void => {
    while (from < to) {
      let end = to
      if (end - from > WINDOW_BYTES) {
        // Cut at the last LF inside the window; a single line longer than the window goes whole.
        const cut = buf.lastIndexOf(NL, from + WINDOW_BYTES - 1)
        end = cut >= from ? cut + 1 : buf.indexOf(NL, from + WINDOW_BYTES) + 1
      }
      const text = buf.toString('utf8', from, end)
      let start = 0
      let nl = text.indexOf('\n')
      while (nl !== -1) {
        if (nl > start && text.charCodeAt(nl - 1) === CR) onLine(text.slice(start, nl - 1))
        else onLine(text.slice(start, nl))
        start = nl + 1
        nl = text.indexOf('\n', start)
      }
      from = end
    }
  }

  /** Like {@link emitLines}, but checks each line's length first (small limits). */
  const emitCheckedLines = (buf: Buffer, from: number, to: number): void => {
    while (from < to) {
      const nl = buf.indexOf(NL, from)
      if (nl - from > maxLineBytes) onOverlong()
      else emitDecoded(buf.toString('utf8', from, nl))
      from = nl + 1
    }
  }

  /** Keeps `buf[from, end)`, the start of a line whose end has not arrived yet. */
  const hold = (buf: Buffer, from: number): void => {
    const n = buf.length - from
    if (n === 0 || overflowing) return
    if (carryBytes + n > maxLineBytes) {
      overflowing = true
      carry = []
      carryBytes = 0
      return
    }
    // Copy: the caller may reuse its buffer, and a view would pin the whole chunk.
    carry.push(Buffer.from(buf.subarray(from)))
    carryBytes += n
  }

  const take = (buf: Buffer): void => {
    let pos = 0
    if (carryBytes > 0 || overflowing) {
      const nl = buf.indexOf(NL)
      if (nl === -1) {
        hold(buf, 0)
        return
      }
      if (overflowing || carryBytes + nl > maxLineBytes) onOverlong()
      else {
        carry.push(buf.subarray(0, nl))
        emitDecoded(Buffer.concat(carry, carryBytes + nl).toString('utf8'))
      }
      carry = []
      carryBytes = 0
      overflowing = false
      pos = nl + 1
    }
    const last = buf.lastIndexOf(NL)
    if (last >= pos) {
      // A run of whole lines no longer than the limit cannot hold an overlong line.
      if (last + 1 - pos <= maxLineBytes) emitLines(buf, pos, last + 1)
      else emitCheckedLines(buf, pos, last + 1)
      pos = last + 1
    }
    hold(buf, pos)
  }

  /** Cuts a chunk of the input: its bytes, or for UTF-16 input its text re-encoded as UTF-8. */
  const feed = (buf: Buffer): void => {
    if (utf16 === undefined) take(buf)
    else {
      const text = utf16.decode(buf, { stream: true })
      if (text.length > 0) take(Buffer.from(text, 'utf8'))
    }
  }

  const sniff = (): Error | undefined => {
    const held = sniffed!
    sniffed = undefined
    let head = held.length === 1 ? held[0]! : Buffer.concat(held)
    const bom = byteOrderMark(head)
    if (bom === 'utf-8') head = head.subarray(3)
    else if (bom !== undefined) utf16 = new TextDecoder(bom) // drops the mark itself
    else {
      const limit = Math.min(head.length, SNIFF_BYTES)
      let control = 0
      for (let i = 0; i < limit; i++) {
        const b = head[i]!
        if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 8 && b !== 27) control++
      }
      const binary = limit > 0 && control / limit > 0.1
      const compressed = compressionOf(head, binary)
      if (compressed !== undefined) return new CompressedInputError(`${compressed.name}-compressed data, which ftplog does not read (it reads plain text and gzip); decompress it first (${compressed.command})`)
      if (binary) return new NotTextError(looksLikeUtf16(head, limit) ? UTF16_WITHOUT_BOM : 'binary data (not a text log)')
    }
    if (head.length > 0) feed(head)
    return undefined
  }

  return {
    write(chunk) {
      if (sniffed) {
        sniffedBytes += chunk.length
        // Held past this call only while under 8 KiB: then copied, as the caller may reuse it.
        if (sniffedBytes < SNIFF_BYTES) {
          sniffed.push(Buffer.from(chunk))
          return undefined
        }
        sniffed.push(chunk)
        return sniff()
      }
      feed(chunk)
      return undefined
    },
    settle() {
      return sniffed ? sniff() : undefined
    },
    end() {
      if (sniffed) {
        const error = sniff()
        if (error) return error
      }
      if (utf16 !== undefined) {
        const rest = utf16.decode()
        if (rest.length > 0) take(Buffer.from(rest, 'utf8'))
      }
      // The last line has no terminator.
      if (overflowing) onOverlong()
      else if (carryBytes > 0) emitDecoded(Buffer.concat(carry, carryBytes).toString('utf8'))
      carry = []
      carryBytes = 0
      overflowing = false
      return undefined
    },
  }
}

/**
 * The encoding a byte-order mark at the start of `head` names: `EF BB BF` (UTF-8, as Notepad and
 * other Windows tools save it), `FF FE` (UTF-16LE, what Windows PowerShell 5 redirects to a file), `FE FF`
 * (UTF-16BE); `undefined` without one.
 */
function byteOrderMark(head: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return undefined
}

/**
 * Compressed formats a rotated log may be written in besides gzip (logrotate's `compresscmd`), by
 * their magic bytes (each format's specification: xz file format 1.1 §2.1.1.1, bzip2's "BZh" and
 * block size, RFC 8878 §3.1.1 for zstd, the LZ4 frame format, PKZIP's local file header, 7z's
 * signature header, compress(1)'s 1F 9D). A short magic that text could start with (`BZh`, two
 * bytes) counts only in data that looks binary: zstd keeps small inputs' text as raw literals, so
 * its output need not look binary at all.
 */
const COMPRESSED_FORMATS: readonly { name: string; magic: readonly number[]; command: string; short?: true }[] = [
  { name: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], command: 'xz -dk FILE' },
  { name: 'bzip2', magic: [0x42, 0x5a, 0x68], command: 'bunzip2 -k FILE', short: true },
  { name: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd], command: 'zstd -d FILE' },
  { name: 'lz4', magic: [0x04, 0x22, 0x4d, 0x18], command: 'lz4 -d FILE' },
  { name: 'zip', magic: [0x50, 0x4b, 0x03, 0x04], command: 'unzip FILE' },
  { name: '7z', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], command: '7z x FILE' },
  { name: 'compress (.Z)', magic: [0x1f, 0x9d], command: 'uncompress FILE', short: true },
]

/** The compressed format whose magic bytes start `head` (a short magic only when `binary`). */
function compressionOf(head: Buffer, binary: boolean): { name: string; command: string } | undefined {
  return COMPRESSED_FORMATS.find((f) => (binary || f.short !== true) && head.length >= f.magic.length && f.magic.every((b, i) => head[i] === b))
}

const UTF16_WITHOUT_BOM = 'UTF-16 text without a byte-order mark; convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8, or UTF-16BE)'

/**
 * Whether the first `limit` bytes look like UTF-16 text without a byte-order mark: nearly every
 * byte at odd offsets (UTF-16LE) or at even offsets (UTF-16BE) is NUL, and few of the others are.
 */
function looksLikeUtf16(head: Buffer, limit: number): boolean {
  if (limit < 8) return false
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < limit; i++) if (head[i] === 0) i % 2 === 0 ? evenNul++ : oddNul++
  const half = limit / 2
  return (oddNul > half * 0.9 && evenNul < half * 0.1) || (evenNul > half * 0.9 && oddNul < half * 0.1)
}

/**
 * A byte sink that cuts its input into lines and hands them to `handlers` synchronously, inside
 * `write()`: no line objects are queued between stages, so memory is one chunk plus one
 * partial line.
 *
 * - Lines end at LF; a CR before it is dropped. Empty lines are delivered, so line numbers stay exact.
 * - UTF-8 is decoded per run of whole lines (a LF byte never occurs inside a multi-byte
 *   character, so characters split across chunks come out whole); invalid bytes become U+FFFD.
 * - A line over `maxLineBytes` bytes (terminator excluded) is reported through `overlong()` and
 *   never held in memory beyond the limit; it still counts as a line.
 * - The first 8 KiB are held back and the stream fails with {@link NotTextError} when more than
 *   10% of them are NUL or C0 controls other than tab, LF, CR, FF, BS and ESC (the heuristic of
 *   `file` and `grep`, loosened so a stray NUL in a log does not make it "binary"); the message
 *   says so when they look like UTF-16 without a byte-order mark. Data that starts with the magic
 *   bytes of xz, bzip2, zstd, lz4, zip, 7z or compress(1) fails with {@link CompressedInputError}
 *   instead (gzip is unpacked before the splitter).
 * - A byte-order mark at the start is not part of the first line: after a UTF-8 one the bytes are
 *   read as they are; after a UTF-16 one (LE or BE) the text is decoded and cut as UTF-8, so
 *   `maxLineBytes` counts the UTF-8 bytes of a line. Only the start of the input is looked at.
 *
 * @param maxLineBytes limit per line in bytes, excluding the terminator (≥ 1).
 */
export function createLineSplitter(handlers: LineHandlers, maxLineBytes: number): LineSplitter {
  const cutter = createLineCutter(handlers, maxLineBytes)
  const sink = new Writable({
    // Room for several chunks, so the producer keeps reading (or inflating) while lines are handled.
    highWaterMark: BUFFERED_BYTES,
    write(chunk: Buffer, _encoding, callback) {
      // Handle the chunk on the next turn of the event loop, not inside the producer's push(): the
      // producer then issues its next read (a thread-pool job for files and gunzip) first, and
      // reading overlaps parsing. Inline, the main thread sat idle for 24% of a 1M-line run.
      setImmediate(() => {
        if (sink.destroyed) return callback()
        let error: Error | undefined
        try {
          error = cutter.write(chunk)
        } catch (thrown) {
          error = thrown as Error
        }
        callback(error)
      })
    },
    final(callback) {
      let error: Error | undefined
      try {
        error = cutter.end()
      } catch (thrown) {
        error = thrown as Error
      }
      callback(error)
    },
  })
  return Object.assign(sink, {
    settle(): void {
      if (sink.destroyed) return
      let error: Error | undefined
      try {
        error = cutter.settle()
      } catch (thrown) {
        error = thrown as Error
      }
      if (error) sink.destroy(error)
    },
  })
}
