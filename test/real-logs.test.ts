import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { run } from '../src/cli/main.js'
import { CAUSES } from '../src/model/cause.js'
import { reportSchema } from '../src/report/report-schema.js'
import { memoryIO } from './helpers/memory-io.js'
import { fixture } from './helpers/paths.js'
import { expectedFromTrace, traceReplies } from './servers/lab/logformat-check.js'
import { PROFTPD_EXTENDED_LOGS } from './servers/lab/servers.js'

// Logs written by real vsftpd 3.0.3, ProFTPD 1.3.8 and Pure-FTPd 1.0.50 runs (the lab in
// test/servers, `npm run test:servers`), with what ftplog must report for each, reviewed against
// the lab's hand-checked per-line facts (fixtures/real/<server>/expected.json and EXPECTED.md).
const expectSchema = z.object({
  description: z.string(),
  cases: z.array(
    z
      .object({
        path: z.string(),
        template: z.string().optional(),
        logFormat: z.string(),
        replies: z.record(z.string(), z.number()).optional(),
        incidents: z.partialRecord(z.enum(CAUSES), z.number().int().positive()),
        transfers: z.record(z.string(), z.number()).optional(),
        logins: z.record(z.string(), z.number()).optional(),
        notes: z.string().min(1),
      })
      .strict(),
  ),
})
const expected = expectSchema.parse(JSON.parse(readFileSync(fixture('real', 'ftplog.expect.json'), 'utf8')))
const labFacts = (server: string): Record<string, { replies?: Record<string, number> }> =>
  existsSync(fixture('real', server, 'expected.json')) ? JSON.parse(readFileSync(fixture('real', server, 'expected.json'), 'utf8')) : {}

describe('logs written by real servers', () => {
  for (const c of expected.cases) {
    it(`${c.path}${c.template ? " (--template)" : ""}: ${Object.keys(c.incidents).join(', ') || 'no incidents'}`, async () => {
      const io = memoryIO()
      const args = [fixture('real', c.path), '-f', 'json', '--fail-on', 'none', ...(c.template ? ['--template', c.template] : [])]
      expect(await run(args, io)).toBe(0)
      const r = reportSchema.parse(JSON.parse(io.out()))
      const input = r.inputs[0]!
      expect(input.logFormat).toBe(c.logFormat)
      expect(input.error).toBeNull()
      expect(input.lines).toBe(input.recognizedLines + input.notFtpLines + input.unrecognizedLines + input.skippedLines)
      const byCause: Record<string, number> = {}
      for (const i of r.incidents) byCause[i.cause] = (byCause[i.cause] ?? 0) + i.events
      expect(byCause).toEqual(c.incidents)
      if (c.replies) for (const [code, n] of Object.entries(c.replies)) expect(r.totals.replies[code] ?? 0, `replies ${code}`).toBe(n)
      if (c.transfers) expect(r.transfers).toMatchObject(c.transfers)
      if (c.logins) expect(r.logins).toMatchObject(c.logins)
      // Every sample points at a real line of the file with the text shown.
      const lines = readFileSync(fixture('real', c.path), 'utf8').split(/\r?\n/)
      for (const i of r.incidents) for (const s of i.samples) expect(lines[s.line - 1]?.startsWith(s.text.replace(/…$/, ''))).toBe(true)
    })
  }

  it('reports exactly the 421 and 426 replies the lab counted by hand in each log that carries codes', async () => {
    for (const c of expected.cases.filter((x) => x.replies)) {
      const [server, file] = c.path.split('/') as [string, string]
      // fixtures/real/proftpd-logformats has no per-line facts: its replies are checked against its TraceLog below.
      const lab = labFacts(server)[file]?.replies
      if (!lab) continue
      for (const code of ['421', '426']) expect(c.replies![code] ?? 0, `${c.path} ${code}`).toBe(lab[code] ?? 0)
    }
  })

  it('proftpd-logformats: each ExtendedLog has the replies of the TraceLog of its run, less the documented differences', async () => {
    const sent = traceReplies(readFileSync(fixture('real', 'proftpd-logformats', 'trace.log'), 'utf8'))
    for (const x of PROFTPD_EXTENDED_LOGS) {
      const io = memoryIO()
      expect(await run([fixture('real', 'proftpd-logformats', x.fixture), '-f', 'json', '--fail-on', 'none'], io)).toBe(0)
      const r = reportSchema.parse(JSON.parse(io.out()))
      expect(r.inputs[0]!.unrecognizedLines, x.fixture).toBe(0)
      const replies = Object.fromEntries(Object.entries(r.totals.replies).sort(([a], [b]) => Number(a) - Number(b)))
      expect(replies, x.fixture).toEqual(expectedFromTrace(sent, x).counts)
    }
  })

  it('pyftpdlib: each log that carries codes has exactly the 421 and 426 replies its clients received', () => {
    // fixtures/real/pyftpdlib was recorded by scripts/pyftpdlib/record.sh (not the lab): one run per log.
    const observed = JSON.parse(readFileSync(fixture('real', 'pyftpdlib', 'client-observed.json'), 'utf8')) as Record<string, { replies: string[] }[]>
    const facts = labFacts('pyftpdlib')
    for (const file of ['debug.log', 'debug-noprefix.log']) {
      const received: Record<string, number> = {}
      for (const s of observed[file]!) for (const r of s.replies) if (/^42[16] /.test(r)) received[r.slice(0, 3)] = (received[r.slice(0, 3)] ?? 0) + 1
      expect(received, file).toEqual({ '421': 4, '426': 2 })
      for (const code of ['421', '426']) expect(facts[file]!.replies![code], `${file} ${code}`).toBe(received[code])
    }
  })

  it('pyftpdlib advice names its settings: FTPServer.max_cons(_per_ip), FTPHandler.timeout, DTPHandler.timeout', async () => {
    const io = memoryIO()
    await run([fixture('real', 'pyftpdlib', 'info.log'), '-f', 'json', '--fail-on', 'none'], io)
    const r = JSON.parse(io.out()) as { incidents: { serverFamily: string; cause: string; advice: { directives: { name: string }[] } }[] }
    const directives = (cause: string) => r.incidents.filter((i) => i.cause === cause).flatMap((i) => i.advice.directives.map((d) => d.name))
    expect(new Set(r.incidents.map((i) => i.serverFamily))).toEqual(new Set(['pyftpdlib']))
    expect(directives('capacity')).toEqual(expect.arrayContaining(['FTPServer.max_cons', 'FTPServer.max_cons_per_ip']))
    expect(directives('idle-timeout')).toEqual(['FTPHandler.timeout'])
    expect(directives('data-timeout')).toEqual(['DTPHandler.timeout'])
  })

  it('advice names the directive of the server that refused: vsftpd max_per_ip and max_clients, ProFTPD MaxClientsPerHost', async () => {
    const io = memoryIO()
    await run([fixture('real', 'vsftpd', 'vsftpd.log'), fixture('real', 'proftpd', 'trace.log'), '-f', 'json', '--fail-on', 'none'], io)
    const r = JSON.parse(io.out()) as { incidents: { serverFamily: string; cause: string; advice: { directives: { name: string }[] } }[] }
    const directives = (family: string) =>
      r.incidents.filter((i) => i.serverFamily === family && i.cause === 'capacity').flatMap((i) => i.advice.directives.map((d) => d.name))
    expect(directives('vsftpd')).toEqual(expect.arrayContaining(['max_per_ip', 'max_clients']))
    expect(directives('proftpd')).toEqual(expect.arrayContaining(['MaxClientsPerHost', 'MaxClients']))
  })
})
