import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { analyze, corpusFiles } from '../helpers/corpus.js'
import { describeNeeding } from '../helpers/needs.js'
import { corpus } from '../helpers/paths.js'

// A failed login is a 530 that answers USER, PASS or ACCT. In these transcripts every command is
// answered before the next one is sent, so the command a 530 answers is the one just before it;
// counted here by hand from the lines, it must equal what ftplog counts (it pairs a reply with the
// oldest unanswered command, which matters only when a client pipelines).
const DIALECTS: Record<string, { command: RegExp; reply: RegExp }> = {
  lftp: { command: /^---> (\S+)/, reply: /^<--- (\d{3}) / },
  'curl-verbose': { command: /^> (\S+)/, reply: /^< (\d{3}) / },
  'curl-transcripts': { command: /^C: (\S+)/, reply: /^S: (\d{3}) / },
}

describeNeeding('corpus', 'failed logins in real client transcripts', () => {
  for (const [folder, d] of Object.entries(DIALECTS)) {
    it(`${folder}: every counted failed login is a 530 answering USER, PASS or ACCT`, async () => {
      let expected = 0
      const paths = corpusFiles(folder).map((f) => corpus(folder, f))
      for (const path of paths) {
        let last: string | undefined
        for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
          const c = d.command.exec(line)
          if (c) last = c[1]!.toUpperCase()
          const r = d.reply.exec(line)
          if (r && r[1] === '530' && (last === 'USER' || last === 'PASS' || last === 'ACCT')) expected++
        }
      }
      expect(expected).toBeGreaterThan(0)
      const state = await analyze(paths)
      expect(state.logins.failed).toBe(expected)
    })
  }
})
