import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import type { AnalysisState } from '../../src/analyze/state.js'
import { analyze, corpusFiles } from '../helpers/corpus.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

// Windows servers' logs as Windows tools save them: Notepad saves UTF-8 with a byte-order mark
// (or UTF-16LE as "Unicode"), PowerShell 5 redirects to UTF-16LE with a mark. Each copy must be
// read as the original: same log format, lines and replies.
const FOLDERS = ['iis-ftp', 'filezilla-server']
const ENCODINGS = {
  'utf-8 with a byte-order mark': (text: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]),
  'utf-16le with a byte-order mark': (text: Buffer) => Buffer.from(`\ufeff${text.toString('utf8')}`, 'utf16le'),
  'utf-16be with a byte-order mark': (text: Buffer) => Buffer.from(`\ufeff${text.toString('utf8')}`, 'utf16le').swap16(),
}

const facts = (state: AnalysisState) => ({
  inputs: state.inputs.map((i) => ({ format: i.logFormat, lines: i.lines, recognized: i.recognizedLines, unrecognized: i.unrecognizedLines, error: i.error })),
  replies: state.replies,
  incidents: state.incidents.length,
})

describeNeeding('corpus', 'corpus logs of Windows servers saved with a byte-order mark or as UTF-16', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ftplog-bom-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  for (const folder of FOLDERS) {
    for (const [name, encode] of Object.entries(ENCODINGS)) {
      it(`${folder}, ${name}: read as the original`, async () => {
        const files = corpusFiles(folder)
        const originals = files.map((f) => corpus(folder, f))
        const copies = files.map((f, i) => {
          const path = join(dir, `${folder}-${name.replaceAll(' ', '-')}-${f}`)
          writeFileSync(path, encode(readFileSync(originals[i]!)))
          return path
        })
        const want = facts(await analyze(originals))
        expect(want.inputs.every((i) => i.format !== null && i.recognized > 0)).toBe(true)
        expect(facts(await analyze(copies))).toEqual(want)
      })
    }
  }
})
