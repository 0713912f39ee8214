import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { reportSchema } from '../../src/report/report-schema.js'
import { memoryIO } from '../helpers/memory-io.js'
import { fixture } from '../helpers/paths.js'

const LOG = readFileSync(fixture('edge', 'vsftpd-incidents.log'), 'utf8').split('\n').filter((l) => l.length > 0)
const part = (from: number, to: number): string => `${LOG.slice(from - 1, to).join('\n')}\n`

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ftplog-follow-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('ftplog analyze --follow', () => {
  it('follows a log through rotation by rename and by truncation, printing incidents live and the report on interrupt', async () => {
    const path = join(dir, 'vsftpd.log')
    const controller = new AbortController()
    const io = memoryIO({ signal: controller.signal })
    const done = run(['analyze', '--follow', path, '--poll-interval', '20ms', '-f', 'json:report.json'], io)
    const liveLines = (): string[] => io.out().split('\n').filter((l) => l.length > 0)

    await waitFor('the missing-file notice', () => io.err().includes('does not exist (yet)'))
    writeFileSync(path, part(1, 12))
    // Events surface when their session ends (here with the 221 of line 21).
    appendFileSync(path, part(13, 21))
    await waitFor('the 426 incident to open', () => io.out().includes('OPEN  2024-01-15T10:02:45.000Z error data-connection-lost'))

    // Rotation by rename: the old file is finished, the new one read from its start. The line
    // left unterminated in the old file stays a line of its own.
    appendFileSync(path, LOG[21]!)
    renameSync(path, `${path}.1`)
    writeFileSync(path, part(23, 25))
    await waitFor('the rotation', () => io.err().includes('rotated; following the new file'))
    await waitFor('the 421 incident to open', () => io.out().includes('OPEN  2024-01-15T10:05:00.000Z error capacity'))

    // Truncation (copytruncate): reading starts again at 0. A hostile client name shows escaped.
    writeFileSync(path, '')
    await waitFor('the truncation', () => io.err().includes('truncated; reading from its start'))
    appendFileSync(path, part(26, 27))
    appendFileSync(path, 'Mon Jan 15 10:11:00 2024 [pid 3000] FTP response: Client "203.0.113.5\u001b[2J evil", "421 Timeout."\n')
    await waitFor('the login timeout to open', () => io.out().includes('login-timeout'))
    await waitFor('the 426 incident to close', () => io.out().includes('CLOSE 2024-01-15T10:02:45.000Z error data-connection-lost'))

    controller.abort()
    // The report comes by the usual rules: error-level incidents, so exit 1 (not 130).
    expect(await done).toBe(1)
    const report = reportSchema.parse(JSON.parse(io.files.get('report.json')!))
    expect(report.incidents.map((i) => i.cause)).toEqual(['data-connection-lost', 'capacity', 'login-timeout'])
    const input = report.inputs[0]!
    expect(input.lines).toBe(28)
    expect(input.recognizedLines + input.notFtpLines + input.unrecognizedLines + input.skippedLines).toBe(input.lines)
    // One line per change, nothing else on stdout; the hostile name cannot reach the terminal.
    for (const line of liveLines()) expect(line).toMatch(/^(OPEN |CLOSE) \S+ (error|warning|notice) \S+ \S+ \S+( \S+)*/)
    expect(io.out()).not.toContain('\u001b')
    expect(io.out()).toContain('client=203.0.113.5\\x1b[2J_evil')
    expect(liveLines().filter((l) => l.startsWith('OPEN'))).toHaveLength(3)
  })

  it('prints the text report when interrupted, and exits 0 without incidents', async () => {
    const path = join(dir, 'xferlog')
    writeFileSync(path, readFileSync(fixture('edge', 'clean-xferlog.log')))
    const controller = new AbortController()
    const io = memoryIO({ signal: controller.signal })
    const done = run(['analyze', '--follow', path, '--poll-interval', '20ms'], io)
    await new Promise((r) => setTimeout(r, 100))
    controller.abort()
    expect(await done).toBe(0)
    expect(io.out()).toContain('PASS')
  })

  it('refuses other inputs beside --follow', async () => {
    const io = memoryIO()
    expect(await run(['analyze', '--follow', join(dir, 'a.log'), 'b.log'], io)).toBe(2)
    expect(io.err()).toContain('--follow takes one log')
  })
})
