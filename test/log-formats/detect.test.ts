import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { analyzeSource } from '../../src/analyze/analyze-input.js'
import { resolveAnalysisSettings } from '../../src/analyze/analysis-settings.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { detectLogFormat, DETECT_LINES } from '../../src/log-formats/detect.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { analyze, corpusFiles } from '../helpers/corpus.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding, itNeeding } from '../helpers/needs.js'

const registry = createLogFormatRegistry()
const catalog = createCatalog()
const time = { timeZone: 'UTC', year: 2024 }
const compileAll = () => registry.list().map((d) => compileLogFormat(d, time, { definitions: registry.list() }))

/** Head-line match counts per log format, as detection scores them. */
function scores(lines: readonly string[]): Record<string, number> {
  const head = lines.filter((l) => l.trim().length > 0).slice(0, DETECT_LINES)
  const out: Record<string, number> = {}
  for (const format of compileAll()) {
    let n = 0
    for (const line of head) {
      const p = format.match(line)
      if (p && !p.weak && p.kind !== 'not-ftp') n++
    }
    if (n > 0) out[format.definition.name] = n
  }
  return out
}

const settings = resolveAnalysisSettings({ logFormats: registry, catalog, timeZone: 'UTC', year: 2024, maxLineBytes: 1 << 20, incidentGapMs: 300_000 })

async function analyzeText(text: string, path = 'mixed.log') {
  return analyzeSource({ path, mtimeMs: Date.UTC(2024, 11, 31) } as never, Readable.from([Buffer.from(text)]), settings, { now: Date.UTC(2024, 11, 31) })
}

describe('detection: each family against the others', () => {
  // A file built from a log format's own (non-weak) samples is detected as that log format.
  for (const def of registry.list()) {
    if (def.dispatch) continue
    it(`${def.name}: its samples are claimed by no other log format`, () => {
      const weak = new Set(def.patterns.filter((p) => p.weak).map((p) => p.id))
      const lines = def.samples.filter((s) => !weak.has(s.pattern)).flatMap((s) => [...s.context, s.line])
      const found = detectLogFormat(lines, compileAll())
      expect(found?.format.definition.name).toBe(def.name)
    })
  }

  // On every corpus file, the chosen log format wins outright: no other log format scores as high,
  // except the syslog container, which ties a file holding a single daemon's syslog lines (the
  // daemon's own log format comes first and keeps the file).
  describeNeeding('corpus', 'corpus files', () => {
    for (const folder of corpusFiles('.').filter((f) => !f.endsWith('.md'))) {
      it(folder, async () => {
        for (const file of corpusFiles(folder)) {
          if (file.endsWith('LICENSE.txt')) continue
          const path = corpus(folder, file)
          const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(0, 500)
          const s = scores(lines)
          const state = await analyze([path])
          const chosen = state.inputs[0]!.logFormat!
          for (const [name, n] of Object.entries(s)) {
            if (name === chosen || name === 'syslog') continue
            expect(n, `${folder}/${file}: ${name} scores ${n} against ${chosen} ${s[chosen]}`).toBeLessThan(s[chosen]!)
          }
        }
      })
    }
  })
})

describe('mixed inputs', () => {
  const MIXED = [
    'Jan 15 10:23:40 ftp01 sshd[812]: Accepted publickey for root from 192.0.2.9 port 50514 ssh2',
    'Jan 15 10:23:45 ftp01 vsftpd[2107]: [alice] FAIL LOGIN: Client "192.0.2.10"',
    'Jan 15 10:23:46 ftp01 CRON[9001]: (root) CMD (run-parts /etc/cron.hourly)',
    'Jan 15 10:23:47 ftp01 proftpd[4242]: ftp01 (client.example.net[192.0.2.11]) - USER bob (Login failed): Incorrect password',
    'Jan 15 10:23:48 ftp01 pure-ftpd: (?@192.0.2.12) [WARNING] Authentication failed for user [carol]',
    'Jan 15 10:23:49 ftp01 kernel: [12345.678] eth0: link up',
    'Jan 15 10:23:50 ftp01 vsftpd[2108]: [alice] OK LOGIN: Client "192.0.2.10"',
    'Jan 15 10:24:00 ftp01 pure-ftpd: (?@192.0.2.13) [INFO] Timeout - try typing a little faster next time',
  ]

  it('a /var/log/messages with several FTP daemons and other programs', async () => {
    const state = await analyzeText(MIXED.join('\n') + '\n')
    const input = state.inputs[0]!
    expect(input.logFormat).toBe('syslog')
    expect(input.notFtpLines).toBe(3)
    expect(input.unrecognizedLines).toBe(0)
    expect(input.recognizedLines).toBe(5)
    expect({ ...state.logins.failedByClient.counts }).toEqual({ '192.0.2.10': 1, '192.0.2.11': 1, '192.0.2.12': 1 })
    expect(state.logins.ok).toBe(1)
  })

  it('the same lines as journalctl -o short-iso and as RFC 5424', async () => {
    const iso = MIXED.map((l) => l.replace(/^Jan 15 (\d\d:\d\d:\d\d)/, '2024-01-15T$1+00:00'))
    const rfc5424 = MIXED.map((l) => {
      const m = /^Jan 15 (\S+) (\S+) ([^[:]+)(?:\[(\d+)\])?: (.*)$/.exec(l)!
      return `<30>1 2024-01-15T${m[1]}Z ${m[2]} ${m[3]} ${m[4] ?? '-'} - - ${m[5]}`
    })
    for (const lines of [iso, rfc5424]) {
      const state = await analyzeText(lines.join('\n'))
      expect(state.inputs[0]!.logFormat).toBe('syslog')
      expect(state.inputs[0]!.notFtpLines).toBe(3)
      expect(state.logins.failed).toBe(3)
      expect(state.inputs[0]!.firstTime).toBe(Date.UTC(2024, 0, 15, 10, 23, 40))
    }
  })

  it('journalctl -o json', async () => {
    const json = MIXED.map((l) => {
      const m = /^Jan 15 (\d\d):(\d\d):(\d\d) (\S+) ([^[:]+)(?:\[(\d+)\])?: (.*)$/.exec(l)!
      const us = Date.UTC(2024, 0, 15, +m[1]!, +m[2]!, +m[3]!) * 1000
      return JSON.stringify({ __REALTIME_TIMESTAMP: String(us), _HOSTNAME: m[4], SYSLOG_IDENTIFIER: m[5], _PID: m[6], MESSAGE: m[7] })
    })
    const state = await analyzeText([...json, '-- Boot 3f9e0b5c1d2a4e6f8a7b9c0d1e2f3a4b --'].join('\n'))
    const input = state.inputs[0]!
    expect(input.logFormat).toBe('syslog')
    expect(input.notFtpLines).toBe(3)
    expect(input.recognizedLines).toBe(6)
    expect(state.logins.failed).toBe(3)
  })

  it('one daemon among other programs keeps its own log format; the others are not FTP', async () => {
    const lines = MIXED.filter((l) => !/proftpd|pure-ftpd/.test(l))
    const state = await analyzeText(lines.join('\n'))
    expect(state.inputs[0]!.logFormat).toBe('vsftpd')
    expect(state.inputs[0]!.notFtpLines).toBe(3)
    expect(state.inputs[0]!.unrecognizedLines).toBe(0)
  })

  itNeeding('corpus', 'several inputs of different families in one run each get their own log format', async () => {
    const files = ['vsftpd/crowdsec-vsftpd-bf.log', 'pureftpd/crowdsec-pureftpd-bf.log', 'iis-ftp/ipban-recipe-iis-ftp-examples.log', 'lftp/lftp492-d-test1120.log', 'zeek-ftp/zeek-baseline-ftp-ipv4.ftp.log']
    const state = await analyze(files.map((f) => corpus(f)))
    expect(state.inputs.map((i) => i.logFormat)).toEqual(['vsftpd', 'pure-ftpd', 'iis-ftp', 'lftp-debug', 'zeek-ftp'])
    expect(state.logins.failedByClient.counts['93.24.101.89']).toBe(6)
    expect(state.logins.failedByClient.counts['172.21.10.2']).toBe(15)
  })
})
