// Runs ftplog (in-process, the CLI's run()) over a log the lab just wrote and compares what it
// reports with what the scenarios provoked: incidents by cause as in fixtures/real/ftplog.expect.json
// (the same scenarios, recorded once and reviewed), the 421/426 counts grep finds in this run's
// file, and transfer totals against what the clients themselves received.
import { readFileSync } from 'node:fs'
import { run } from '../../../src/cli/main'
import { memoryIO } from '../../helpers/memory-io'
import type { Report } from '../../../src/report/report-schema'
import type { LabRun } from './run-lab'

/** One case of fixtures/real/ftplog.expect.json. */
export interface FtplogCase {
  readonly path: string
  readonly template?: string
  readonly logFormat: string
  readonly incidents: Readonly<Record<string, number>>
  readonly transfers?: Readonly<Record<string, number>>
}

/** Analyses `path` like `ftplog analyze PATH -f json --fail-on none` and returns the report. */
export async function ftplogReport(path: string, template?: string, extra: readonly string[] = []): Promise<Report> {
  const io = memoryIO()
  const code = await run([path, '-f', 'json', '--fail-on', 'none', ...(template ? ['--template', template] : []), ...extra], io)
  if (code !== 0) throw new Error(`ftplog exited ${code} on ${path}: ${io.err()}`)
  return JSON.parse(io.out()) as Report
}

/** Counts lines of a file that carry reply `code` as the log format writes it. */
function countCode(text: string, code: number): number {
  const re = new RegExp(`(["\\] ]|^|async: )${code}[ -]`)
  return text.split('\n').filter((l) => re.test(l) && !/Command \[/.test(l)).length
}

/**
 * Compares ftplog's report on one log file of `labRun` with the recorded expectation.
 * @returns the problems found, empty when ftplog reported what the scenarios provoked.
 */
export async function checkWithFtplog(
  labRun: LabRun,
  file: string,
  expected: FtplogCase,
  clientTransfers: { completed: number; bytes: number } | undefined,
  transferKeys: readonly ('completed' | 'incomplete' | 'failedToStart' | 'bytesIn' | 'bytesOut')[] = ['completed', 'incomplete', 'failedToStart', 'bytesIn', 'bytesOut'],
): Promise<string[]> {
  const path = labRun.logs[file]
  if (path === undefined) return [`${labRun.runId}: no ${file}`]
  const r = await ftplogReport(path, expected.template)
  const problems: string[] = []
  const where = `${labRun.server}/${labRun.runId}/${file}`
  const input = r.inputs[0]!
  if (input.logFormat !== expected.logFormat) problems.push(`${where}: log format ${input.logFormat}, expected ${expected.logFormat}`)
  if (input.lines !== input.recognizedLines + input.notFtpLines + input.unrecognizedLines + input.skippedLines) problems.push(`${where}: line accounting does not add up`)
  const byCause: Record<string, number> = {}
  for (const i of r.incidents) byCause[i.cause] = (byCause[i.cause] ?? 0) + i.events
  const want = JSON.stringify(Object.fromEntries(Object.entries(expected.incidents).sort()))
  const got = JSON.stringify(Object.fromEntries(Object.entries(byCause).sort()))
  if (want !== got) problems.push(`${where}: incidents by cause ${got}, expected ${want}`)
  // Client aborts must never be counted as data-connection losses (and vice versa).
  const text = readFileSync(path, 'utf8')
  for (const code of [421, 426]) {
    const lines = countCode(text, code)
    const replies = r.totals.replies[String(code)] ?? 0
    if (expected.incidents && replies !== lines && !/xferlog|clf|stats|w3c/.test(file)) problems.push(`${where}: ${replies} replies ${code}, the file has ${lines} lines with it`)
  }
  if (expected.transfers) {
    for (const k of transferKeys) {
      const e = expected.transfers[k]
      if (e !== undefined && r.transfers[k] !== e) problems.push(`${where}: transfers.${k} ${r.transfers[k]}, expected ${e}`)
    }
  }
  if (clientTransfers) {
    if (r.transfers.completed !== clientTransfers.completed) problems.push(`${where}: ${r.transfers.completed} completed transfers, the clients completed ${clientTransfers.completed}`)
    if (r.transfers.bytesIn + r.transfers.bytesOut !== clientTransfers.bytes) problems.push(`${where}: ${r.transfers.bytesIn + r.transfers.bytesOut} bytes in completed transfers, the clients moved ${clientTransfers.bytes}`)
  }
  return problems
}
