import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkOutputPath } from '../../src/cli/check-output-path.js'
import { run } from '../../src/cli/main.js'
import { nodeIO } from '../../src/cli/node-io.js'
import { resolveOutputTargets } from '../../src/cli/output-targets.js'
import { suggestCommand } from '../../src/cli/suggest-command.js'
import { fixture } from '../helpers/paths.js'
import { memoryIO } from '../helpers/memory-io.js'

const incidents = fixture('edge', 'vsftpd-incidents.log')
const tmp = mkdtempSync(join(tmpdir(), 'ftplog-io-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('no input is a usage error', () => {
  it('nothing named and an empty standard input (a CI job with an empty variable) exits 2, never PASS', async () => {
    const io = memoryIO({ stdin: '', stdinIsTTY: false })
    expect(await run(['analyze'], io)).toBe(2)
    expect(io.out()).toBe('')
    expect(io.err()).toMatch(/^ftplog: no input: nothing was given and standard input is empty/)
    expect(io.err().trimEnd().split('\n')).toHaveLength(1)
  })

  it('an explicit - with nothing on it is no input too', async () => {
    const io = memoryIO({ stdin: '', stdinIsTTY: false })
    expect(await run(['-', '--fail-on', 'none'], io)).toBe(2)
    expect(io.err()).toMatch(/^ftplog: no input: standard input \(-\) is empty/)
  })

  it('an empty file named explicitly stays a valid input (exit 0)', async () => {
    const io = memoryIO()
    expect(await run([fixture('edge', 'empty.log')], io)).toBe(0)
    expect(io.out()).toContain('PASS')
  })

  it('a log piped on standard input is analysed as before', async () => {
    const io = memoryIO({ stdin: readFileSync(incidents), stdinIsTTY: false })
    expect(await run(['--fail-on', 'none'], io)).toBe(0)
    expect(io.out()).toMatch(/1 input, 28 lines/)
  })

  it('- twice is a usage error', async () => {
    const io = memoryIO({ stdin: readFileSync(incidents), stdinIsTTY: false })
    expect(await run(['-', '-'], io)).toBe(2)
    expect(io.err()).toBe('ftplog: - (standard input) is named twice; it can be read only once\n')
  })
})

describe('an empty path or glob (an unset variable) is named, never read, written or waited for', () => {
  const EMPTY = 'empty path (an unset variable?)'

  it('an empty input path is an error for that input alone (exit 2); the others are analysed', async () => {
    const io = memoryIO()
    expect(await run(['analyze', '', incidents, '-f', 'json', '--fail-on', 'none'], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: "": ${EMPTY}\n`)
    const report = JSON.parse(io.out()) as { inputs: { path: string; lines: number; error: { message: string } | null }[] }
    expect(report.inputs.map((i) => [i.path, i.lines, i.error?.message ?? null])).toEqual([
      ['', 0, `"": ${EMPTY}`],
      [incidents, 28, null],
    ])
  })

  it.each([
    [['--include', ''], '--include: an empty glob (an unset variable?) matches no file; leave the option out instead'],
    [['--exclude', ''], '--exclude: an empty glob (an unset variable?) matches no file; leave the option out instead'],
    [['-o', ''], `cannot write "": ${EMPTY}`],
    [['--events', ''], `cannot write "": ${EMPTY}`],
    [['--config', ''], `--config "": ${EMPTY}`],
    [['--server-config', ''], `"": ${EMPTY}`],
  ])('analyze %j is a usage error in one line, before anything is read', async (flags, message) => {
    const io = { ...memoryIO(), checkOutputPath: (path: string) => checkOutputPath(path, tmp) }
    expect(await run(['analyze', incidents, ...flags], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: ${message}\n`)
    expect(io.out()).toBe('')
  })

  it('--follow "" exits 2 at once instead of waiting for a file named "" and passing when stopped', async () => {
    // Stopped after 3 s at the latest: following would then print a PASS report and exit 0.
    const io = memoryIO({ signal: AbortSignal.timeout(3000) })
    expect(await run(['analyze', '--follow', ''], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: "": ${EMPTY}\n`)
    expect(io.out()).toBe('')
  })

  it('merge "" and check-config "" name the empty path too', async () => {
    const merge = memoryIO()
    expect(await run(['merge', ''], merge)).toBe(2)
    expect(merge.err()).toBe(`ftplog: "": ${EMPTY}\n`)
    const check = memoryIO()
    expect(await run(['check-config', ''], check)).toBe(2)
    expect(check.out()).toMatch(new RegExp(`^"": ${EMPTY.replace(/[()?]/g, '\\$&')}$`, 'm'))
  })
})

describe('an output is never a log the run reads', () => {
  const log = readFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), 'utf8')
  /** A folder holding one real log, and the CLI's own file writing and output checks. */
  const setUp = (name: string) => {
    const dir = join(tmp, name)
    mkdirSync(dir)
    const path = join(dir, 'vsftpd.log')
    writeFileSync(path, log)
    const io = { ...memoryIO(), writeFile: nodeIO().writeFile, checkOutputPath: (p: string) => checkOutputPath(p, tmp) }
    return { dir, path, io }
  }

  it.each([
    ['-o', (path: string) => ['-o', path]],
    ['--events', (path: string) => ['--events', path]],
  ])('%s naming the input log is refused before anything is read; the log is left whole', async (_flag, flags) => {
    const { path, io } = setUp(`same-${_flag.replaceAll('-', '')}`)
    expect(await run(['analyze', path, ...flags(path), '--fail-on', 'none'], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: cannot write ${path}: it is the log ${path}, which this run reads; write the output elsewhere\n`)
    expect(io.out()).toBe('')
    expect(readFileSync(path, 'utf8')).toBe(log)
  })

  it('a report over a log found in an input folder is refused after reading; an old report there may be replaced', async () => {
    const { dir, path, io } = setUp('in-folder')
    expect(await run(['analyze', dir, '-f', `json:${path}`, '--fail-on', 'none'], io)).toBe(2)
    expect(io.err()).toContain(`ftplog: cannot write ${path}: it is the log ${path}, which this run reads`)
    expect(readFileSync(path, 'utf8')).toBe(log)
    const old = join(dir, 'report.json')
    writeFileSync(old, 'an old report\n')
    const again = { ...io, ...memoryIO(), writeFile: nodeIO().writeFile }
    expect(await run(['analyze', dir, '-f', `json:${old}`, '--fail-on', 'none'], again)).toBe(0)
    expect(JSON.parse(readFileSync(old, 'utf8'))).toMatchObject({ schemaVersion: 1 })
  })

  it('--events inside an input folder is refused: it would be read as a log while written', async () => {
    const { dir, io } = setUp('events-in-folder')
    const events = join(dir, 'events.ndjson')
    expect(await run(['analyze', dir, '--events', events], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: cannot write ${events}: it is in the input folder ${dir}, where it would be read as a log while it is written; write the events elsewhere\n`)
    expect(existsSync(events)).toBe(false)
  })
})

describe('output targets', () => {
  it('- is standard output for -o, -f name:- and /dev/stdout', () => {
    expect(resolveOutputTargets(['json'], '-')).toEqual([{ formatter: 'json', path: undefined }])
    expect(resolveOutputTargets(['json:-'], undefined)).toEqual([{ formatter: 'json', path: undefined }])
    expect(resolveOutputTargets(['json:/dev/stdout', 'text:r.txt'], undefined)).toEqual([
      { formatter: 'json', path: undefined },
      { formatter: 'text', path: 'r.txt' },
    ])
    expect(() => resolveOutputTargets(['json:-', 'text'], undefined)).toThrow(/only one formatter can write to stdout/)
  })

  it('-o - writes to standard output, not to a file named -', async () => {
    const io = memoryIO()
    expect(await run([incidents, '-f', 'json', '-o', '-', '--fail-on', 'none'], io)).toBe(0)
    expect(JSON.parse(io.out()).schemaVersion).toBe(1)
    expect(io.files.size).toBe(0)
  })

  it('two outputs to one file are a usage error, before anything is read', async () => {
    const io = memoryIO()
    expect(await run([incidents, '-f', 'json:out.json', '-f', 'ndjson:./out.json'], io)).toBe(2)
    expect(io.err()).toBe('ftplog: -f ndjson and -f json both write ./out.json; give each its own file\n')
    const events = memoryIO()
    expect(await run([incidents, '--events', '-'], events)).toBe(2)
    expect(events.err()).toContain('--events - and the text formatter both write to standard output')
  })

  it('an error line shows control characters in a path as escapes, never raw', async () => {
    const io = { ...memoryIO(), checkOutputPath: (p: string) => checkOutputPath(p, tmp) }
    expect(await run(['analyze', incidents, '-o', join(tmp, 'no\x1b[2Jdir', 'r.json')], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: cannot write ${join(tmp, 'no\\x1b[2Jdir', 'r.json')}: no such folder: ${join(tmp, 'no\\x1b[2Jdir')}\n`)
  })

  it('a missing or read-only output folder is refused before the analysis, in one line', async () => {
    const io = { ...memoryIO(), checkOutputPath: (p: string) => checkOutputPath(p, tmp) }
    // A missing input would print its own error line if the analysis had started.
    expect(await run([incidents, join(tmp, 'no-such.log'), '-o', join(tmp, 'missing', 'dir', 'x.json'), '-f', 'json'], io)).toBe(2)
    expect(io.err()).toBe(`ftplog: cannot write ${join(tmp, 'missing', 'dir', 'x.json')}: no such folder: ${join(tmp, 'missing', 'dir')}\n`)
    expect(io.out()).toBe('')
  })

  it('checkOutputPath says why a file cannot be written', async () => {
    mkdirSync(join(tmp, 'ro'))
    writeFileSync(join(tmp, 'file'), '')
    expect(await checkOutputPath('ok.json', tmp)).toBeUndefined()
    expect(await checkOutputPath('/dev/null', tmp)).toBeUndefined()
    expect(await checkOutputPath('missing/x.json', tmp)).toBe('no such folder: missing')
    expect(await checkOutputPath('file/x.json', tmp)).toBe('a path component is not a directory')
    expect(await checkOutputPath('ro', tmp)).toBe('is a directory')
    chmodSync(join(tmp, 'ro'), 0o500)
    // root may write anywhere; the check then passes, as the write would.
    const asRoot = process.getuid?.() === 0
    expect(await checkOutputPath('ro/x.json', tmp)).toBe(asRoot ? undefined : 'ro: permission denied')
  })

  it('a write that fails after the analysis is one line and exit 2, never an internal error', async () => {
    const io = { ...memoryIO(), writeFile: async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) }
    expect(await run([incidents, '-f', 'json:r.json', '--fail-on', 'none'], io)).toBe(2)
    expect(io.err()).toBe('ftplog: cannot write r.json: ENOSPC: no space left on device\n')
  })
})

describe('mistyped commands', () => {
  it('suggests the nearest command within edit distance 2', () => {
    const commands = ['analyze', 'merge', 'formats', 'schema', 'explain', 'compare', 'codes']
    expect(suggestCommand('explian', commands)).toBe('explain')
    expect(suggestCommand('anlyze', commands)).toBe('analyze')
    expect(suggestCommand('comprae', commands)).toBe('compare')
    expect(suggestCommand('xyzzy', commands)).toBeUndefined()
    expect(suggestCommand('explain', commands)).toBeUndefined()
    expect(suggestCommand('-f', commands)).toBeUndefined()
    expect(suggestCommand('codes.log', commands)).toBeUndefined()
  })

  it('ftplog explian 421 → did you mean "explain"?, exit 2', async () => {
    const io = memoryIO()
    expect(await run(['explian', '421'], io)).toBe(2)
    expect(io.err()).toBe('ftplog: unknown command "explian"; did you mean "explain"? (see ftplog --help)\n')
  })

  it('a word that is an existing path is read as a log, however close to a command', async () => {
    const dir = join(tmp, 'cwd')
    mkdirSync(dir)
    writeFileSync(join(dir, 'merge'), '')
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      expect(suggestCommand('merg', ['merge'])).toBe('merge')
      writeFileSync(join(dir, 'merg'), '')
      expect(suggestCommand('merg', ['merge'])).toBeUndefined()
    } finally {
      process.chdir(cwd)
    }
  })
})
