import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { analyzeSource } from '../../src/analyze/analyze-input.js'
import { resolveAnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { logFormatFromTemplate, TEMPLATE_LOG_FORMAT } from '../../src/log-formats/proftpd-template.js'

// ProFTPD writes %J byte for byte: Python ftplib's ABOR sent as urgent data reaches it as
// `ABOR\n` + `QUIT` (fixtures/real/proftpd/extended-rich.log), one record on two lines.
const RICH = '%{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b'
const registry = createLogFormatRegistry([logFormatFromTemplate(RICH)])
const catalog = createCatalog()
const run = (lines: readonly string[], logFormat = TEMPLATE_LOG_FORMAT) =>
  analyzeSource(
    { path: 'extended.log', mtimeMs: 0 } as never,
    Readable.from([Buffer.from(`${lines.join('\n')}\n`)]),
    resolveAnalysisSettings({ logFormats: registry, catalog, logFormat, timeZone: 'UTC', maxLineBytes: 1 << 20, incidentGapMs: 300_000 }),
    { now: 0 },
  )
const RETR = '2026-11-22 03:04:21,824 127.0.0.25 ftplab RETR "big.bin" 426 "Transfer aborted. Data connection closed." cancelled "aborted" "" 2654208'
const ABOR = ['2026-11-22 03:04:23,349 127.0.0.25 ftplab ABOR "', 'QUIT" 500 "\'ABOR QUIT\' not understood" failed "-" "" -']
const EXIT = '2026-11-22 03:04:23,350 127.0.0.25 ftplab EXIT "" - "-" - "-" "Read EOF from client" -'

describe('a record split by a line feed in a value (splitRecords)', () => {
  it('reads the two lines as one record, both recognised', async () => {
    const s = await run([RETR, ...ABOR, EXIT])
    const input = s.inputs[0]!
    expect(input).toMatchObject({ lines: 4, recognizedLines: 4, unrecognizedLines: 0 })
    expect({ ...s.replies }).toEqual({ '426': 1, '500': 1 })
  })

  it('joins up to four lines (a value with three line feeds)', async () => {
    const s = await run([RETR, '2026-11-22 03:04:23,349 127.0.0.25 ftplab STOR "a', 'b', 'c', 'd" 550 "a b c d: Permission denied" failed "-" "" -', EXIT])
    expect(s.inputs[0]).toMatchObject({ lines: 6, recognizedLines: 6, unrecognizedLines: 0 })
    expect({ ...s.replies }).toEqual({ '426': 1, '550': 1 })
  })

  it('leaves lines that form no record unrecognised, in order, and reads the record after them', async () => {
    const s = await run(['junk 1', 'junk 2', 'junk 3', 'junk 4', 'junk 5', ...ABOR, EXIT])
    const input = s.inputs[0]!
    expect(input).toMatchObject({ lines: 8, recognizedLines: 3, unrecognizedLines: 5 })
    expect(input.unrecognizedSamples.map((x) => x.line)).toEqual([1, 2, 3, 4, 5])
    expect({ ...s.replies }).toEqual({ '500': 1 })
  })

  it('counts a first piece whose record never closes as unrecognised (at the end of the input, too)', async () => {
    const s = await run([ABOR[0]!, RETR, ABOR[0]!])
    expect(s.inputs[0]).toMatchObject({ lines: 3, recognizedLines: 1, unrecognizedLines: 2 })
    expect(s.inputs[0]!.unrecognizedSamples.map((x) => x.line)).toEqual([1, 3])
  })

  it('joins nothing for a log format without splitRecords', async () => {
    const plain = createLogFormatRegistry([{ ...logFormatFromTemplate(RICH), splitRecords: false }])
    const s = await analyzeSource(
      { path: 'extended.log', mtimeMs: 0 } as never,
      Readable.from([Buffer.from(`${[RETR, ...ABOR, EXIT].join('\n')}\n`)]),
      resolveAnalysisSettings({ logFormats: plain, catalog, logFormat: TEMPLATE_LOG_FORMAT, timeZone: 'UTC', maxLineBytes: 1 << 20, incidentGapMs: 300_000 }),
      { now: 0 },
    )
    expect(s.inputs[0]).toMatchObject({ lines: 4, recognizedLines: 2, unrecognizedLines: 2 })
  })
})
