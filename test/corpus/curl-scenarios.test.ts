import { codeEvents } from '../../src/analyze/state.js'
import { describe, expect, it } from 'vitest'
import { analyze } from '../helpers/corpus.js'
import { corpus } from '../helpers/paths.js'
import { describeNeeding } from '../helpers/needs.js'

// EXPECTED.md section 5 and PROVENANCE.md: each curl test scenario makes curl's test server send
// particular replies ("REPLY PASS 530 …", "NODATACONN421"). The transcripts of the same scenario
// as the server logged it (curl-transcripts), as curl -v printed it (curl-verbose) and as
// --trace-ascii recorded it (curl-trace) must all show that reply.
const SCENARIO_REPLY: Record<string, Record<string, number>> = {
  '113': { '314': 1 },
  '144': { '450': 1 },
  '145': { '550': 1 },
  '147': { '550': 1 },
  '148': { '550': 2 },
  '195': { '530': 1 },
  '196': { '430': 1 },
  '229': { '332': 1, '532': 1 },
  '236': { '550': 1 },
  '261': { '226': 2 },
  '280': { '530': 1 },
  '295': { '332': 1 }, // curl stops at the 332 (no --ftp-account), so the PWD 530 never comes
  '348': { '552': 1 },
  '354': { '200': 2 },
  '531': { '425': 1 },
  '533': { '550': 2 },
  '546': { '550': 1 },
  '591': { '425': 1, '500': 1 },
  '592': { '421': 1, '500': 1 },
  '1096': { '550': 2 },
  '1102': { '257': 1, '215': 1, '250': 1 },
  '1108': { '550': 1 },
  '1120': { '421': 1 },
  '1206': { '425': 1 },
  '1207': { '421': 1 },
  '1219': { '230': 1 },
  '1282': { '633': 1 },
  '1414': { '502': 2 },
  '1913': { '550': 1 },
  '3027': { '550': 1 },
}
const SOURCES = [
  (t: string) => corpus('curl-transcripts', `curl-test${t}.txt`),
  (t: string) => corpus('curl-verbose', `curl788-v-test${t}.log`),
  (t: string) => corpus('curl-trace', `curl-test${t}.trace`),
]

describeNeeding('corpus', 'curl test scenarios: the replies their server instructions ask for', () => {
  for (const [test, replies] of Object.entries(SCENARIO_REPLY)) {
    it(`test ${test}`, async () => {
      const { existsSync } = await import('node:fs')
      const paths = SOURCES.map((s) => s(test)).filter((p) => existsSync(p))
      expect(paths.length).toBeGreaterThan(0)
      for (const path of paths) {
        const state = await analyze([path])
        for (const [code, n] of Object.entries(replies)) expect(state.replies[code] ?? 0, `${path} ${code}`).toBeGreaterThanOrEqual(n)
      }
    })
  }

  it('a 421 from the server is an incident in every curl client transcript of tests 1120 and 1207', async () => {
    for (const test of ['1120', '1207']) {
      for (const path of SOURCES.map((s) => s(test))) {
        const state = await analyze([path])
        expect(state.incidents.some((i) => codeEvents(i, '421') > 0), path).toBe(true)
      }
    }
  })
})
