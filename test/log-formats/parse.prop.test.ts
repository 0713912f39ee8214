import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { analyzeText } from '../helpers/analyze-text.js'

// Every registered log format, so formats added later are covered without touching this file.
const definitions = createLogFormatRegistry().list()
const allSamples = definitions.flatMap((d) => d.samples.map((s) => s.line))

/**
 * Lines worth throwing at a parser: arbitrary strings (any code point, lone surrogates included),
 * and real sample lines of every log format cut, spliced and salted with hostile characters.
 */
const hostileChar = fc.constantFrom('"', "'", ']', '[', '\\', '\u0000', '\u001b', '\r', '\t', '\u202e', '\ud800', '\ufffd', ' ', ':', '-', '421-', '226 ')
const lineArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.constantFrom(...allSamples), fc.nat(), fc.nat(), fc.array(hostileChar, { maxLength: 6 })).map(([line, a, b, salt]) => {
    const i = a % (line.length + 1)
    const j = i + (b % (line.length - i + 1))
    return line.slice(0, i) + salt.join('') + line.slice(j)
  }),
  fc.tuple(fc.constantFrom(...allSamples), fc.string({ unit: 'binary', maxLength: 40 })).map(([line, tail]) => line + tail),
)

describe('log-format parsers never throw', () => {
  for (const definition of definitions) {
    it(`${definition.name}: parse() and match() accept any line`, () => {
      const format = compileLogFormat(definition, { timeZone: 'UTC', year: 2024 })
      fc.assert(
        fc.property(lineArb, fc.integer({ min: 1, max: 2 ** 31 }), (line, lineNo) => {
          const parsed = format.parse(line, lineNo)
          format.match(line)
          if (parsed) {
            expect(parsed.record.line).toBe(lineNo)
            const t = parsed.record.time
            expect(t === undefined || Number.isFinite(t)).toBe(true)
          }
        }),
        { numRuns: 400 },
      )
    })
  }
})

/** A vsftpd protocol-log reply line with any code, separator and text: multi-line replies and junk. */
const vsftpdReply = fc
  .tuple(fc.nat(99_999), fc.constantFrom('421', '426', '226', '150', '220', '999', '4x1', '42'), fc.constantFrom(' ', '-', '', 'x'), fc.string({ maxLength: 30 }))
  .map(([pid, code, sep, text]) => `Mon Jan 15 10:00:0${pid % 10} 2024 [pid ${pid % 7}] FTP response: Client "192.0.2.${pid % 5}", "${code}${sep}${text}"`)
const vsftpdCommand = fc
  .tuple(fc.nat(99_999), fc.constantFrom('USER a', 'PASS x', 'RETR f', 'STOR g', 'ABOR', 'QUIT', 'PASV', ''))
  .map(([pid, cmd]) => `Mon Jan 15 10:00:0${pid % 10} 2024 [pid ${pid % 7}] FTP command: Client "192.0.2.${pid % 5}", "${cmd}"`)

describe('the session tracker and reply assembler never throw, and line accounting is exact', () => {
  for (const definition of definitions) {
    it(`${definition.name}: any sequence of lines is analysed`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(lineArb, vsftpdReply, vsftpdCommand, fc.constant('')), { maxLength: 60 }), fc.boolean(), fc.integer({ min: 40, max: 400 }), async (lines, crlf, maxLineBytes) => {
          const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join(crlf ? '\r\n' : '\n')
          // A small line limit makes some lines overlong, in the detection head and after it.
          const report = await analyzeText(text, { logFormat: definition.name, maxLineBytes })
          for (const input of report.inputs) {
            expect(input.recognizedLines + input.notFtpLines + input.unrecognizedLines + input.skippedLines).toBe(input.lines)
            // A terminator ends a line; text after the last one is a line too. (A short text with
            // a NUL in it is refused as binary: then no line was read.)
            if (input.error !== null) {
              expect(input.error.message).toContain('binary data')
              continue
            }
            const terminators = text.split('\n').length - 1
            expect(input.lines).toBe(terminators + (text.length > 0 && !text.endsWith('\n') ? 1 : 0))
          }
        }),
        { numRuns: 60 },
      )
    })
  }
})
