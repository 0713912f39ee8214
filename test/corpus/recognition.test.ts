import { describe, expect, it } from 'vitest'
import { analyze, corpusFiles } from '../helpers/corpus.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

// Every file of every corpus folder must be recognised with the right log format, and at least
// 99% of each folder's lines must be recognised or counted as another program's (not-FTP) line by
// a rule. Ratio = (recognized + notFtp) / (lines - skipped), skipped being blank lines (counted
// apart by the reader, never by a pattern).
const EXPECTED_FORMAT: Record<string, string | Record<string, string>> = {
  'curl-trace': 'curl-trace',
  'curl-transcripts': 'ftp-dialog',
  'curl-verbose': 'curl-verbose',
  'filezilla-client': 'filezilla-client',
  'filezilla-server': { 'ipban-recipe-examples-1x.log': 'filezilla-server-1x', 'ipban-recipe-examples-legacy.log': 'filezilla-server' },
  ftplib: 'ftplib-debug',
  'iis-ftp': 'iis-ftp',
  lftp: 'lftp-debug',
  misc: {
    'fail2ban-gssftpd.log': 'bsd-ftpd',
    'fail2ban-pam-generic-ftp.log': 'syslog',
    'loghub-linux-ftpd.log': 'bsd-ftpd',
    'ossec-docs-solaris-hpux-osx-ftpd-samples.log': 'bsd-ftpd',
    'ossec-log-entries-ftpd.log': 'bsd-ftpd',
    'wazuh-decoder-ftpd-examples.log': 'bsd-ftpd',
    'zeek-docs-afrinic-tcpflow-transcript.txt': 'ftp-dialog',
  },
  'proftpd-extended': 'proftpd-extended',
  'proftpd-system': 'proftpd-system',
  pureftpd: { 'wazuh-decoder-pureftpd-transfer-clf.log': 'pure-ftpd-clf', '*': 'pure-ftpd' },
  vsftpd: 'vsftpd',
  'vsftpd-protocol': 'vsftpd',
  winscp: 'winscp',
  wuftpd: 'wu-ftpd',
  xferlog: 'xferlog',
  'zeek-ftp': 'zeek-ftp',
}
/** Files that are not logs (a licence notice kept beside the excerpt it covers). */
const NOT_LOGS = new Set(['misc/loghub-LICENSE.txt'])

const expectedFormat = (folder: string, file: string): string | undefined => {
  const e = EXPECTED_FORMAT[folder]
  return typeof e === 'string' ? e : (e?.[file] ?? e?.['*'])
}

describeNeeding('corpus', 'corpus recognition', () => {
  for (const folder of Object.keys(EXPECTED_FORMAT)) {
    it(`${folder}: every file gets its log format, >= 99% of lines by rule`, async () => {
      const files = corpusFiles(folder).filter((f) => !NOT_LOGS.has(`${folder}/${f}`))
      expect(files.length).toBeGreaterThan(0)
      const state = await analyze(files.map((f) => corpus(folder, f)))
      let lines = 0
      let byRule = 0
      const formats: Record<string, string | null> = {}
      const wanted: Record<string, string | undefined> = {}
      for (const input of state.inputs) {
        const file = input.path.slice(input.path.lastIndexOf('/') + 1)
        formats[file] = input.logFormat
        wanted[file] = expectedFormat(folder, file)
        expect(input.error, file).toBeNull()
        lines += input.lines - input.skippedLines
        byRule += input.recognizedLines + input.notFtpLines
      }
      expect(formats).toEqual(wanted)
      expect(byRule / lines).toBeGreaterThanOrEqual(0.99)
    })
  }

  it('knows every corpus folder', () => {
    const folders = corpusFiles('.').filter((f) => !f.endsWith('.md'))
    expect(folders.sort()).toEqual(Object.keys(EXPECTED_FORMAT).sort())
  })
})
