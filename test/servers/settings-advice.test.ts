// Settings advice proven on real servers (issue 16, item 6): a capacity and a timeout scenario run
// with the lab's tight setting, ftplog (in-process) reads the incident and its recommended value
// from the log, the real server restarts with that value applied, and the same client load runs
// again without the incident. Run with `npm run test:servers` (root; the lab's ports and home:
// always under `flock /tmp/ftplab.lock`).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../../src/report/report-schema'
import { ftplogReport } from './lab/ftplog-check'
import { RUNS_DIR } from './lab/paths'
import { stopAll } from './lab/process'
import { ensureSetup, runLab, type LabRun } from './lab/run-lab'
import { LIMITS, scenarioById, TIMEOUTS, type ScenarioId } from './lab/scenarios'
import type { ServerOptions } from './lab/servers'
import type { Cause, ServerName } from './lab/types'

const ONLY = process.env['LAB_SERVERS']?.split(',').filter(Boolean)
const log = (m: string): void => {
  process.stderr.write(`[lab] ${m}\n`)
}

interface AdviceCase {
  readonly server: ServerName
  readonly scenario: ScenarioId
  readonly cause: Cause
  readonly directive: string
  /** the lab's tight value, as the server runs it in the first run */
  readonly tight: number
  /** the logs the recommendation is read from (the first one's values are applied) and checked again */
  readonly logs: readonly string[]
}

/** How a recommended value is applied to the lab's server, by directive. */
const APPLY: Readonly<Record<string, (value: number) => ServerOptions>> = {
  max_per_ip: (v) => ({ maxPerIp: v }),
  TimeoutIdle: (v) => ({ timeoutIdle: v }),
  TimeoutNoTransfer: (v) => ({ timeoutNoTransfer: v }),
}

const CASES: readonly AdviceCase[] = [
  { server: 'vsftpd', scenario: 'per-ip-limit', cause: 'capacity', directive: 'max_per_ip', tight: LIMITS.vsftpd.perIp, logs: ['vsftpd.log'] },
  { server: 'proftpd', scenario: 'idle-timeout', cause: 'idle-timeout', directive: 'TimeoutIdle', tight: TIMEOUTS.proftpd.idle, logs: ['system.log', 'trace.log'] },
]

/** Runs that apply advice, after the tight one: the next-tightest setting may cut the same client next (ProFTPD's TimeoutNoTransfer after TimeoutIdle). */
const MAX_APPLIED_RUNS = 3

/** What each case measured, written to .lab/runs/settings-advice.json for docs/real-servers.md. */
const measured: Record<string, unknown>[] = []

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('the lab needs root (it creates users and starts servers); run it as root')
  await ensureSetup(log)
})

afterAll(async () => {
  await stopAll()
  writeFileSync(join(RUNS_DIR, 'settings-advice.json'), `${JSON.stringify(measured, null, 2)}\n`)
})

function incidentsOf(r: Report, cause: Cause): Report['incidents'] {
  return r.incidents.filter((i) => i.cause === cause)
}

/** The recommended values of every incident's settings that the lab can apply. */
function recommendations(r: Report): Record<string, number> {
  const out: Record<string, number> = {}
  for (const i of r.incidents) for (const s of i.advice.settings) if (s.recommended !== null && APPLY[s.directive]) out[s.directive] = Number(s.recommended)
  return out
}

describe.sequential('settings advice applied to the real server removes the incident', () => {
  for (const c of CASES) {
    test.skipIf(ONLY !== undefined && !ONLY.includes(c.server))(`${c.server} ${c.directive} (${c.scenario})`, async () => {
      const scenario = scenarioById(c.scenario)
      const tight: LabRun = await runLab(c.server, [scenario], { runId: `advice-${c.scenario}-0`, log })
      // The server's own configuration, as the lab wrote it for this run.
      const config = join(tight.runDir, `${c.server}.conf`)
      const before = await ftplogReport(tight.logs[c.logs[0]!]!, undefined, ['--server-config', config])
      const incidents = incidentsOf(before, c.cause)
      expect(incidents, `${c.logs[0]}: the tight run must show the ${c.cause} incident`).toHaveLength(1)
      const setting = incidents[0]!.advice.settings.find((s) => s.directive === c.directive)
      expect(setting, `${c.directive} in settings[]`).toBeDefined()
      // The configured value comes from the configuration with its line; the evidence from the log.
      expect(setting).toMatchObject({ isDefault: false, configured: String(c.tight) })
      expect(setting!.source, 'source: the configuration file and line').toMatch(/:\d+$/)
      expect(setting!.source!.startsWith(`${config}:`)).toBe(true)
      expect(setting!.recommended).not.toBeNull()
      const recommended = Number(setting!.recommended)
      expect(recommended).toBeGreaterThan(c.tight)
      for (const other of c.logs.slice(1)) {
        const r = await ftplogReport(tight.logs[other]!, undefined, ['--server-config', config])
        expect(incidentsOf(r, c.cause)[0]?.advice.settings.find((s) => s.directive === c.directive)?.recommended, `${other} recommends the same`).toBe(setting!.recommended)
      }

      // Apply the advice, run the same client load again, and again while ftplog still advises.
      let applied: Record<string, number> = recommendations(before)
      const steps: Record<string, unknown>[] = []
      let last: LabRun | undefined
      for (let n = 1; n <= MAX_APPLIED_RUNS; n++) {
        const options = Object.assign({}, ...Object.entries(applied).map(([d, v]) => APPLY[d]!(v))) as ServerOptions
        last = await runLab(c.server, [scenario], { runId: `advice-${c.scenario}-${n}`, serverOptions: options, log })
        const reports = await Promise.all(c.logs.map((name) => ftplogReport(last!.logs[name]!)))
        reports.forEach((r, k) => expect(incidentsOf(r, c.cause), `${c.logs[k]} after applying ${JSON.stringify(applied)}`).toEqual([]))
        const causes = reports[0]!.incidents.map((i) => i.cause)
        steps.push({ applied, incidents: causes })
        log(`${c.server} run ${n} with ${JSON.stringify(applied)}: incidents ${JSON.stringify(causes)}`)
        const next = { ...applied, ...recommendations(reports[0]!) }
        if (causes.length === 0 || JSON.stringify(next) === JSON.stringify(applied)) break
        applied = next
      }
      // The last run: no incident in the log, and the clients saw no refusal or cut.
      expect(steps[steps.length - 1]).toMatchObject({ incidents: [] })
      const replies = last!.observed.flatMap((o) => o.sessions.flatMap((s) => s.replies.map((r) => r.code)))
      expect(replies.filter((code) => code === 421 || code === 530)).toEqual([])
      measured.push({ server: c.server, scenario: c.scenario, directive: c.directive, tight: c.tight, recommended, reason: setting!.reason, steps })
      log(`${c.server} ${c.directive}: ${c.tight} → ${recommended} (${setting!.reason})`)
    })
  }
})
