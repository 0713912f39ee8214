import { createCatalog, type Catalog } from '../catalog/catalog.js'
import type { CatalogData } from '../catalog/schema.js'
import { InvalidSettingError } from '../errors.js'
import { createLogFormatRegistry, type LogFormatRegistry } from '../log-formats/registry.js'
import type { LogFormatDefinition } from '../log-formats/schema.js'
import { DEFAULT_BRUTE_FORCE_RULE, MAX_BRUTE_FORCE_FAILURES, type BruteForceRule } from '../security/brute-force-rule.js'
import { assertTimeZone } from '../time/zoned-time.js'
import type { EventFilter } from './event-filter.js'
import type { ConfiguredLookup } from '../model/server-settings.js'

/**
 * The settings of one analysis, every default applied: what `analyzeInputs`, `analyzeSource`,
 * the worker threads and `followLog` read, and all they read. Plain data (structured-clone
 * safe): worker threads receive this very object and rebuild the registries from it with
 * {@link analysisRegistries}. Build it with {@link resolveAnalysisSettings}; `docs/settings.md`
 * lists each setting with its CLI flag, config key and default.
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
   * The server configuration given (`--server-config`), for the configured value of each setting
   * the advice names; `undefined`: the documented defaults. A function: it stays on the main thread
   * (worker threads get the settings without it; the report is built on the main thread).
   */
  readonly configured?: ConfiguredLookup | undefined
}

/**
 * What a caller may give {@link resolveAnalysisSettings}: any subset of {@link AnalysisSettings},
 * and instead of definitions and catalog data, registries already built (`logFormats`, `catalog`),
 * which are then used as they are on the main thread and sent to worker threads as their data.
 */
export type AnalysisSettingsInput = {
  readonly [K in keyof AnalysisSettings]?: AnalysisSettings[K] | undefined
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
 *   log format, a `year` that is not a four-digit whole number, a `maxLineBytes` below 1, a negative `incidentGapMs`,
 *   or a brute-force rule outside 2–1000 failures or under 1 s.
 * @throws InvalidDefinitionError when `logFormatDefinitions` or `catalogData` do not validate.
 */
export function resolveAnalysisSettings(input: AnalysisSettingsInput = {}): AnalysisSettings {
  if (resolved.has(input as AnalysisSettings)) return input as AnalysisSettings
  const settings: AnalysisSettings = Object.freeze({
    logFormat: input.logFormat,
    logFormatDefinitions: input.logFormats ? input.logFormats.list() : input.logFormatDefinitions,
    catalogData: input.catalog ? catalogDataOf(input.catalog) : input.catalogData,
    timeZone: input.timeZone ?? ANALYSIS_DEFAULTS.timeZone,
    year: input.year,
    maxLineBytes: input.maxLineBytes ?? ANALYSIS_DEFAULTS.maxLineBytes,
    incidentGapMs: input.incidentGapMs ?? ANALYSIS_DEFAULTS.incidentGapMs,
    filter: input.filter,
    bruteForce: input.bruteForce ?? ANALYSIS_DEFAULTS.bruteForce,
    ...(input.configured !== undefined ? { configured: input.configured } : {}),
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
  if (input.logFormats || input.catalog) {
    registries.set(settings, {
      logFormats: input.logFormats ?? logFormatsOf(settings.logFormatDefinitions),
      catalog: input.catalog ?? createCatalog(settings.catalogData),
    })
  }
  if (settings.logFormat !== undefined) {
    try {
      analysisRegistries(settings).logFormats.get(settings.logFormat)
    } catch (error) {
      throw new InvalidSettingError('logFormat', settings.logFormat, (error as Error).message, { cause: error })
    }
  }
  resolved.add(settings)
  return settings
}

/**
 * The log-format registry and catalog of `settings`: the ones given to
 * {@link resolveAnalysisSettings}, or else built from the settings' data (the bundled ones when
 * it is `undefined`) on first use and kept for that settings object. A worker thread calls this
 * on the settings it received to rebuild the same registries.
 * @throws InvalidDefinitionError when the definitions or catalog data do not validate.
 */
export function analysisRegistries(settings: AnalysisSettings): AnalysisRegistries {
  let r = registries.get(settings)
  if (!r) {
    r = {
      logFormats: logFormatsOf(settings.logFormatDefinitions),
      catalog: createCatalog(settings.catalogData),
    }
    registries.set(settings, r)
  }
  return r
}

/** Definitions in settings were validated and sample-checked when resolved: passed as the base set, they are not checked again. */
function logFormatsOf(defs: readonly LogFormatDefinition[] | undefined): LogFormatRegistry {
  return defs ? createLogFormatRegistry([], defs) : createLogFormatRegistry()
}

/** A catalog's data as `createCatalog` takes it; `entries`, not `messages`, so known non-incident messages travel too. */
function catalogDataOf(c: Catalog): CatalogData {
  return { causes: [...c.causes.values()], messages: c.entries, rules: c.rules, banners: c.banners } as unknown as CatalogData
}
