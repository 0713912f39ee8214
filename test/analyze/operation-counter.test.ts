import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyzeText } from '../helpers/analyze-text.js'
import { fixture } from '../helpers/paths.js'

// pyftpdlib 1.5.7 (fixtures/real/pyftpdlib, recorded by scripts/pyftpdlib/record.sh): the same
// scenarios logged at DEBUG and at INFO. At INFO a delete is the record `DELE /abs/path 250`
// (FTPHandler.log_cmd); at DEBUG log_cmd writes nothing (`if not self._log_debug`), so the delete is
// only `<- DELE upload.bin` and `-> 250 File removed.`. A RETR refused with 550 writes no
// `completed=` record at any level; at DEBUG its `-> 550` is there.
const real = (name: string): string => readFileSync(fixture('real', 'pyftpdlib', name), 'utf8')
const observed = JSON.parse(real('client-observed.json')) as Record<string, { scenario: string; replies: string[] }[]>
/** The 250 replies to DELE and the 550s refusing a RETR that the clients of that run received. */
const clientSaw = (log: string): { deletes: number; refused: number } => {
  const replies = (scenario: string): string[] => observed[log]!.find((s) => s.scenario === scenario)!.replies
  return {
    deletes: replies('upload').filter((r) => r.startsWith('250 File removed')).length,
    refused: replies('missing-file').filter((r) => r.startsWith('550 ')).length,
  }
}

describe('pyftpdlib: deletes and refused transfers counted once, at DEBUG and at INFO', () => {
  for (const log of ['debug.log', 'debug-noprefix.log']) {
    it(`${log}: the 250 to DELE is a delete and the 550 to RETR a transfer that failed to start`, async () => {
      const want = clientSaw(log)
      expect(want).toEqual({ deletes: 1, refused: 1 })
      expect(real(log)).not.toMatch(/ DELE \/.* 250$/m)
      const r = await analyzeText(real(log))
      expect(r.inputs[0]!.logFormat).toBe('pyftpdlib')
      expect(r.transfers).toMatchObject({ deletes: want.deletes, failedToStart: want.refused, completed: 2, incomplete: 3 })
      expect(r.fileOps).toEqual({ ok: want.deletes, failed: 0 })
      // The refusal is no incident (a missing file is not a broken transfer).
      expect(r.incidents.filter((i) => i.codes['550'] !== undefined)).toEqual([])
    })
  }

  it('info.log: the DELE record is the delete; the refused RETR left no line to count', async () => {
    const r = await analyzeText(real('info.log'))
    expect(r.transfers).toMatchObject({ deletes: clientSaw('info.log').deletes, failedToStart: 0, completed: 2, incomplete: 3 })
    expect(r.fileOps).toEqual({ ok: 1, failed: 0 })
  })

  // A program that logs log_cmd's records at DEBUG too (the docstring invites overriding it): the
  // INFO record of info.log's delete, put into debug.log's session after the reply (where
  // process_command writes it) or before it; either way one delete.
  const debug = real('debug.log')
  const reply = /^(\[D [^\]]+\] )(127\.0\.0\.13:\d+)-\[ftplab\] -> 250 File removed\.$/m
  const record = (peer: string): string => `[I 2026-12-01 12:28:46] ${peer}-[ftplab] DELE /tmp/pyftpdlib-lab.FDwKqD/srv/upload.bin 250`
  for (const where of ['after', 'before'] as const) {
    it(`debug.log with the DELE record ${where} its 250: one delete`, async () => {
      const m = reply.exec(debug)!
      const both = debug.replace(reply, where === 'after' ? `${m[0]}\n${record(m[2]!)}` : `${record(m[2]!)}\n${m[0]}`)
      expect(both.split('\n').length).toBe(debug.split('\n').length + 1)
      const r = await analyzeText(both)
      expect(r.transfers).toMatchObject({ deletes: 1, failedToStart: 1 })
      expect(r.fileOps).toEqual({ ok: 1, failed: 0 })
    })
  }

  it('a completed=0 record right after the refusal it was counted from is the same transfer, counted once', async () => {
    const refusal = /^(\[D [^\]]+\] )(127\.0\.0\.14:\d+)-\[ftplab\] -> 550 No such file or directory\.$/m
    const m = refusal.exec(debug)!
    const r = await analyzeText(debug.replace(refusal, `${m[0]}\n[I 2026-12-01 12:28:46] ${m[2]}-[ftplab] RETR /srv/no-such-file.bin completed=0 bytes=0 seconds=0.0`))
    expect(r.transfers).toMatchObject({ failedToStart: 1, incomplete: 3 })
  })
})
