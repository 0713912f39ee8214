import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { fixture } from '../helpers/paths.js'
import { memoryIO } from '../helpers/memory-io.js'

const log = fixture('real', 'vsftpd', 'vsftpd.log')
const xferlog = fixture('real', 'vsftpd', 'xferlog')
const dir = mkdtempSync(join(tmpdir(), 'ftplog-same-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the same input once (CLI)', () => {
  it('analyze warns on stderr when a file is named twice, and counts it once', async () => {
    const io = memoryIO()
    expect(await run(['analyze', log, log, '--fail-on', 'none', '-f', 'json'], io)).toBe(0)
    expect(io.err()).toBe(`ftplog: warning: ${log} was named twice; it was read once\n`)
    const report = JSON.parse(io.out()) as { inputs: unknown[]; notices: string[] }
    expect(report.inputs).toHaveLength(1)
    expect(report.notices).toHaveLength(1)
  })

  it('merge warns when two reports cover the same input', async () => {
    const a = join(dir, 'a.json')
    const b = join(dir, 'b.json')
    const io = memoryIO()
    const { writeFile } = await import('node:fs/promises')
    // memoryIO keeps written files in memory: put them on disk for `merge` to read.
    expect(await run(['analyze', log, '--fail-on', 'none', '-f', `json:${a}`], io)).toBe(0)
    await writeFile(a, io.files.get(a)!)
    const io2 = memoryIO()
    expect(await run(['analyze', log, xferlog, '--fail-on', 'none', '-f', `json:${b}`], io2)).toBe(0)
    await writeFile(b, io2.files.get(b)!)
    const merged = memoryIO()
    expect(await run(['merge', a, b, '--fail-on', 'none', '-f', 'json'], merged)).toBe(0)
    expect(merged.err()).toBe(`ftplog: warning: ${log} is in both ${a} and ${b} (same path, bytes and lines): its counts are added twice\n`)
    const same = memoryIO()
    await run(['merge', a, a, '--fail-on', 'none'], same)
    expect(same.err()).toContain(`is in ${a} twice`)
  })

  it('--no-pairing counts a dual log twice', async () => {
    const paired = memoryIO()
    await run(['analyze', log, xferlog, '--fail-on', 'none', '-f', 'json'], paired)
    const apart = memoryIO()
    await run(['analyze', log, xferlog, '--fail-on', 'none', '-f', 'json', '--no-pairing'], apart)
    const completed = (io: ReturnType<typeof memoryIO>): number => (JSON.parse(io.out()) as { transfers: { completed: number } }).transfers.completed
    expect(completed(paired)).toBe(2)
    expect(completed(apart)).toBe(4)
  })

  it('a symlink found in a folder to a file also named is read once, listed as skipped, and noted in the text report', async () => {
    const logs = join(dir, 'logs')
    mkdirSync(logs)
    copyFileSync(log, join(logs, 'vsftpd.log'))
    copyFileSync(xferlog, join(logs, 'xferlog'))
    copyFileSync(fixture('real', 'vsftpd', 'vsftpd.conf'), join(logs, 'vsftpd.conf'))
    const named = join(dir, 'named.log')
    copyFileSync(log, named)
    symlinkSync(named, join(logs, 'current.log'))
    const notice = `${join(logs, 'current.log')} is the same file as ${named}; it was read once`
    const json = memoryIO()
    expect(await run(['analyze', named, logs, '--fail-on', 'none', '-f', 'json', '--no-progress'], json)).toBe(0)
    // named.log and logs/vsftpd.log are two copies of one log: one is read as the other's mirror
    // (test/analyze/mirror-logs.test.ts), which is noted too and is not what this case checks.
    const together = (n: string): boolean => n.includes('holds the same lines as')
    expect(json.err().split('\n').filter((l) => l !== '' && !together(l))).toEqual([`ftplog: warning: ${notice}`])
    const report = JSON.parse(json.out()) as { inputs: { path: string; status: string; skipReason: string | null }[]; notices: string[] }
    expect(report.inputs.find((i) => i.path === join(logs, 'current.log'))).toMatchObject({ status: 'skipped', skipReason: `same file as ${named}` })
    expect(report.notices.filter((n) => !together(n))).toEqual([notice])
    const text = memoryIO()
    expect(await run(['analyze', named, logs, '--fail-on', 'none', '--no-color', '--no-progress'], text)).toBe(0)
    const unwrapped = text.out().replace(/\n +/g, ' ')
    expect(unwrapped).toContain(`note: ${notice}`)
    // The skipped-files line counts the configuration file only: the symlink's file was read.
    expect(unwrapped).toContain('1 file skipped (not FTP logs): 1× server configuration')
  })
})
