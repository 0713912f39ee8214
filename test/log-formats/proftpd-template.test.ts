import { describe, expect, it } from 'vitest'
import { InvalidTemplateError } from '../../src/errors.js'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { logFormatFromTemplate, TEMPLATE_LOG_FORMAT } from '../../src/log-formats/proftpd-template.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { analyze } from '../helpers/corpus.js'
import { corpus } from '../helpers/paths.js'
import { itNeeding } from '../helpers/needs.js'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { candidateProftpdLayouts } from '../../src/log-formats/infer-proftpd-layout.js'
import { validateLogFormat } from '../../src/log-formats/validate-log-format.js'

const time = { timeZone: 'UTC', year: 2024 }
const build = (template: string) => {
  const registry = createLogFormatRegistry([logFormatFromTemplate(template)])
  const def = registry.get(TEMPLATE_LOG_FORMAT)
  return { registry, def, format: compileLogFormat(def, time) }
}

const TEMPLATES = [
  '%h %l %u %t "%r" %s %b',
  '%{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E"',
  '%t %a %u %m "%f" %s %b',
  '%{epoch} %a %{remote-port} %U "%r" %s "%S" %T %{transfer-type} %{protocol}',
  '%{%Y-%m-%d %H:%M:%S}t [%P] %h "%r" %s %b %{NAME}e',
  // Variables src/jot.c reads that mod_log.html does not list.
  '%{time:%Y-%m-%d %H:%M:%S} %a %{note:mod_auth.orig-user} "%r" %s %{file-offset} "%{var:x}"',
  '%{ISO8601} %a %u "%r" %s 100%% %{env:LANG}',
  '%h %t %J "%r" %s',
]

/** `count` LogFormats of random variables (seeded): a time first or not, values quoted or bare. */
function randomTemplates(count: number): string[] {
  const vars = ['%a', '%h', '%l', '%u', '%U', '%m', '%r', '%J', '%f', '%F', '%s', '%S', '%b', '%T', '%E', '%{transfer-status}', '%{transfer-failure}', '%P', '%{protocol}', '%{remote-port}', '%{transfer-type}', '%{uid}', '%{file-size}']
  const times = ['', '%t ', '%{iso8601} ', '%{epoch} ', '%{%Y-%m-%d %H:%M:%S}t ', '[%{%d/%b/%Y:%H:%M:%S %z}t] ']
  let seed = 7
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
  const out: string[] = []
  while (out.length < count) {
    const n = 2 + next(7)
    const picked = Array.from({ length: n }, () => vars[next(vars.length)]!)
    if (!picked.some((v) => v === '%s' || v === '%r' || v === '%m')) picked.push('%s')
    out.push(times[next(times.length)]! + [...new Set(picked)].map((v) => (next(2) === 0 ? `"${v}"` : v)).join(' '))
  }
  return out
}

describe('logFormatFromTemplate builds complete definitions', () => {
  it('the schema accepts each and leaves it as it is, so it compiles without validation', () => {
    let built = 0
    for (const template of [...TEMPLATES, ...candidateProftpdLayouts(), ...randomTemplates(300)]) {
      for (const options of [{}, { name: 'proftpd-extended', title: 't', priority: 0, origin: 'the inferred LogFormat' }]) {
        let def
        try {
          def = logFormatFromTemplate(template, options)
        } catch (error) {
          expect(error, template).toBeInstanceOf(InvalidTemplateError)
          continue
        }
        expect(validateLogFormat(def), template).toStrictEqual(def)
        built++
      }
    }
    expect(built).toBeGreaterThan(300)
  })
})

describe('ProFTPD --template', () => {
  for (const template of TEMPLATES) {
    it(`${template}: validates and parses the line it renders`, () => {
      const { def, format } = build(template)
      for (const sample of def.samples) {
        expect(format.match(sample.line)?.id, sample.line).toBe(sample.pattern)
        const record = format.parse(sample.line, 1)!.record as unknown as Record<string, unknown>
        for (const [k, v] of Object.entries(sample.expect)) expect(record[k], k).toEqual(v)
        expect(record.time).toBeTypeOf('number')
      }
    })
  }

  it('reads the analyzer-friendly format, EXIT lines included', () => {
    const { format } = build('%{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E"')
    const retr = format.parse('2024-01-15 10:24:10,456 192.0.2.10 alice RETR "my report.pdf" 426 "Transfer aborted. Data connection closed" failed "Data connection closed" "-"', 1)!.record
    expect(retr).toMatchObject({ kind: 'exchange', verb: 'RETR', arg: 'my report.pdf', code: 426, text: 'Transfer aborted. Data connection closed', status: 'incomplete', client: '192.0.2.10' })
    const exit = format.parse('2024-01-15 10:39:10,000 192.0.2.10 alice EXIT "-" - "-" - "-" "Timeout exceeded: TimeoutIdle"', 2)!.record
    expect(exit).toMatchObject({ kind: 'disconnect', message: 'Timeout exceeded: TimeoutIdle' })
  })

  it('reads variables as src/jot.c does: a % that starts none is written as it is, %%h is a percent and the host', () => {
    const { format } = build('%%h [%{time:%d/%b/%Y %H:%M:%S}] "%r" %s 50% %{note:mod_core.rnfr-path}')
    const r = format.parse('%192.0.2.7 [15/Jan/2024 10:24:02] "RNTO b c.txt" 250 50% /srv/a b.txt', 1)!.record
    expect(r).toMatchObject({ client: '192.0.2.7', verb: 'RNTO', arg: 'b c.txt', code: 250, time: Date.UTC(2024, 0, 15, 10, 24, 2) })
    // %{iso8601} in any case; %{NAME}e and %{env:NAME} alike.
    expect(build('%{IsO8601} %a "%r" %s %{HOME}e').format.parse('2024-01-15 10:24:02,123 192.0.2.7 "QUIT" 221 /root', 1)!.record).toMatchObject({ code: 221, time: Date.UTC(2024, 0, 15, 10, 24, 2, 123) })
    // The name-holding variables need their name: %{env}, %{note} and %{var} alone are unknown.
    for (const bare of ['%{env}', '%{note}', '%{var}']) expect(() => logFormatFromTemplate(`%h "%r" %s ${bare}`), bare).toThrow(/unknown LogFormat variable/)
    expect(() => logFormatFromTemplate('%h "%r" %s %{notes:x}')).toThrow(/%\{note:NAME\}/)
  })

  it('rejects unknown variables and templates with nothing to read', () => {
    expect(() => logFormatFromTemplate('%h %Q')).toThrow(InvalidTemplateError)
    expect(() => logFormatFromTemplate('%h %u %t')).toThrow(/none of %r, %m, %s/)
    expect(() => logFormatFromTemplate('%h "%r" "%J" %s')).not.toThrow()
    expect(() => logFormatFromTemplate('%h %r %J %s')).toThrow(/quote them/)
    // Only a lone space between two space-holding values is ambiguous: a quote is enough.
    expect(() => logFormatFromTemplate('%h %J "%r" %s')).not.toThrow()
  })

  itNeeding('corpus', 'reads the hosting-provider layout of the corpus with its LogFormat', async () => {
    const registry = createLogFormatRegistry([logFormatFromTemplate('%t %a %u %m "%f" %s %b')])
    const state = await analyzeInputs([corpus('proftpd-extended/belpassowater-xferlog-custom.log')], { logFormats: registry, logFormat: TEMPLATE_LOG_FORMAT, year: 2024 })
    expect(state.inputs[0]).toMatchObject({ logFormat: TEMPLATE_LOG_FORMAT, detection: 'forced', recognizedLines: 241, unrecognizedLines: 0 })
    expect({ ...state.replies }).toEqual({ '226': 241 })
    const bundled = await analyze([corpus('proftpd-extended/belpassowater-xferlog-custom.log')])
    expect({ ...bundled.replies }).toEqual({ '226': 241 })
  })
})
