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
    expect(viaFolder.inputs.map((i) => i.path)).toEqual([log])
    // (The folder walk does not follow the symlink yet; when it does, its notice joins this one.)
    expect(viaFolder.notices).toContain(`${log} was named twice; it was read once`)
    const viaLink = await analyzeInputs([join(dir, 'current.log'), log], { catalog })
    expect(viaLink.inputs.map((i) => i.path)).toEqual([join(dir, 'current.log')])
    expect(viaLink.notices).toEqual([`${log} is the same file as ${join(dir, 'current.log')}; it was read once`])
  })
})
