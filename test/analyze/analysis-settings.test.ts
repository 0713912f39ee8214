import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANALYSIS_DEFAULTS, analysisRegistries, resolveAnalysisSettings, type AnalysisSettingsInput, workerSettings } from '../../src/analyze/analysis-settings.js'
import { analyzeInputs } from '../../src/analyze/analyze-inputs.js'
import type { AnalysisState } from '../../src/analyze/state.js'
import { startAnalysisWorker } from '../../src/analyze/worker-pool.js'
import { createCatalog } from '../../src/catalog/catalog.js'
import { resolveRunSettings } from '../../src/cli/run-settings.js'
import { FtplogError, InvalidSettingError } from '../../src/errors.js'
import { logFormatFromTemplate } from '../../src/log-formats/proftpd-template.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { buildReport } from '../../src/report/build-report.js'
import { bundleWorker } from '../helpers/bundle-worker.js'
import { fixture } from '../helpers/paths.js'

const catalog = createCatalog()
let dir: string
let workerUrl: URL
let echoUrl: URL

beforeAll(async () => {
  ;({ dir, workerUrl } = await bundleWorker('settings'))
  // A worker that answers every request with the workerData it was started with.
  const echo = join(dir, 'echo-worker.mjs')
  writeFileSync(
    echo,
    "import { parentPort, workerData } from 'node:worker_threads'\n" +
      "parentPort.on('message', (r) => parentPort.postMessage({ type: 'done', index: r.index, state: workerData }))\n",
  )
  echoUrl = pathToFileURL(echo)
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('resolveAnalysisSettings: every default in one place', () => {
  it('fills each unset setting from ANALYSIS_DEFAULTS and nothing else', () => {
    expect(resolveAnalysisSettings()).toEqual({
      logFormat: undefined,
      logFormatDefinitions: undefined,
      catalogData: undefined,
      timeZone: ANALYSIS_DEFAULTS.timeZone,
      year: undefined,
      maxLineBytes: ANALYSIS_DEFAULTS.maxLineBytes,
      incidentGapMs: ANALYSIS_DEFAULTS.incidentGapMs,
      filter: undefined,
      bruteForce: ANALYSIS_DEFAULTS.bruteForce,
    })
    expect(ANALYSIS_DEFAULTS).toEqual({ timeZone: 'UTC', maxLineBytes: 1 << 20, incidentGapMs: 300_000, bruteForce: { failures: 8, windowMs: 120_000, preset: 'wazuh' } })
  })

  it('keeps what is given, and resolves once: resolved settings come back as the same frozen object', () => {
    const given = { timeZone: 'Europe/Berlin', year: 2021, maxLineBytes: 4096, incidentGapMs: 60_000, filter: { users: ['root'] } }
    const s = resolveAnalysisSettings(given)
    expect(s).toMatchObject(given)
    expect(Object.isFrozen(s)).toBe(true)
    expect(resolveAnalysisSettings(s)).toBe(s)
    // A copy is resolved again, to equal settings.
    expect(resolveAnalysisSettings({ ...s })).not.toBe(s)
    expect(resolveAnalysisSettings({ ...s })).toEqual(s)
  })

  it('the CLI gives only what flags and config say; the library applies the defaults', () => {
    const run = resolveRunSettings({}, undefined, Date.UTC(2024, 0, 1))
    expect(Object.entries(run.analysis).filter(([, v]) => v !== undefined)).toEqual([])
    const flagged = resolveRunSettings({ timezone: 'Europe/Berlin', incidentGap: '1m', year: '2021', bruteforce: 'zeek' }, { config: { maxLineBytes: '4k' }, name: 'ftplog.config.json' }, 0)
    expect(resolveAnalysisSettings(flagged.analysis)).toMatchObject({
      timeZone: 'Europe/Berlin',
      incidentGapMs: 60_000,
      year: 2021,
      maxLineBytes: 4096,
      bruteForce: { preset: 'zeek' },
    })
    expect(flagged.labels).toMatchObject({ timeZone: '--timezone', maxLineBytes: 'ftplog.config.json: maxLineBytes' })
  })

  it('uses registries it is given as they are, and carries them as data a worker can rebuild them from', () => {
    const logFormats = createLogFormatRegistry([logFormatFromTemplate('%h %u %t "%r" %s')])
    const s = resolveAnalysisSettings({ logFormats, catalog, logFormat: 'proftpd-template' })
    expect(analysisRegistries(s).logFormats).toBe(logFormats)
    expect(analysisRegistries(s).catalog).toBe(catalog)
    const copy = structuredClone(s)
    expect(copy).toEqual(s)
    const rebuilt = analysisRegistries(copy)
    expect(rebuilt.logFormats).not.toBe(logFormats)
    expect(rebuilt.logFormats.list()).toEqual(logFormats.list())
    expect(rebuilt.catalog.entries).toEqual(catalog.entries)
    expect(rebuilt.catalog.rules).toEqual(catalog.rules)
  })

  it('rejects an unusable value with a code and data, naming no CLI flag', () => {
    const cases: [AnalysisSettingsInput, string, unknown][] = [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'Mars/Olympus'],
      [{ logFormat: 'nope' }, 'logFormat', 'nope'],
      [{ year: 24.5 }, 'year', 24.5],
      [{ maxLineBytes: 0 }, 'maxLineBytes', 0],
      [{ incidentGapMs: -1 }, 'incidentGapMs', -1],
      [{ filter: { clients: ['192.0.2.0/24', '192.0.2.0/40'] } }, 'filter', '192.0.2.0/40'],
    ]
    for (const [input, setting, value] of cases) {
      let error: unknown
      try {
        resolveAnalysisSettings(input)
      } catch (e) {
        error = e
      }
      expect(error, setting).toBeInstanceOf(InvalidSettingError)
      const e = error as FtplogError
      expect(e.code).toBe('FTPLOG_INVALID_SETTING')
      expect(e.data).toEqual({ setting, value })
      expect(e.message).not.toMatch(/--[a-z]/)
    }
  })

  it('takes definitions and catalog data only through the registries that validate them', () => {
    const raw = { logFormatDefinitions: [{ name: 'not-validated' }], catalogData: { messages: 'not validated' } }
    for (const [setting, value] of Object.entries(raw)) {
      const input = { [setting]: value } as unknown as AnalysisSettingsInput
      expect(() => resolveAnalysisSettings(input), setting).toThrow(InvalidSettingError)
      expect(() => resolveAnalysisSettings(input), setting).toThrow(setting === 'catalogData' ? /createCatalog/ : /createLogFormatRegistry/)
    }
    // What a registry validated travels as settings data, and is taken as it is from settings resolved before.
    const s = resolveAnalysisSettings({ logFormats: createLogFormatRegistry([logFormatFromTemplate('%h %u %t "%r" %s')]), catalog })
    expect(s.logFormatDefinitions?.map((d) => d.name)).toContain('proftpd-template')
    expect(resolveAnalysisSettings(s)).toBe(s)
  })
})

describe('one settings object for every lane', () => {
  it('a worker thread is started with the settings themselves (a structured clone)', async () => {
    const s = resolveAnalysisSettings({ catalog, timeZone: 'Asia/Tokyo', year: 2022, filter: { clients: ['192.0.2.1'] }, bruteForce: { failures: 3, windowMs: 60_000, preset: null } })
    const worker = startAnalysisWorker(echoUrl, s)
    try {
      const received = await worker.analyze({ index: 0, input: { path: 'x.log', size: 0, mtimeMs: 0 }, now: 0 }, () => {})
      expect(received as unknown).toEqual(s)
    } finally {
      await worker.close()
    }
  })

  it('the main thread alone and with worker threads give the same report under non-default settings', async () => {
    const paths = [fixture('edge', 'vsftpd-incidents.log'), fixture('edge', 'vsftpd-bruteforce.log'), fixture('edge', 'clean-xferlog.log'), fixture('edge', 'vsftpd-incidents.log')]
    const input: AnalysisSettingsInput = {
      catalog,
      timeZone: 'America/New_York',
      year: 2023,
      incidentGapMs: 30_000,
      bruteForce: { failures: 3, windowMs: 60_000, preset: null },
    }
    const report = (state: AnalysisState, s: AnalysisSettingsInput): unknown =>
      buildReport(state, { catalog, version: 'test', incidentGapMs: s.incidentGapMs, bruteForce: s.bruteForce })
    const settings = resolveAnalysisSettings(input)
    const one = report(await analyzeInputs(paths, settings, { jobs: 1 }), input)
    const three = report(await analyzeInputs(paths, settings, { jobs: 3, workerUrl }), input)
    expect(three).toEqual(one)
    // The settings matter: with the defaults the report differs, so a lane ignoring them would show.
    const defaults = report(await analyzeInputs(paths, { catalog }, { jobs: 1 }), {})
    expect(defaults).not.toEqual(one)
  })
})

describe('AnalysisSettings.configured', () => {
  it('is kept by resolveAnalysisSettings and left out of what worker threads receive', () => {
    const configured = () => undefined
    const settings = resolveAnalysisSettings({ configured })
    expect(settings.configured).toBe(configured)
    const sent = workerSettings(settings)
    expect(sent.configured).toBeUndefined()
    expect(() => structuredClone(sent)).not.toThrow()
    expect(workerSettings(resolveAnalysisSettings())).toEqual(resolveAnalysisSettings())
  })
})
