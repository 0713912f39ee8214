import { z } from 'zod'
import { InvalidDefinitionError } from '../errors.js'
import { causeSchema } from '../model/cause-schema.js'
import { validate } from '../validate.js'
import data from './server-settings.json' with { type: 'json' }

/**
 * What a setting's value counts: `seconds`/`minutes` (durations), `count` (sessions, attempts),
 * `port` and `port-range` (`30000 30009`, `30000:30009`), `bool`, `address`, free `text`.
 */
export const settingUnitSchema = z.enum(['seconds', 'minutes', 'count', 'port', 'port-range', 'bool', 'address', 'text'])
export type SettingUnit = z.infer<typeof settingUnitSchema>

/**
 * How `ftplog check-config` judges a value: below `errorBelow` is an error, below `warningBelow`
 * a warning (in the setting's unit); `zeroMeans` names what 0 stands for (`no limit`), which is
 * then never judged. `effect` says what clients see, `fix` what to set.
 */
export const settingLintSchema = z.object({
  errorBelow: z.number().positive().optional(),
  warningBelow: z.number().positive().optional(),
  zeroMeans: z.string().min(1).optional(),
  effect: z.string().min(1),
  fix: z.string().min(1),
})

/**
 * One server setting behind 421/425/426/530 replies: its documented spelling, Pure-FTPd's
 * command-line `flags`, the `default` the server runs with when it is not set (`null`: none,
 * e.g. no NAT address) written as the catalog's advice shows it, with the `source` it is taken
 * from (man page, documentation, source file), the reply `codes` and incident `causes` it
 * governs, and how `check-config` judges it.
 */
export const serverSettingFactSchema = z
  .object({
    server: z.enum(['vsftpd', 'proftpd', 'pure-ftpd']),
    directive: z.string().min(1),
    flags: z.array(z.string().regex(/^--?[A-Za-z0-9]+$/)).optional(),
    default: z.string().min(1).nullable(),
    unit: settingUnitSchema,
    codes: z.array(z.number().int().min(100).max(599)),
    causes: z.array(causeSchema),
    meaning: z.string().min(1),
    source: z.string().min(1),
    note: z.string().min(1).optional(),
    lint: settingLintSchema.optional(),
  })
  .meta({ title: 'ServerSettingFact' })

export type ServerSettingFact = z.infer<typeof serverSettingFactSchema>

let cached: readonly ServerSettingFact[] | undefined

/**
 * The bundled facts of src/catalog/server-settings.json, validated once: one entry per
 * (server, directive), the single place each default is written.
 * @throws InvalidDefinitionError when the data does not validate or names a directive twice (a bug).
 */
export function serverSettingFacts(): readonly ServerSettingFact[] {
  if (cached) return cached
  const facts = validate(z.array(serverSettingFactSchema), data, 'server-settings.json')
  const seen = new Set<string>()
  for (const f of facts) {
    const key = `${f.server} ${f.directive}`
    if (seen.has(key)) throw new InvalidDefinitionError(`server-settings.json: ${key} is listed twice`)
    seen.add(key)
  }
  cached = facts
  return facts
}

/** The fact about one directive of a server (ProFTPD and Pure-FTPd names without regard to case), or `undefined`. */
export function serverSettingFact(server: string, directive: string): ServerSettingFact | undefined {
  const wanted = directive.toLowerCase()
  return serverSettingFacts().find((f) => f.server === server && (server === 'vsftpd' ? f.directive === directive : f.directive.toLowerCase() === wanted))
}
