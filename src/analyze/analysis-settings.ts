import { basename, resolve } from 'node:path'
import { bundledCatalog, compileCatalog, type Catalog } from '../catalog/compile-catalog.js'
import type { CatalogData } from '../catalog/schema.js'
import { InvalidSettingError } from '../errors.js'
import { bundledLogFormats } from '../log-formats/bundled-log-formats.js'
import { indexLogFormats, type LogFormatRegistry } from '../log-formats/index-log-formats.js'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import type { ConfiguredLookup } from '../model/server-settings.js'
import { DEFAULT_BRUTE_FORCE_RULE, MAX_BRUTE_FORCE_FAILURES, type BruteForceRule } from '../security/brute-force-rule.js'
import { assertTimeZone } from '../time/zoned-time.js'
import { clientFilterProblem, type EventFilter } from './event-filter.js'

/**
 * The settings of one analysis, every default applied: what `analyzeInputs`, `analyzeSource`,
 * the worker threads and `followLog` read, and all they read. Plain data (structured-clone
 * safe) but for `configured`: worker threads receive this object without it
 * ({@link workerSettings}) and rebuild the registries from it with {@link analysisRegistries}.
 * Build it with {@link resolveAnalysisSettings}; `docs/settings.md` lists each setting with its
 * CLI flag, config key and default.
 */
export interface AnalysisSettings {
  /** Force this log format for every input; `undefined` detects one per input. */
  readonly logFormat: string | undefined
  /** Validated log-format definitions in detection priority order; `undefined` = the bundled ones. */
  readonly logFormatDefinitions: readonly LogFormatDefinition[] | undefined
  /** Server-message catalog data as `createCatalog` takes it; `undefined` = the bundled catalog. */
  readonly catalogData: CatalogData | undefined
  /** IANA zone for timestamps written without one. */
  readonly timeZone: string
  /** Year for year-less timestamps; `undefined` = each file's modification year (stdin: the current year). */
  readonly year: number | undefined
  /** Lines over this many bytes are counted and skipped. */
  readonly maxLineBytes: number
  /** Largest quiet time inside one incident, in ms. */
  readonly incidentGapMs: number
  /**
   * Keep only these incident events, login attempts and timeline points; `undefined` keeps all.
   * Line accounting and the reply, session, login and transfer totals still cover every line.
   */
  readonly filter: EventFilter | undefined
  /** Brute-force threshold of the security summary. */
  readonly bruteForce: BruteForceRule
  /**
   * The servers' configured values, for advice that names a setting (`configuredLookup` of
   * src/server-config/configured-lookup.ts over `--server-config` files and configurations found
   * among the inputs); `undefined`: no configuration given, the documented defaults apply. A
   * function, so the one setting worker threads do not receive (they do not build advice).
   */
  readonly configured: ConfiguredLookup | undefined
  /**
   * Log formats forced for single files (ProFTPD ExtendedLogs with the `LogFormat` their
   * proftpd.conf declares, see src/analyze/extended-log-formats.ts); `settings.logFormat`, when
   * set, wins. `undefined` or empty: none.
   */
  readonly logFormatOverrides: readonly LogFormatOverride[] | undefined
}

/**
 * A log format forced for one file: the file at `path` (compared after resolving both paths) or,
 * when no override names the input's path, a file of the same base name (logs copied elsewhere).
 */
export interface LogFormatOverride {
  readonly path: string
  readonly logFormat: string
}

/**
 * The log format forced for the input at `path`: `settings.logFormat`, else the override naming
 * that path, else the override whose path has the same base name (`undefined` for standard
 * input and when none matches).
 */
export function forcedLogFormat(settings: AnalysisSettings, path: string): string | undefined {
  if (settings.logFormat !== undefined) return settings.logFormat
  const overrides = settings.logFormatOverrides
  if (overrides === undefined || overrides.length === 0 || path === '-') return undefined
  const full = resolve(path)
  return (overrides.find((o) => resolve(o.path) === full) ?? overrides.find((o) => basename(o.path) === basename(path)))?.logFormat
}

/**
 * What a caller may give {@link resolveAnalysisSettings}: any subset of {@link AnalysisSettings}
 * but its data, and instead of definitions and catalog data, registries already built
 * (`logFormats` from `createLogFormatRegistry`, `catalog` from `createCatalog`, which validate
 * them), used as they are on the main thread and sent to worker threads as their data.
 */
export type AnalysisSettingsInput = {
  readonly [K in Exclude<keyof AnalysisSettings, 'logFormatDefinitions' | 'catalogData'>]?: AnalysisSettings[K] | undefined
} & {
  /** Log formats to use (stands for `logFormatDefinitions`); default: the bundled ones. */
  readonly logFormats?: LogFormatRegistry | undefined
  /** The server-message catalog (stands for `catalogData`); default: the bundled one. */
  readonly catalog?: Catalog | undefined
}

/** The registries an analysis runs with, built from (or given with) its settings. */
export interface AnalysisRegistries {
  readonly logFormats: LogFormatRegistry
  readonly catalog: Catalog
}

/**
 * Every default of the analysis, in one place: UTC, 1 MiB lines, a 5-minute incident gap and the
 * `wazuh` brute-force preset (8 failures in 120 s). Unset optional settings (`logFormat`, `year`,
 * `filter`, the registries) mean "detect", "file modification year", "keep all" and "bundled".
 */
export const ANALYSIS_DEFAULTS = {
  timeZone: 'UTC',
  maxLineBytes: 1024 * 1024,
  incidentGapMs: 5 * 60 * 1000,
  bruteForce: DEFAULT_BRUTE_FORCE_RULE,
} as const satisfies Partial<AnalysisSettings>

const resolved = new WeakSet<AnalysisSettings>()
const registries = new WeakMap<AnalysisSettings, AnalysisRegistries>()

/**
 * Applies the defaults to `input` and checks every value, once: the result is frozen and handed
 * unchanged to the main thread, the worker threads and follow mode. Resolving settings that came
 * from this function returns them as they are.
 * @throws InvalidSettingError (`data`: `{ setting, value }`) for an unknown time zone or forced
 *   log format (`logFormat`, `logFormatOverrides`), a `year` that is not a four-digit whole number, a `maxLineBytes` below 1, a negative `incidentGapMs`,
 *   a brute-force rule outside 2–1000 failures or under 1 s, or a `filter` client with a `/` that
 *   is not a CIDR range (`clientFilterProblem`).
 * @throws InvalidSettingError for `logFormatDefinitions` or `catalogData` given as data (they
 *   come from the `logFormats` and `catalog` registries, which validate them).
 * Validates nothing with a schema, so an analysis of the bundled log formats and catalog does not
 * load zod (docs/performance.md, Start-up).
 */
export function resolveAnalysisSettings(input: AnalysisSettingsInput = {}): AnalysisSettings {
  if (resolved.has(input as AnalysisSettings)) return input as AnalysisSettings
  for (const [data, registry] of [['logFormatDefinitions', 'logFormats: createLogFormatRegistry(definitions)'], ['catalogData', 'catalog: createCatalog(data)']] as const) {
    const value = (input as Partial<AnalysisSettings>)[data]
    if (value !== undefined) throw new InvalidSettingError(data, value, `give ${registry} instead, which validates it`)
  }
  const settings: AnalysisSettings = Object.freeze({
    logFormat: input.logFormat,
    logFormatDefinitions: input.logFormats ? input.logFormats.list() : undefined,
    catalogData: input.catalog ? catalogDataOf(input.catalog) : undefined,
    timeZone: input.timeZone ?? ANALYSIS_DEFAULTS.timeZone,
    year: input.year,
    maxLineBytes: input.maxLineBytes ?? ANALYSIS_DEFAULTS.maxLineBytes,
    incidentGapMs: input.incidentGapMs ?? ANALYSIS_DEFAULTS.incidentGapMs,
    filter: input.filter,
    bruteForce: input.bruteForce ?? ANALYSIS_DEFAULTS.bruteForce,
    configured: input.configured,
    logFormatOverrides: input.logFormatOverrides,
  })
  try {
    assertTimeZone(settings.timeZone)
  } catch (error) {
    throw new InvalidSettingError('timeZone', settings.timeZone, (error as Error).message, { cause: error })
  }
  const y = settings.year
  if (y !== undefined && !(Number.isInteger(y) && y >= 1000 && y <= 9999)) throw new InvalidSettingError('year', y, `${JSON.stringify(y)} is not a four-digit year`)
  if (!(Number.isInteger(settings.maxLineBytes) && settings.maxLineBytes >= 1)) {
    throw new InvalidSettingError('maxLineBytes', settings.maxLineBytes, `${JSON.stringify(settings.maxLineBytes)} is not a whole number of bytes (1 or more)`)
  }
  if (!(settings.incidentGapMs >= 0)) throw new InvalidSettingError('incidentGapMs', settings.incidentGapMs, `${JSON.stringify(settings.incidentGapMs)} is not a duration (0 ms or more)`)
  const bf = settings.bruteForce
  if (!(Number.isInteger(bf.failures) && bf.failures >= 2 && bf.failures <= MAX_BRUTE_FORCE_FAILURES && bf.windowMs >= 1000)) {
    throw new InvalidSettingError('bruteForce', bf, `the rule needs 2 to ${MAX_BRUTE_FORCE_FAILURES} failures within at least 1s`)
  }
  for (const client of settings.filter?.clients ?? []) {
    const problem = clientFilterProblem(client)
    if (problem !== undefined) throw new InvalidSettingError('filter', client, problem)
  }
  if (input.logFormats || input.catalog) {
    registries.set(settings, {
      logFormats: input.logFormats ?? logFormatsOf(undefined),
      catalog: input.catalog ?? bundledCatalog(),
    })
  }
  if (settings.logFormat !== undefined) {
    try {
      analysisRegistries(settings).logFormats.get(settings.logFormat)
    } catch (error) {
      throw new InvalidSettingError('logFormat', settings.logFormat, (error as Error).message, { cause: error })
    }
  }
  for (const o of settings.logFormatOverrides ?? []) {
    try {
      analysisRegistries(settings).logFormats.get(o.logFormat)
    } catch (error) {
      throw new InvalidSettingError('logFormatOverrides', o, (error as Error).message, { cause: error })
    }
  }
  resolved.add(settings)
  return settings
}

/** The settings a worker thread receives: all but `configured`, a function (structured clone cannot copy it). */
export function workerSettings(settings: AnalysisSettings): AnalysisSettings {
  return settings.configured === undefined ? settings : { ...settings, configured: undefined }
}

/**
 * The log-format registry and catalog of `settings`: the ones given to
 * {@link resolveAnalysisSettings}, or else built from the settings' data (the bundled ones when
 * it is `undefined`) on first use and kept for that settings object. A worker thread calls this
 * on the settings it received to rebuild the same registries. The data in `settings` was validated
 * by the registries it came from, and is not validated again.
 * @throws InvalidDefinitionError when a catalog pattern does not compile (see `compileCatalog`).
 */
export function analysisRegistries(settings: AnalysisSettings): AnalysisRegistries {
  let r = registries.get(settings)
  if (!r) {
    r = {
      logFormats: logFormatsOf(settings.logFormatDefinitions),
      catalog: settings.catalogData === undefined ? bundledCatalog() : compileCatalog(settings.catalogData),
    }
    registries.set(settings, r)
  }
  return r
}

/** Definitions in settings were validated and sample-checked by their registry: passed as the base set, they are not checked again. */
function logFormatsOf(defs: readonly LogFormatDefinition[] | undefined): LogFormatRegistry {
  return indexLogFormats([], defs ?? bundledLogFormats())
}

/** A catalog's data as `compileCatalog` takes it (the data `createCatalog` validated); `entries`, not `messages`, so known non-incident messages travel too. */
function catalogDataOf(c: Catalog): CatalogData {
  return { causes: [...c.causes.values()], messages: c.entries, rules: c.rules, banners: c.banners } as unknown as CatalogData
}
