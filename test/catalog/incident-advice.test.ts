import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import type { Report } from '../../src/report/report-schema.js'
import { memoryIO } from '../helpers/memory-io.js'

/** Analyzes a log given on stdin and returns the JSON report. */
async function analyze(log: string, logFormat: string): Promise<Report> {
  const io = memoryIO({ stdin: log, stdinIsTTY: false })
  await run(['analyze', '-', '--log-format', logFormat, '-f', 'json', '--no-progress'], io)
  return JSON.parse(io.out()) as Report
}

describe('incident advice comes from the catalog', () => {
  it('names max_per_ip for a vsftpd 421 "too many connections from your internet address"', async () => {
    const report = await analyze(
      [
        'Mon Jan 15 10:23:45 2024 [pid 2107] CONNECT: Client "192.0.2.77"',
        'Mon Jan 15 10:23:45 2024 [pid 2107] FTP response: Client "192.0.2.77", "421 There are too many connections from your internet address."',
        '',
      ].join('\n'),
      'vsftpd',
    )
    const incident = report.incidents.find((i) => i.cause === 'capacity')
    expect(incident?.matchedBy.map((m) => m.id)).toContain('vsftpd-max-per-ip')
    expect(incident?.advice.directives.map((d) => d.name)).toContain('max_per_ip')
    expect(incident?.advice.summary).toMatch(/max_per_ip/)
  })

  it('names MaxClients for a ProFTPD MaxClients refusal in its SystemLog', async () => {
    const report = await analyze(
      '2024-01-15 10:30:01,002 ftp01 proftpd[4250] ftp.example.com (client.example.net[192.0.2.11]): Connection refused (MaxClients 50)\n',
      'proftpd-system',
    )
    const incident = report.incidents.find((i) => i.cause === 'capacity')
    expect(incident?.advice.directives.map((d) => d.name)).toContain('MaxClients')
  })

  it('reports ProFTPD\'s exhausted passive port range with PassivePorts', async () => {
    const report = await analyze(
      'May 30 14:41:52 valhalla proftpd[11727]: valhalla.ahmetozturk.name.tr (85.103.201.222[85.103.201.222]) - unable to find open port in PassivePorts range 65532-65533: defaulting to INPORT_ANY\n',
      'proftpd-system',
    )
    expect(report.incidents[0]?.matchedBy[0]?.id).toBe('proftpd-log-passive-range-exhausted')
    expect(report.incidents[0]?.advice.directives.map((d) => d.name)).toEqual(['PassivePorts'])
  })
})
