import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { memoryIO } from '../helpers/memory-io.js'

describe('ftplog analyze --template', () => {
  it('implies the template log format for stdin', async () => {
    const io = memoryIO({ stdin: 'client.example.net UNKNOWN alice [15/Jan/2024:10:24:02 +0000] "RETR report.pdf" 426 1024\n' })
    const code = await run(['analyze', '--template', '%h %l %u %t "%r" %s %b', '-f', 'json', '--fail-on', 'none'], io)
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(io.out())
    expect(report.inputs[0]).toMatchObject({ logFormat: 'proftpd-template', detection: 'forced', recognizedLines: 1 })
    expect(report.totals.replies).toEqual({ '426': 1 })
  })

  it('reports an unknown variable as a usage error (exit 2)', async () => {
    const io = memoryIO({ stdin: 'x\n' })
    expect(await run(['analyze', '--template', '%h %Q %s'], io)).toBe(2)
    expect(io.err()).toMatch(/^ftplog: --template: unknown LogFormat variable %Q/)
  })

  it('lists the new log formats with a sample line each', async () => {
    const io = memoryIO()
    expect(await run(['formats', '-f', 'json'], io)).toBe(0)
    const rows = JSON.parse(io.out()) as { name: string; sample: string | null; role: string }[]
    for (const name of ['pure-ftpd', 'pure-ftpd-clf', 'pure-ftpd-stats', 'pure-ftpd-w3c', 'filezilla-server', 'filezilla-server-1x', 'iis-ftp', 'zeek-ftp', 'ftp-dialog', 'curl-verbose', 'curl-trace', 'lftp-debug', 'ftplib-debug', 'filezilla-client', 'winscp', 'bsd-ftpd', 'wu-ftpd', 'syslog']) {
      const row = rows.find((r) => r.name === name)
      expect(row, name).toBeDefined()
      expect(row!.sample, name).toBeTruthy()
    }
    expect(rows.find((r) => r.name === 'curl-verbose')!.role).toBe('client')
  })
})
