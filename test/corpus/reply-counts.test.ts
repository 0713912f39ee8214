import { describe, expect, it } from 'vitest'
import { analyze, corpusFiles, countByRule } from '../helpers/corpus.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

// EXPECTED.md section 1 counts physical lines carrying a code, with one rule per folder; a
// multi-line reply ("220-" … "220 ") counts once per line there. ftplog counts complete replies.
// They are reconciled by counting, with the same rule, only the lines whose code is followed by a
// space: RFC 959 §4.2 ends every reply (single- or multi-line) with exactly one "NNN " line, so
// per code those lines equal the complete replies. The rules are copied from EXPECTED.md with
// `[ -]` narrowed to ` `.
const FINAL_LINE_RULES: Record<string, RegExp> = {
  'vsftpd-protocol': /FTP response: Client "[^"]*", "(\d{3}) /,
  'curl-transcripts': /^S: (\d{3}) /,
  'curl-verbose': /^< (\d{3}) /,
  'curl-trace': /^0000: (\d{3}) /,
  lftp: /^<--- (\d{3}) /,
  'filezilla-client': /(?:Response|応答):\s+(\d{3}) /,
  winscp: /^< \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ (\d{3}) /,
  'filezilla-server': /(?:\)> |<< \[FTP Session [^\]]*\] )(\d{3}) /,
  'proftpd-extended': /" (\d{3}) \S+\s*$/,
  'iis-ftp': /(?:\](?:\S+)(?: \S+)? (?:- )?(\d{3}) \d+)/,
}
// ftplib: EXPECTED counts "*resp*" lines (one per reply as ftplib assembled it); ftplog reads the
// "*get*" lines (what came off the wire) and joins them, so both are one per reply.
const FTPLIB_RULE = /^\*resp\* '(\d{3})[ -]/
// Where ftplog and the EXPECTED rule differ, and why (added to the rule's count).
const KNOWN_DEVIATIONS: Record<string, Record<string, number>> = {
  // Line 35 is cut after its status ("[22]USER administrator - 331 "): EXPECTED's rule wants a
  // win32 status after the code and skips it; the reply is there, and ftplog counts it.
  'iis-ftp/ossec-docs-msftp-sample4.log': { '331': 1 },
}
// IIS 7+ rows: EXPECTED's second rule (status, win32 status, substatus, session GUID).
const IIS7_RULE = /(\d{3}) \d+ \d+ [0-9a-f-]{36}/

function without(counts: Record<string, number>, deviation: Record<string, number> | undefined): Record<string, number> {
  const out = { ...counts }
  for (const [code, n] of Object.entries(deviation ?? {})) {
    out[code] = (out[code] ?? 0) + n
    if (out[code] === 0) delete out[code]
  }
  return out
}

describeNeeding('corpus', 'reply-code counts per file (EXPECTED.md sections 1, 2, 6)', () => {
  for (const [folder, rule] of [...Object.entries(FINAL_LINE_RULES), ['ftplib', FTPLIB_RULE] as const]) {
    for (const file of corpusFiles(folder)) {
      it(`${folder}/${file}`, async () => {
        const path = corpus(folder, file)
        let expected = countByRule(path, rule)
        if (folder === 'iis-ftp') {
          const iis7 = countByRule(path, IIS7_RULE)
          for (const [code, n] of Object.entries(iis7)) expected[code] = (expected[code] ?? 0) + n
        }
        expected = without(expected, KNOWN_DEVIATIONS[`${folder}/${file}`])
        const state = await analyze([path])
        expect({ ...state.replies }).toEqual(expected)
      })
    }
  }

  it('misc/zeek-docs-afrinic-tcpflow-transcript.txt', async () => {
    const path = corpus('misc', 'zeek-docs-afrinic-tcpflow-transcript.txt')
    const state = await analyze([path])
    expect({ ...state.replies }).toEqual(countByRule(path, /^(?:server|\S+ \[\*\*server\*\* to client\]): (\d{3}) /))
  })

  // EXPECTED.md section 2: the files with 421 or 426 replies (physical lines = replies: none of
  // these 421s is multi-line). No corpus file has a 426.
  const REPLIES_421: Record<string, number> = {
    'curl-trace/curl-test1120.trace': 1,
    'curl-trace/curl-test1207.trace': 1,
    'curl-transcripts/curl-test1120.txt': 1,
    'curl-transcripts/curl-test1207.txt': 1,
    'curl-transcripts/curl-test592.txt': 1,
    'curl-verbose/curl788-v-test1120.log': 1,
    'curl-verbose/curl788-v-test1207.log': 1,
    'filezilla-client/mick00122-filezilla-trace.log': 2,
    'ftplib/ftplib-py311-debug2-test1120.log': 1,
    'lftp/lftp492-d-test1120.log': 4,
    'lftp/lftp492-d-test1207.log': 1,
    'vsftpd-protocol/parser-c-vsftpdbak.log': 19,
    'vsftpd-protocol/qbox-vsftpd.log': 33,
    'zeek-ftp/ftp-log-filter-derived.tsv': 4,
  }
  const OTHER_ERRORS: Record<string, Record<string, number>> = {
    'curl-transcripts/curl-test592.txt': { '500': 1 },
    'filezilla-client/mick00122-filezilla-trace.log': { '502': 16, '530': 2 },
    'lftp/lftp492-d-test1120.log': { '500': 4, '550': 2 },
    'lftp/lftp492-d-test1207.log': { '500': 2 },
    'vsftpd-protocol/parser-c-vsftpdbak.log': { '530': 5, '550': 9 },
    'vsftpd-protocol/qbox-vsftpd.log': { '425': 42, '500': 138, '530': 220, '550': 8, '553': 5 },
    'zeek-ftp/ftp-log-filter-derived.tsv': { '500': 3, '530': 28, '550': 2711 },
  }
  it('421 and 426 replies per file, and the other error codes of those files', async () => {
    for (const [rel, n421] of Object.entries(REPLIES_421)) {
      const state = await analyze([corpus(rel)])
      expect(state.replies['421'], rel).toBe(n421)
      expect(state.replies['426'], rel).toBeUndefined()
      const errors = Object.fromEntries(Object.entries(state.replies).filter(([c]) => c >= '400' && c !== '421'))
      expect(errors, rel).toEqual(OTHER_ERRORS[rel] ?? {})
    }
  })

  it('no corpus file has a 426 reply', async () => {
    const folders = corpusFiles('.').filter((f) => !f.endsWith('.md'))
    const state = await analyze(folders.map((f) => corpus(f)))
    expect(state.replies['426']).toBeUndefined()
  })

  // EXPECTED.md section 6: reply_code values per Zeek file.
  const ZEEK: Record<string, Record<string, number>> = {
    'ftp-log-filter-derived.tsv': { '200': 57, '220': 4, '226': 104, '227': 2830, '230': 15, '421': 4, '500': 3, '530': 28, '550': 2711 },
    'maccdc2012-00016-ftp.json.log': { '227': 2, '530': 5 },
    'zeek-baseline-bruteforce.ftp.log': { '221': 30 },
    'zeek-baseline-cwd-navigation-excerpt.ftp.log': { '226': 25, '227': 26 },
    'zeek-baseline-ftp-auth-tls.ftp.log': { '220': 1, '234': 1 },
    'zeek-baseline-ftp-get-file-size.ftp.log': { '226': 1, '227': 4 },
    'zeek-baseline-ftp-invalid-reply-code.ftp.log': { '230': 3 },
    'zeek-baseline-ftp-ipv4.ftp.log': { '200': 2, '226': 2, '227': 2 },
    'zeek-baseline-ftp-ipv6.ftp.log': { '200': 2, '226': 2, '229': 3 },
    'zeek-baseline-ftp-max-pending-commands.ftp.log': { '215': 1, '230': 1 },
    'zeek-baseline-ftp-missing-reply-code.ftp.log': { '230': 3 },
    'zeek-baseline-ftp-missing-space-after-reply-code.ftp.log': { '230': 3 },
    'zeek-baseline-ftp-multiline-reply.ftp.log': { '220': 1, '221': 1, '229': 1, '230': 1, '331': 1 },
    'zeek-baseline-ftp-password-pass-command.ftp.log': { '331': 1, '530': 1 },
    'zeek-baseline-ftp-samba-retr.ftp.log': { '226': 1, '229': 1, '230': 1, '331': 1 },
    'zeek-docs-afrinic-ftp-derived.ndjson': { '226': 1, '229': 1 },
    'zeek-docs-afrinic-ftp-pretty.json': { '226': 1, '229': 1 },
  }
  for (const [file, codes] of Object.entries(ZEEK)) {
    it(`zeek-ftp/${file}: reply_code values`, async () => {
      const state = await analyze([corpus('zeek-ftp', file)])
      expect({ ...state.replies }).toEqual(codes)
    })
  }
})
