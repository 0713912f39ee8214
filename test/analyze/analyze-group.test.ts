import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { fixture } from '../helpers/paths.js'

const dir = mkdtempSync(join(tmpdir(), 'ftplog-group-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a group of paired logs', () => {
  it('reads a dozen members at once under one signal without Node warning of a listener leak', async () => {
    // The lab's real xferlog and 11 vsftpd logs of its run (pids changed, so that none is another's
    // mirror): the xferlog pairs with each, and all 12 are read side by side.
    copyFileSync(fixture('real', 'vsftpd', 'xferlog'), join(dir, 'xferlog'))
    const log = readFileSync(fixture('real', 'vsftpd', 'vsftpd.log'), 'utf8')
    const paths = [join(dir, 'xferlog')]
    for (let k = 0; k < 11; k++) {
      const path = join(dir, `vsftpd-${k}.log`)
      writeFileSync(path, log.replaceAll('[pid ', `[pid ${k + 1}`))
      paths.push(path)
    }
    const warnings: Error[] = []
    const onWarning = (w: Error): void => {
      warnings.push(w)
    }
    process.on('warning', onWarning)
    try {
      const state = await analyzeInputs(paths, { catalog: createCatalog() }, { signal: new AbortController().signal })
      // Let a warning emitted on the last tick arrive.
      await new Promise((resolve) => setImmediate(resolve))
      expect(state.inputs.map((i) => [i.error, i.recognizedLines > 0])).toEqual(paths.map(() => [null, true]))
      expect(state.inputs.find((i) => i.path === paths[0])!.pairedWith.length).toBeGreaterThan(0)
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning')
  })
})
