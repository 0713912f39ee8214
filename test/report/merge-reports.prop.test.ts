import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { buildReport } from '../../src/report/build-report.js'
import { parseFailOn } from '../../src/report/fail-on.js'
import { mergeReports, readReport } from '../../src/report/merge-reports.js'
import type { Report, ReportIncident } from '../../src/report/report-schema.js'
import { fixture } from '../helpers/paths.js'

/** Every bundled real-server log and every edge-case fixture: three servers, many causes. */
const FILES = [
  ['real', 'vsftpd', 'vsftpd.log'],
  ['real', 'vsftpd', 'xferlog'],
  ['real', 'proftpd', 'extended-rich.log'],
  ['real', 'proftpd', 'extended.log'],
  ['real', 'proftpd', 'system.log'],
  ['real', 'proftpd', 'trace.log'],
  ['real', 'proftpd', 'transfer.log'],
  ['real', 'pure-ftpd', 'clf.log'],
  ['real', 'pure-ftpd', 'stats.log'],
  ['real', 'pure-ftpd', 'syslog.log'],
  ['real', 'pure-ftpd', 'w3c.log'],
  ['real', 'pure-ftpd', 'xferlog'],
  ['edge', 'clean-xferlog.log'],
  ['edge', 'empty.log'],
  ['edge', 'not-a-log.txt'],
  ['edge', 'vsftpd-bruteforce.log'],
  ['edge', 'vsftpd-incidents.log'],
].map((parts) => fixture(...parts))

const dir = mkdtempSync(join(tmpdir(), 'ftplog-merge-prop-'))
const opts = { failOn: parseFailOn('warning'), version: '0.1.0' }
const catalog = createCatalog()
const logFormats = createLogFormatRegistry()

/**
 * The report of one `analyze` run over `paths` (year 2024, as the golden reports), unpaired: a
 * merge cannot pair logs analysed in separate runs (docs/inputs.md "Paired logs").
 */
async function runReport(paths: readonly string[]): Promise<Report> {
  return buildReport(await analyzeInputs(paths, { catalog, logFormats, year: 2024 }, { pairing: false }), { catalog, ...opts })
}

/**
 * Where to cut a file: at a share of its lines, or right after its `n`th line holding a 4xx
 * reply code (mostly incident events), so that incidents end up split across runs.
 */
type Cut = { share: number } | { after4xx: number }

/** The file, or its two halves, written once. */
function pieces(path: string, cut: Cut | null): string[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  if (cut === null || lines.length < 3) return [path]
  const anchors = lines.flatMap((l, i) => (/\b4\d\d\b/.test(l) && i + 1 < lines.length ? [i + 1] : []))
  const at = 'share' in cut || anchors.length === 0 ? 1 + Math.floor(('share' in cut ? cut.share : 0.5) * (lines.length - 2)) : anchors[cut.after4xx % anchors.length]!
  const base = join(dir, `${path.split('/').slice(-2).join('-')}.${at}`)
  // Named so as not to form a rotated set (`x.1` + `x.2`), which one run would read as one log.
  writeFileSync(`${base}-a`, `${lines.slice(0, at).join('\n')}\n`)
  writeFileSync(`${base}-b`, lines.slice(at).join('\n'))
  return [`${base}-a`, `${base}-b`]
}

const cutArb: fc.Arbitrary<Cut> = fc.oneof(
  fc.record({ share: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) }),
  fc.record({ after4xx: fc.nat() }),
)

/** Some of the files, in any order, some cut in two, spread over up to four runs. */
const splitArb = fc.record({
  files: fc.shuffledSubarray(FILES, { minLength: 1 }),
  cuts: fc.array(fc.option(cutArb, { freq: 2 }), { minLength: FILES.length, maxLength: FILES.length }),
  runs: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2 * FILES.length, maxLength: 2 * FILES.length }),
})

/**
 * The report with the clients, users and files of each incident joined from incidents of several
 * `parts` sorted by name: the one thing reports do not carry back (their per-incident counts).
 */
function withJoinedListsSorted(report: Report, parts: readonly Report[]): Report {
  const overlaps = (a: ReportIncident, b: ReportIncident): boolean =>
    a.server === b.server && a.cause === b.cause && (a.firstSeen === null || b.firstSeen === null || (b.firstSeen <= a.lastSeen! && a.firstSeen <= b.lastSeen!))
  const incidents = report.incidents.map((i) => {
    if (parts.filter((p) => p.incidents.some((j) => overlaps(i, j))).length < 2) return i
    return { ...i, clients: [...i.clients].sort(), users: [...i.users].sort(), files: [...i.files].sort() }
  })
  return { ...report, incidents }
}

describe('mergeReports on real logs', () => {
  it('gives the report of one run over all inputs, for any split of them into runs', async () => {
    await fc.assert(
      fc.asyncProperty(splitArb, async ({ files, cuts, runs }) => {
        const inputs = files.flatMap((f, i) => pieces(f, cuts[i] ?? null))
        const groups: string[][] = [[], [], [], []]
        inputs.forEach((p, i) => groups[runs[i]!]!.push(p))
        const reports: Report[] = []
        for (const g of groups.filter((g) => g.length > 0)) reports.push(await runReport(g))
        const merged = mergeReports(
          reports.map((r, i) => ({ name: `${i}.json`, report: readReport(JSON.stringify(r), `${i}.json`) })),
          opts,
        )
        // No input here reaches a cap (20 clients, users or files per incident and in `top`, 100
        // per table, 5 samples, 1000 brute-force windows), so nothing may differ but the order
        // of the lists of incidents joined from several reports (see reportToState).
        expect(withJoinedListsSorted(merged, reports)).toEqual(withJoinedListsSorted(await runReport(inputs), reports))
      }),
      { numRuns: Number(process.env.T14_RUNS ?? 20) },
    )
  }, 120_000)
})
