import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { analyze } from '../helpers/corpus.js'
import { describeNeeding } from '../helpers/needs.js'
import { corpus } from '../helpers/paths.js'

// vsftpd writes file operations as `[user] OK DELETE: Client "ip", "/path"` (and MKDIR, RMDIR,
// RENAME, CHMOD) when it logs in its own format; they count like xferlog's `d` records.
describeNeeding('corpus', 'file operations in real vsftpd logs', () => {
  it('counts every OK DELETE line of a real vsftpd.log as a delete, and every OK/FAIL line as a file operation', async () => {
    const path = corpus('vsftpd-protocol', 'qbox-vsftpd.log')
    const text = readFileSync(path, 'utf8')
    const count = (re: RegExp): number => text.split('\n').filter((l) => re.test(l)).length
    const state = await analyze([path])
    expect(count(/\] OK DELETE: /)).toBe(12)
    expect(state.transfers.deletes).toBe(count(/\] OK DELETE: /))
    expect(state.fileOps.ok).toBe(count(/\] OK (?:MKDIR|RMDIR|DELETE|RENAME|CHMOD): /))
    expect(state.fileOps.failed).toBe(count(/\] FAIL (?:MKDIR|RMDIR|DELETE|RENAME|CHMOD): /))
  })
})
