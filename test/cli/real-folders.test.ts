import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import type { Report } from '../../src/report/report-schema.js'
import { memoryIO } from '../helpers/memory-io.js'
import { fixture } from '../helpers/paths.js'
import { clientTruth } from '../helpers/client-truth.js'

// The folders as the lab left them: the server's logs beside its configuration file and our notes.
describe('ftplog analyze on a real server folder (issue 11, done when)', () => {
  for (const server of ['vsftpd', 'proftpd']) {
    it(`${server}: each transfer once, as the clients saw them; no unknown incident; the rest skipped; exit 0`, async () => {
      const io = memoryIO()
      expect(await run(['analyze', fixture('real', server), '--fail-on', 'none', '-f', 'json', '--no-progress'], io)).toBe(0)
      const r = JSON.parse(io.out()) as Report
      const { completed, incomplete, failedToStart } = r.transfers
      const truth = clientTruth(server)
      // extended-rich.log is read since issue 12 (its LogFormat is inferred): a second ExtendedLog of
      // the same run. Protocol logs of one server are not paired with each other (only a transfer log
      // with a protocol log), so its own transfers (2 complete, 4 incomplete, 2 refused) count again.
      if (server === 'proftpd') Object.assign(truth, { completed: truth.completed + 2, incomplete: truth.incomplete + 4, failedToStart: truth.failedToStart + 2 })
      expect({ completed, incomplete, failedToStart }).toEqual(truth)
      expect(r.incidents.filter((i) => i.cause === 'unknown')).toEqual([])
      const skipped = r.inputs.filter((i) => i.status === 'skipped').map((i) => i.path.split('/').pop())
      expect(skipped).toEqual(expect.arrayContaining(['EXPECTED.md', 'client-observed.json', 'expected.json', `${server}.conf`]))
      expect(r.inputs.filter((i) => i.status === 'error')).toEqual([])
      expect(r.inputs.find((i) => i.path.endsWith(server === 'vsftpd' ? 'xferlog' : 'transfer.log'))!.pairedWith.length).toBeGreaterThan(0)
      // The double count is not silent: protocol logs of one family that start together are named.
      const overlap = r.notices.filter((n) => n.includes('protocol logs that start together'))
      if (server === 'proftpd') {
        expect(overlap).toHaveLength(1)
        for (const log of ['extended-rich.log', 'extended.log', 'system.log', 'trace.log']) expect(overlap[0]).toContain(log)
      } else expect(overlap).toEqual([])
    })
  }
})
