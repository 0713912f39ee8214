import { mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { fixture } from '../helpers/paths.js'

const catalog = createCatalog()
const dir = mkdtempSync(join(tmpdir(), 'ftplog-same-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const log = join(dir, 'vsftpd.log')
copyFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), log)
symlinkSync(log, join(dir, 'current.log'))

describe('inputs that resolve to the same file are read once', () => {
  it('the same path twice: one input, the counts of one, a notice', async () => {
    const once = await analyzeInputs([log], { catalog })
    const twice = await analyzeInputs([log, log], { catalog })
    expect(twice.inputs.map((i) => i.path)).toEqual([log])
    expect(twice.transfers).toEqual(once.transfers)
    expect(twice.sessions).toEqual(once.sessions)
    expect(twice.notices).toEqual([`${log} was named twice; it was read once`])
    expect(once.notices).toEqual([])
  })

  it('a file and its folder, or a symlink to it (same device and inode): read once, the notice names both', async () => {
    const viaFolder = await analyzeInputs([log, dir], { catalog })
    // The folder walk finds the file again, and the symlink to it: each is read once, the
    // symlink listed as skipped with the path that was read.
    expect(viaFolder.inputs.map((i) => [i.path, i.skipReason]).sort()).toEqual([
      [join(dir, 'current.log'), `same file as ${log}`],
      [log, null],
    ])
    expect(viaFolder.notices).toEqual([
      `${join(dir, 'current.log')} is the same file as ${log}; it was read once`,
      `${log} was named and found again in a folder; it was read once`,
    ])
    expect(viaFolder.transfers).toEqual((await analyzeInputs([log], { catalog })).transfers)
    const viaLink = await analyzeInputs([join(dir, 'current.log'), log], { catalog })
    expect(viaLink.inputs.map((i) => [i.path, i.skipReason]).sort()).toEqual([
      [join(dir, 'current.log'), null],
      [log, `same file as ${join(dir, 'current.log')}`],
    ])
    expect(viaLink.notices).toEqual([`${log} is the same file as ${join(dir, 'current.log')}; it was read once`])
  })
})
