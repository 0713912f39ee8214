import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverConfigMatcher } from '../../src/catalog/server-config-files.js'
import { InvalidSettingError } from '../../src/errors.js'
import { resolveInputs, type WalkFs } from '../../src/io/resolve-inputs.js'
import { fixture } from '../helpers/paths.js'

let root: string
const serverConfig = serverConfigMatcher()

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ftplog-walk-'))
  const tree = join(root, 'log')
  mkdirSync(join(tree, 'vsftpd', 'old'), { recursive: true })
  mkdirSync(join(tree, 'empty-dir'))
  mkdirSync(join(tree, '.hidden'))
  copyFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), join(tree, 'vsftpd', 'vsftpd.log'))
  copyFileSync(fixture('real', 'vsftpd', 'vsftpd.conf'), join(tree, 'vsftpd', 'vsftpd.conf'))
  writeFileSync(join(tree, 'vsftpd', 'old', 'vsftpd.log.1'), '')
  writeFileSync(join(tree, 'syslog'), 'Jan  1 00:00:00 host kernel: hello\n')
  writeFileSync(join(tree, '.hidden', 'x.log'), 'x\n')
  symlinkSync(join(tree, 'vsftpd', 'vsftpd.log'), join(tree, 'current.log'))
  symlinkSync(join(root, 'nowhere'), join(tree, 'dangling.log'))
  symlinkSync(tree, join(tree, 'vsftpd', 'loop'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const names = (paths: readonly { path: string }[]) => paths.map((p) => p.path.slice(root.length + 1))

describe('resolveInputs', () => {
  it('walks folders recursively, follows links to files, walks a link loop once, leaves out dot-files', async () => {
    const r = await resolveInputs([join(root, 'log')], { serverConfig })
    expect(names(r.inputs)).toEqual(['log/current.log', 'log/syslog', 'log/vsftpd/old/vsftpd.log.1', 'log/vsftpd/vsftpd.log'])
    expect(r.inputs.every((i) => i.origin === 'folder')).toBe(true)
    expect(r.skipped.map((s) => [s.path.slice(root.length + 1), s.reason])).toEqual([
      ['log/dangling.log', 'broken symbolic link'],
      ['log/vsftpd/vsftpd.conf', 'server configuration (vsftpd)'],
    ])
    expect(r.errors).toEqual([])
    expect(r.folders).toHaveLength(1)
    expect(r.folders[0]!.files).toHaveLength(6)
  })

  it('an unreadable subfolder is an error for that path alone; the rest is still listed', async () => {
    const locked = join(root, 'log', 'vsftpd', 'old')
    const fs: WalkFs = {
      stat: (p) => nodeFs.stat(p),
      realpath: (p) => nodeFs.realpath(p),
      readdir: (p, o) => (p === locked ? Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) : nodeFs.readdir(p, o)),
    }
    const r = await resolveInputs([join(root, 'log')], { serverConfig }, fs)
    expect(r.errors.map((e) => e.message)).toEqual([`${locked}: permission denied`])
    expect(names(r.inputs)).toEqual(['log/current.log', 'log/syslog', 'log/vsftpd/vsftpd.log'])
  })

  it('--include and --exclude pick files found in folders by relative path or base name; exclusion wins', async () => {
    const only = await resolveInputs([join(root, 'log')], { include: ['*.log*'], serverConfig })
    expect(names(only.inputs)).toEqual(['log/current.log', 'log/vsftpd/old/vsftpd.log.1', 'log/vsftpd/vsftpd.log'])
    expect(only.skipped.filter((s) => s.reason === 'not matched by an include pattern').map((s) => s.path.slice(root.length + 1))).toEqual([
      'log/syslog',
      'log/vsftpd/vsftpd.conf',
    ])
    const some = await resolveInputs([join(root, 'log')], { include: ['*.log*'], exclude: ['vsftpd/old/**'], serverConfig })
    expect(names(some.inputs)).toEqual(['log/current.log', 'log/vsftpd/vsftpd.log'])
  })

  it('files named on the command line are always read, patterns or not; missing paths are errors', async () => {
    const syslog = join(root, 'log', 'syslog')
    const r = await resolveInputs([syslog, '-', join(root, 'missing.log')], { include: ['*.gz'] })
    expect(r.inputs.map((i) => [i.path, i.origin])).toEqual([
      [syslog, 'argument'],
      ['-', 'argument'],
    ])
    expect(r.errors.map((e) => e.message)).toEqual([`${join(root, 'missing.log')}: no such file or directory`])
  })

  it('a server configuration named on the command line is skipped too, not read as a log', async () => {
    const conf = join(root, 'log', 'vsftpd', 'vsftpd.conf')
    const r = await resolveInputs([conf], { serverConfig })
    expect(r.inputs).toEqual([])
    expect(r.skipped).toEqual([{ path: conf, size: expect.any(Number), reason: 'server configuration (vsftpd)' }])
  })

  it('a folder with no files is an error naming it', async () => {
    const r = await resolveInputs([join(root, 'log', 'empty-dir')])
    expect(r.errors.map((e) => e.message)).toEqual([`${join(root, 'log', 'empty-dir')}: folder holds no files`])
  })

  it('an empty path (an unset variable) is an error of its own, shown as "", and the rest is still listed', async () => {
    const syslog = join(root, 'log', 'syslog')
    const r = await resolveInputs(['', syslog])
    expect(r.inputs.map((i) => i.path)).toEqual([syslog])
    expect(r.errors.map((e) => [e.path, e.message])).toEqual([['', '"": empty path (an unset variable?)']])
  })

  it('a missing path with glob characters is one a shell passed unmatched, and says so', async () => {
    const r = await resolveInputs([join(root, 'vsftpd*.log'), join(root, 'missing.log')])
    expect(r.errors.map((e) => e.message)).toEqual([
      `${join(root, 'vsftpd*.log')}: no such file or directory (a shell glob that matched nothing?)`,
      `${join(root, 'missing.log')}: no such file or directory`,
    ])
  })

  it('the root folder is an error for that path (never walked); /proc, /sys and /dev reached by a link are skipped', async () => {
    const dir = join(root, 'pseudo')
    mkdirSync(dir)
    symlinkSync('/proc', join(dir, 'proc'))
    copyFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), join(dir, 'vsftpd.log'))
    const looked: string[] = []
    const fs: WalkFs = { ...nodeFs, readdir: ((p: string, o: { withFileTypes: true }) => (looked.push(p), nodeFs.readdir(p, o))) as WalkFs['readdir'] } as WalkFs
    const r = await resolveInputs(['/', '//', dir], {}, fs)
    expect(r.errors.map((e) => e.path)).toEqual(['/', '//'])
    expect(r.errors[0]!.message).toMatch(/^\/: is the root of the file system, which ftplog does not walk/)
    expect(r.inputs.map((i) => i.path)).toEqual([join(dir, 'vsftpd.log')])
    expect(r.skipped).toEqual([{ path: join(dir, 'proc'), size: undefined, reason: 'kernel pseudo-filesystem (/proc), not logs' }])
    expect(looked).toEqual([dir])
  })

  it('stops between folders when its signal aborts', async () => {
    const controller = new AbortController()
    const fs: WalkFs = { ...nodeFs, readdir: ((p: string, o: { withFileTypes: true }) => (controller.abort(), nodeFs.readdir(p, o))) as WalkFs['readdir'] } as WalkFs
    await expect(resolveInputs([join(root, 'log')], { signal: controller.signal }, fs)).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('an empty glob is refused before any path is looked at, naming the option', async () => {
    const looked: string[] = []
    const fs: WalkFs = { ...nodeFs, stat: (p) => (looked.push(p), nodeFs.stat(p)) } as WalkFs
    for (const setting of ['include', 'exclude'] as const) {
      const error = await resolveInputs([root], { [setting]: ['*.log', ''] }, fs).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidSettingError)
      expect(error).toMatchObject({ setting, value: '', message: expect.stringMatching(/^an empty glob \(an unset variable\?\) matches no file/) })
    }
    expect(looked).toEqual([])
  })
})
