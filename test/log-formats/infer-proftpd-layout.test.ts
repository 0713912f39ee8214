import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { detectLogFormat } from '../../src/log-formats/detect.js'
import { candidateProftpdLayouts, inferProftpdLayout, INFERRED_LOG_FORMAT, layoutFromShapes, withInferredLayout } from '../../src/log-formats/infer-proftpd-layout.js'
import { logFormatFromTemplate, TEMPLATE_LOG_FORMAT } from '../../src/log-formats/proftpd-template.js'
import { analyze } from '../helpers/corpus.js'
import { fixture } from '../helpers/paths.js'

const lines = (...parts: string[]): string[] => readFileSync(fixture(...parts), 'utf8').split('\n')
const time = { timeZone: 'UTC', year: 2026 }

// Real ExtendedLogs of ProFTPD 1.3.8 (fixtures/real/proftpd-logformats/EXPECTED.md, and the lab's rich one).
const REAL = [
  { path: ['real', 'proftpd-logformats', 'extended-default.log'], logFormat: '%h %l %u %t "%r" %s %b', from: 'data' },
  { path: ['real', 'proftpd-logformats', 'extended-rich.log'], logFormat: '%{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b', from: 'data' },
  { path: ['real', 'proftpd', 'extended-rich.log'], logFormat: '%{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b', from: 'data' },
  {
    path: ['real', 'proftpd-logformats', 'extended-iso8601-exit.log'],
    // Written with `... %u %V "%r" ... %b %{transfer-millisecs} %{protocol}`: %V and the milliseconds read as field-less tokens.
    logFormat: '%{iso8601} [%P] %a %{remote-port} %u %L "%r" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b %l %{protocol}',
    from: 'shape',
  },
  {
    path: ['real', 'proftpd-logformats', 'extended-jot.log'],
    // Written with `%{time:%Y-%m-%d %H:%M:%S} %a %{note:mod_auth.orig-user} "%{env:LANG}" %u "%r" … "%E" %{file-offset} %b 100%%`:
    // the time read as its strftime layout, the note (the user name as sent, empty before USER) as %u and %u
    // itself as a field-less token, and %b found past %{file-offset}, which is `-` on every line.
    logFormat: '%{%Y-%m-%d %H:%M:%S}t %a %u "%w" %l "%r" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %l %b %l',
    from: 'shape',
  },
] as const

describe('inferProftpdLayout', () => {
  for (const r of REAL) {
    it(`${r.path.slice(1).join('/')}: ${r.from === 'data' ? 'a layout of proftpd-layouts.json' : 'read from token shapes'}`, () => {
      const inferred = inferProftpdLayout(lines(...r.path))!
      expect(inferred.logFormat).toBe(r.logFormat)
      expect(inferred.from).toBe(r.from)
      expect(inferred.definition.name).toBe(INFERRED_LOG_FORMAT)
    })
  }

  it('reads the layout of each candidate back from lines rendered in it', () => {
    for (const logFormat of candidateProftpdLayouts()) {
      const def = createLogFormatRegistry([logFormatFromTemplate(logFormat)]).get(TEMPLATE_LOG_FORMAT)
      const rendered = def.samples.map((s) => s.line)
      expect(inferProftpdLayout(rendered)?.logFormat, logFormat).toBe(logFormat)
    }
  })

  it('reads %t, %{epoch}, %h %l %u and a quoted %r from token shapes', () => {
    expect(layoutFromShapes(['192.0.2.1 UNKNOWN alice [15/Jan/2024:10:24:02 +0000] "RETR a b.pdf" 226 1048576', '192.0.2.1 UNKNOWN - [15/Jan/2024:10:24:03 +0000] "QUIT" 221 -'])).toBe(
      '%a %l %u %t "%r" %s %b',
    )
    expect(layoutFromShapes(['1705314242 192.0.2.1 alice RETR "a.pdf" 426 "Transfer aborted. Data connection closed." cancelled "aborted" "" 2654208 ftp'])).toBe(
      '%{epoch} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%w" %b %{protocol}',
    )
  })

  it('takes as %b the count column that holds numbers most often, not the first after %s', () => {
    const shapes = ['2024-01-15 10:24:02 192.0.2.1 alice "RETR a.pdf" 226 - 1048576 40', '2024-01-15 10:24:03 192.0.2.1 alice "RETR b.pdf" 226 - 2048 12', '2024-01-15 10:24:04 192.0.2.1 alice "QUIT" 221 - - -']
    expect(layoutFromShapes(shapes)).toBe('%{%Y-%m-%d %H:%M:%S}t %a %u "%r" %s %l %b %l')
  })

  it('infers nothing from lines without a command and a reply code', () => {
    expect(layoutFromShapes(['Mon Jan 15 10:24:02 2024 1 192.0.2.1 1048576 /home/a.pdf b _ o r alice ftp 0 * c'])).toBeUndefined()
    expect(inferProftpdLayout(lines('real', 'vsftpd', 'vsftpd.log'))).toBeUndefined()
    expect(inferProftpdLayout([])).toBeUndefined()
  })

  it('never takes a log from the log format detection would pick without it', () => {
    const defs = createLogFormatRegistry().list()
    const formats = defs.map((d) => compileLogFormat(d, time, { definitions: defs }))
    for (const path of [['real', 'proftpd', 'extended.log'], ['real', 'pure-ftpd', 'clf.log'], ['real', 'vsftpd', 'vsftpd.log'], ['real', 'proftpd', 'trace.log'], ['real', 'pure-ftpd', 'w3c.log']]) {
      const head = lines(...path)
      for (const f of formats) f.reset()
      const before = detectLogFormat(head, formats)?.format.definition
      for (const f of formats) f.reset()
      const after = detectLogFormat(head, withInferredLayout(head, formats, (d) => compileLogFormat(d, time)))?.format.definition
      expect(after, path.join('/')).toBe(before)
    }
  })
})

describe('real ExtendedLogs in any LogFormat, without --template', () => {
  for (const r of REAL) {
    it(`${r.path.slice(1).join('/')}: detected, every line recognised`, async () => {
      const state = await analyze([fixture(...r.path)])
      const input = state.inputs[0]!
      expect(input.logFormat).toBe(INFERRED_LOG_FORMAT)
      expect(input.detection).toBe('detected')
      expect(input.unrecognizedLines).toBe(0)
      expect(input.recognizedLines).toBe(input.lines - input.skippedLines)
    })
  }
})

describe('ProFTPD 1.3.8 lines a LogFormat template reads', () => {
  const rich = compileLogFormat(
    createLogFormatRegistry([logFormatFromTemplate('%{iso8601} %a %u "%r" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b')]).get(TEMPLATE_LOG_FORMAT),
    time,
  )
  it('a %S holding quotes (PWD, MKD)', () => {
    const r = rich.parse('2026-12-01 12:24:17,085 127.0.0.31 ftplab "MKD t12 dir" 257 ""/srv/ftplab/t12 dir" - Directory successfully created" - "-" "" -', 1)!.record
    expect(r).toMatchObject({ kind: 'exchange', verb: 'MKD', arg: 't12 dir', code: 257, text: '"/srv/ftplab/t12 dir" - Directory successfully created' })
  })
  it('an EXIT line with an empty %r ends the session with its %E reason', () => {
    const r = rich.parse('2026-12-01 12:24:29,350 127.0.0.35 ftplab "" - "-" - "-" "Timeout exceeded: TimeoutIdle" -', 1)!.record
    expect(r).toMatchObject({ kind: 'disconnect', message: 'Timeout exceeded: TimeoutIdle' })
    expect(r.code).toBeUndefined()
  })
  it('%{transfer-status} cancelled and timeout become catalog messages, failed gives %{transfer-failure}', () => {
    const abor = rich.parse('2026-12-01 12:24:55,186 127.0.0.38 ftplab "ABOR" 226 "Abort successful" cancelled "-" "" -', 1)!.record
    expect(abor).toMatchObject({ kind: 'exchange', verb: 'ABOR', code: 226, message: 'transfer-status: cancelled' })
    const stalled = rich.parse('2026-12-01 12:24:39,163 127.0.0.37 ftplab "RETR big.bin" 150 "Opening BINARY mode data connection for big.bin (64000000 bytes)" timeout "-" "" 2752512', 1)!.record
    expect(stalled).toMatchObject({ code: 150, message: 'transfer-status: timeout' })
    const killed = rich.parse('2026-11-22 03:04:25,155 127.0.0.26 ftplab "RETR big.bin" 426 "Transfer aborted. Data connection closed" failed "Data connection closed" "" 10715136', 1)!.record
    expect(killed).toMatchObject({ code: 426, status: 'incomplete', message: 'Data connection closed' })
    const ok = rich.parse('2026-12-01 12:24:17,085 127.0.0.31 ftplab "RETR small.bin" 226 "Transfer complete" success "-" "" 100000', 1)!.record
    expect(ok).toMatchObject({ code: 226, status: 'complete', bytes: 100000 })
  })
})

describe('web server access logs are not FTP logs', () => {
  // Apache's and nginx's common and combined formats have ProFTPD's default shape; before this
  // check an nginx access log was read as a ProFTPD ExtendedLog (200 and 404 "replies") or as
  // Pure-FTPd's clf (a download per GET).
  const at = (i: number) => `[22/Nov/2026:03:02:${String(10 + (i % 50)).padStart(2, '0')} +0000]`
  const common = Array.from({ length: 40 }, (_, i) => `198.51.100.${i % 7} - - ${at(i)} "GET /${i % 3 ? 'index.html' : 'missing'} HTTP/1.1" ${i % 3 ? 200 : 404} ${600 + i}`)
  const combined = common.map((l, i) => `${l} "-" "Mozilla/5.0 (X11; Linux x86_64) curl/${i}"`)
  const gets = common.filter((l) => l.includes('" 200 '))
  const defs = createLogFormatRegistry().list()
  const detect = (lines: string[]) => {
    const formats = defs.map((d) => compileLogFormat(d, time, { definitions: defs }))
    return detectLogFormat(lines, withInferredLayout(lines, formats, (d) => compileLogFormat(d, time)))?.format.definition.name
  }

  it('no log format reads the common format, the combined one, or only 200 GETs', () => {
    expect(detect(common)).toBeUndefined()
    expect(detect(combined)).toBeUndefined()
    expect(detect(gets)).toBeUndefined()
    expect(inferProftpdLayout(combined)).toBeUndefined()
  })

  it('a ProFTPD ExtendedLog keeps the scanners it answered with 500', () => {
    const ftp = [
      '192.0.2.10 UNKNOWN alice [15/Jan/2024:10:24:02 +0000] "RETR report.pdf" 226 1048576',
      '203.0.113.9 UNKNOWN - [15/Jan/2024:10:24:05 +0000] "GET / HTTP/1.1" 500 -',
      '203.0.113.9 UNKNOWN - [15/Jan/2024:10:24:05 +0000] "Host: 192.0.2.1:21" 500 -',
      '192.0.2.10 UNKNOWN alice [15/Jan/2024:10:24:09 +0000] "QUIT" 221 -',
    ]
    expect(detect(ftp)).toBe('proftpd-extended')
    const format = compileLogFormat(createLogFormatRegistry().get('proftpd-extended'), time)
    expect(format.parse(ftp[1]!, 2)?.record).toMatchObject({ kind: 'exchange', verb: 'GET', code: 500, client: '203.0.113.9' })
  })
})

describe('other programs logs in /var/log are not FTP logs', () => {
  // Each was read as an FTP log before: the app log and Squid's as ProFTPD ExtendedLogs in an
  // inferred layout (`INFO` or `GET` as the command, a `-` as the reply code), the app log inside
  // an ISO time prefix as an FTP dialog (`INFO …` as a bare command).
  const lines = (make: (i: number) => string) => Array.from({ length: 30 }, (_, i) => make(i))
  const app = lines((i) => `2026-11-22T03:02:${String(10 + i).padStart(2, '0')}.123Z ${i % 4 ? 'INFO ' : 'WARN '} [main] c.e.App - request id=${i} user=bob status=200 took=12ms`)
  const squid = lines((i) => `1763780567.${100 + i}    ${10 + i} 203.0.113.${i} TCP_MISS/200 ${600 + i} GET http://example.com/ - HIER_DIRECT/93.184.216.34 text/html`)
  const defs = createLogFormatRegistry().list()
  const detect = (head: string[]) => {
    const formats = defs.map((d) => compileLogFormat(d, time, { definitions: defs }))
    return detectLogFormat(head, withInferredLayout(head, formats, (d) => compileLogFormat(d, time)))?.format.definition.name
  }

  it('an application log and a Squid access log infer no ProFTPD layout and match no log format', () => {
    for (const [name, head] of [['app', app], ['squid', squid], ['app without its time', app.map((l) => l.slice(l.indexOf(' ') + 1))]] as const) {
      expect(layoutFromShapes(head), name).toBeUndefined()
      expect(detect(head), name).toBeUndefined()
    }
  })

  it('a pasted transcript is still an FTP dialog: its replies count, its bare commands only help', () => {
    expect(detect(['220 ftp.example.org ready', 'USER alice', '331 Password required', 'PASS secret', '230 Logged in', 'RETR report.pdf', '150 Opening', '426 Connection closed; transfer aborted'])).toBe('ftp-dialog')
  })
})
