import { codeEvents } from '../../src/analyze/state.js'
import { describe, expect, it } from 'vitest'
import { analyze } from '../helpers/corpus.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

const counts = (c: { counts: ReadonlyMap<string, number> }): Record<string, number> => Object.fromEntries(c.counts)

describeNeeding('corpus', 'EXPECTED.md section 3: fail2ban failed logins per host', () => {
  const FAIL2BAN: Record<string, Record<string, number>> = {
    'vsftpd/fail2ban-vsftpd.log': {
      '209.67.1.67': 1, '64.168.103.1': 1, '64.106.46.98': 1, '58.254.172.161': 1,
      '192.0.2.1': 1, '192.0.2.222': 1, '192.0.2.223': 1, '192.0.2.224': 1,
    },
    // Line 6 is a log-injection attempt: the real peer 59.167.242.100 counts, not 1.2.3.44.
    'proftpd-system/fail2ban-proftpd.log': {
      '123.123.123.123': 2, '67.227.224.66': 1, '101.71.143.238': 1, '59.167.242.100': 2, '1.2.3.4': 3, '192.0.2.13': 1,
    },
    'pureftpd/fail2ban-pure-ftpd.log': { '24.79.92.194': 1 },
    'wuftpd/fail2ban-wuftpd.log': { '202.108.145.173': 1, '198.51.100.71': 2 },
    'misc/fail2ban-gssftpd.log': { '198.51.100.23': 1 },
    'misc/fail2ban-pam-generic-ftp.log': { '192.168.1.1': 1, '66.232.129.62': 1, 'www.google.com': 2 },
  }
  for (const [rel, perHost] of Object.entries(FAIL2BAN)) {
    it(rel, async () => {
      const state = await analyze([corpus(rel)])
      expect(counts(state.logins.failedByClient)).toEqual(perHost)
      expect(state.logins.failed).toBe(Object.values(perHost).reduce((a, b) => a + b, 0))
    })
  }

  it('fail2ban users: proftpd lines 1, 2, 8, 9 and pam-generic lines 1-3', async () => {
    const proftpd = await analyze([corpus('proftpd-system/fail2ban-proftpd.log')])
    // Lines 1 and 2 are "username" in fail2ban's assertions; line 3 (no user asserted) is too.
    expect(counts(proftpd.logins.failedByUser)).toMatchObject({ username: 3, Root: 1, 'jtittle@domain.org': 1 })
    const pam = await analyze([corpus('misc/fail2ban-pam-generic-ftp.log')])
    expect(counts(pam.logins.failedByUser)).toMatchObject({ 'sample-user': 1, mark: 1, an8767: 2 })
  })
})

describeNeeding('corpus', 'EXPECTED.md section 4: CrowdSec hub assertions', () => {
  it('vsftpd-bf: 6 failed logins of user "user" from 93.24.101.89 (::ffff: stripped)', async () => {
    const state = await analyze([corpus('vsftpd/crowdsec-vsftpd-bf.log')])
    expect(counts(state.logins.failedByClient)).toEqual({ '93.24.101.89': 6 })
    expect(counts(state.logins.failedByUser)).toEqual({ user: 6 })
  })
  it('vsftpd-logs: CONNECT and OK LOGIN are no failures; two FAIL LOGIN lines and a 530 response are', async () => {
    const state = await analyze([corpus('vsftpd/crowdsec-vsftpd-logs.log')])
    expect(state.inputs[0]!.recognizedLines).toBe(5)
    expect(state.inputs[0]!.skippedLines).toBe(1)
    expect(state.logins.ok).toBe(1)
    expect(state.logins.failed).toBe(2)
    expect(state.replies['530']).toBe(1)
  })
  it('proftpd-bf: 6 failures of user seb from 192.168.1.142', async () => {
    const state = await analyze([corpus('proftpd-system/crowdsec-proftpd-bf.log')])
    expect(counts(state.logins.failedByClient)).toEqual({ '192.168.1.142': 6 })
    expect(counts(state.logins.failedByUser)).toEqual({ seb: 6 })
  })
  it('proftpd-user-enum: users asd, foo, bar, foobar, root, admin from 192.168.1.142', async () => {
    const state = await analyze([corpus('proftpd-system/crowdsec-proftpd-user-enum.log')])
    expect(counts(state.logins.failedByClient)).toEqual({ '192.168.1.142': 6 })
    expect(Object.keys(counts(state.logins.failedByUser)).sort()).toEqual(['admin', 'asd', 'bar', 'foo', 'foobar', 'root'])
  })
  it('proftpd-logs: all 5 lines parse (non-syslog and syslog timestamps mixed)', async () => {
    const state = await analyze([corpus('proftpd-system/crowdsec-proftpd-logs.log')])
    expect(state.inputs[0]!.lines).toBe(5)
    expect(state.inputs[0]!.recognizedLines).toBe(5)
  })
  it('pureftpd-bf: 15 failures for root from 172.21.10.2, then a login', async () => {
    const state = await analyze([corpus('pureftpd/crowdsec-pureftpd-bf.log')])
    expect(counts(state.logins.failedByClient)).toEqual({ '172.21.10.2': 15 })
    expect(counts(state.logins.failedByUser)).toEqual({ root: 15 })
    expect(state.logins.ok).toBe(1)
  })
})

describeNeeding('corpus', 'EXPECTED.md section 7: other countable facts', () => {
  it('vsftpd-protocol/parser-c-vsftpdbak.log: the 216 quote-residue lines and the 10 glued error lines are recognised', async () => {
    const state = await analyze([corpus('vsftpd-protocol/parser-c-vsftpdbak.log')])
    expect(state.inputs[0]!.unrecognizedLines).toBe(0)
    expect(state.inputs[0]!.recognizedLines).toBe(2512)
  })
  it('vsftpd/simplifiedloganalyzer-vsftpd.log: 122 FAIL LOGIN, 62 from 10.10.10.187 and 58 from 14.11.11.18', async () => {
    const state = await analyze([corpus('vsftpd/simplifiedloganalyzer-vsftpd.log')])
    expect(state.logins.failed).toBe(122)
    expect(counts(state.logins.failedByClient)).toMatchObject({ '10.10.10.187': 62, '14.11.11.18': 58 })
  })
  it('vsftpd/makerefusedftp-vsftpd.log: 124 FAIL LOGIN', async () => {
    const state = await analyze([corpus('vsftpd/makerefusedftp-vsftpd.log')])
    expect(state.logins.failed).toBe(124)
  })
  it('vsftpd/ipass-vsftpd-excerpt.log: only line 14 (time "16:36:061346") is unrecognised', async () => {
    const state = await analyze([corpus('vsftpd/ipass-vsftpd-excerpt.log')])
    expect(state.inputs[0]!.unrecognizedSamples.map((s) => s.line)).toEqual([14])
  })
  it('xferlog/webtct-xferlog-20160207.log: exactly 2 incomplete transfers', async () => {
    const state = await analyze([corpus('xferlog/webtct-xferlog-20160207.log')])
    expect(state.transfers.incomplete).toBe(2)
  })
  it('xferlog/ossec-log-entries-xferlog.log: 7 incomplete; the record wrapped over 3 quoted lines stays unrecognised', async () => {
    const state = await analyze([corpus('xferlog/ossec-log-entries-xferlog.log')])
    expect(state.transfers.incomplete).toBe(7)
    expect(state.inputs[0]!.unrecognizedSamples.map((s) => s.line)).toEqual([3, 4, 5])
  })
  it('lftp/lftp492-d-test1120.log: 3 connections (2 reconnects after 421 Timeout!), 4 x 421', async () => {
    const state = await analyze([corpus('lftp/lftp492-d-test1120.log')])
    expect(state.sessions.total).toBe(3)
    expect(state.replies['421']).toBe(4)
  })
  it('filezilla-client/mick00122-filezilla-trace.log: the 421s at lines 781 and 922, in CRLF lines', async () => {
    const state = await analyze([corpus('filezilla-client/mick00122-filezilla-trace.log')])
    expect(state.inputs[0]!.recognizedLines).toBe(1102)
    const lines = state.incidents.filter((i) => codeEvents(i, '421') > 0).flatMap((i) => i.samples.map((s) => s.line))
    expect(lines.sort((a, b) => a - b)).toEqual([781, 922])
  })
})
