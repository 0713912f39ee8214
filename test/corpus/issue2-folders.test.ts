import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { buildReport } from '../../src/report/build-report.js'
import type { Report } from '../../src/report/report-schema.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

// Facts from ../shared/corpus/EXPECTED.md (checked by hand there), for the log formats of the
// issue "ftplog 0.1". The corpus must sit beside the clone, as it does in CI.
const catalog = createCatalog()

async function report(...paths: string[]): Promise<Report> {
  const state = await analyzeInputs(paths, { catalog, year: 2020 })
  return buildReport(state, { catalog, version: 'test', failOn: { kind: 'severity', severity: 'none' } })
}

const FOLDERS: Record<string, string> = {
  vsftpd: 'vsftpd',
  'vsftpd-protocol': 'vsftpd',
  xferlog: 'xferlog',
  'proftpd-system': 'proftpd-system',
  'proftpd-extended': 'proftpd-extended',
}

describeNeeding('corpus', 'issue 2 corpus folders', () => {
  describe.each(Object.entries(FOLDERS))('corpus folder %s', (folder, logFormat) => {
    it(`reads every file as ${logFormat} and recognises at least 99% of the lines`, async () => {
      const r = await report(corpus(folder))
      const files = readdirSync(corpus(folder)).filter((f) => !f.startsWith('.'))
      expect(r.inputs).toHaveLength(files.length)
      for (const input of r.inputs) {
        expect(input.logFormat, input.path).toBe(logFormat)
        expect(input.error, input.path).toBeNull()
      }
      const considered = r.inputs.reduce((n, i) => n + i.lines - i.skippedLines, 0)
      const recognised = r.inputs.reduce((n, i) => n + i.recognizedLines + i.notFtpLines, 0)
      expect(recognised / considered).toBeGreaterThanOrEqual(0.99)
    })
  })

  describe('EXPECTED.md facts', () => {
    it('vsftpd-protocol: 19 and 33 replies 421, no 426', async () => {
      const parser = await report(corpus('vsftpd-protocol/parser-c-vsftpdbak.log'))
      const qbox = await report(corpus('vsftpd-protocol/qbox-vsftpd.log'))
      expect(parser.totals.replies['421']).toBe(19)
      expect(qbox.totals.replies['421']).toBe(33)
      expect(qbox.totals.replies['425']).toBe(42)
      expect(qbox.totals.replies['530']).toBe(220)
      expect(parser.totals.replies['426']).toBeUndefined()
      // every 421 is one incident event, classified as an idle or login timeout (vsftpd "421 Timeout.")
      for (const r of [parser, qbox]) {
        const events421 = r.incidents.filter((i) => i.codes['421']).reduce((n, i) => n + i.codes['421']!, 0)
        expect(events421).toBe(r.totals.replies['421'])
        expect(new Set(r.incidents.filter((i) => i.codes['421']).map((i) => i.cause))).toEqual(new Set(['idle-timeout', 'login-timeout']))
      }
    })

    it('vsftpd-protocol: the ten error lines with a glued next record are both parsed', async () => {
      const r = await report(corpus('vsftpd-protocol/parser-c-vsftpdbak.log'))
      expect(r.inputs[0]!.unrecognizedLines).toBe(0)
    })

    it('vsftpd: the malformed time on line 14 is counted and sampled, not fatal', async () => {
      const r = await report(corpus('vsftpd/ipass-vsftpd-excerpt.log'))
      expect(r.inputs[0]!.unrecognizedLines).toBe(1)
      expect(r.inputs[0]!.unrecognizedSamples[0]!.line).toBe(14)
    })

    it('vsftpd: failed logins per client of simplifiedloganalyzer and makerefusedftp', async () => {
      const s = await report(corpus('vsftpd/simplifiedloganalyzer-vsftpd.log'))
      expect(s.logins.failed).toBe(122)
      expect(s.logins.failedByClient['10.10.10.187']).toBe(62)
      expect(s.logins.failedByClient['14.11.11.18']).toBe(58)
      const m = await report(corpus('vsftpd/makerefusedftp-vsftpd.log'))
      expect(m.logins.failed).toBe(124)
    })

    it('vsftpd: fail2ban expected one failure per host', async () => {
      const r = await report(corpus('vsftpd/fail2ban-vsftpd.log'))
      expect(r.logins.failedByClient).toEqual({
        '209.67.1.67': 1,
        '64.168.103.1': 1,
        '64.106.46.98': 1,
        '58.254.172.161': 1,
        '192.0.2.1': 1,
        '192.0.2.222': 1,
        '192.0.2.223': 1,
        '192.0.2.224': 1,
      })
    })

    it('proftpd-system: fail2ban expected failures per host (log injection ignored)', async () => {
      const r = await report(corpus('proftpd-system/fail2ban-proftpd.log'))
      expect(r.logins.failedByClient).toEqual({
        '123.123.123.123': 2,
        '67.227.224.66': 1,
        '101.71.143.238': 1,
        '59.167.242.100': 2,
        '1.2.3.4': 3,
        '192.0.2.13': 1,
      })
    })

    it('CrowdSec: brute force of 6 events by one source and user', async () => {
      const v = await report(corpus('vsftpd/crowdsec-vsftpd-bf.log'))
      expect(v.logins.failedByClient).toEqual({ '93.24.101.89': 6 })
      expect(v.logins.failedByUser).toEqual({ user: 6 })
      const p = await report(corpus('proftpd-system/crowdsec-proftpd-bf.log'))
      expect(p.logins.failedByClient).toEqual({ '192.168.1.142': 6 })
      expect(p.logins.failedByUser).toEqual({ seb: 6 })
      const e = await report(corpus('proftpd-system/crowdsec-proftpd-user-enum.log'))
      expect(Object.keys(e.logins.failedByUser).sort()).toEqual(['admin', 'asd', 'bar', 'foo', 'foobar', 'root'])
    })

    it('xferlog: incomplete transfers (completion status i)', async () => {
      const w = await report(corpus('xferlog/webtct-xferlog-20160207.log'))
      expect(w.transfers.incomplete).toBe(2)
      expect(w.incidents.reduce((n, i) => n + i.events, 0)).toBe(2)
      const o = await report(corpus('xferlog/ossec-log-entries-xferlog.log'))
      // 7 lines end in " i"; the record wrapped over three quoted lines ends in ' c"' and is not a transfer.
      expect(o.transfers.incomplete).toBe(7)
      expect(o.transfers.completed).toBe(1)
      expect(o.transfers.deletes).toBe(1)
    })

    it('proftpd-system: no-transfer timeouts are incidents', async () => {
      const r = await report(corpus('proftpd-system/sampistaroy-proftpd-excerpt.log'))
      const n = r.incidents.filter((i) => i.cause === 'no-transfer-timeout').reduce((s, i) => s + i.events, 0)
      expect(n).toBeGreaterThan(0)
      expect(r.incidents.every((i) => i.serverFamily === 'proftpd')).toBe(true)
    })
  })
})
