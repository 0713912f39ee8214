import { z } from 'zod'
import { UsageError } from '../errors.js'

const duration = z.union([z.string(), z.number().nonnegative()]).meta({ description: 'a duration: 300 (seconds), 90s, 5m, 2h' })
const stringList = z.array(z.string().min(1))

/**
 * `ftplog.config.json`: defaults for `analyze` and `merge`, in the words of their flags
 * (camelCase). A flag given on the command line wins over the file; the file wins over
 * ftplog's defaults. Unknown fields are errors, so a typo does not pass silently.
 */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    formatters: stringList.optional().meta({ description: '-f values: ["text", "junit:report.xml"]' }),
    logFormat: z.string().optional(),
    failOn: z.string().optional().meta({ description: 'error, warning, notice, none, or codes/causes: "421,capacity"' }),
    maxIncidents: z.number().int().nonnegative().optional(),
    maxUnrecognized: z.number().min(0).max(1).optional().meta({ description: 'share of unrecognized lines per input, 0–1' }),
    incidentGap: duration.optional(),
    timezone: z.string().optional(),
    year: z.number().int().min(1970).max(9999).optional(),
    maxLineBytes: z.union([z.string(), z.number().int().positive()]).optional(),
    since: z.string().optional().meta({ description: 'ISO time or a duration back from now: 24h, 7d' }),
    until: z.string().optional(),
    clients: stringList.optional(),
    users: stringList.optional(),
    bruteforce: z.string().optional().meta({ description: 'zeek, wazuh, or FAILURES/WINDOW such as 10/60s' }),
    redact: z.boolean().optional(),
    redactKey: z.string().min(1).optional(),
  })
  .strict()
  .meta({ title: 'ftplog.config.json' })

/** A validated `ftplog.config.json`. */
export type Config = z.infer<typeof configSchema>

/**
 * Validates parsed `ftplog.config.json` content against {@link configSchema}.
 * @param name the file's name in messages.
 * @returns the config with only the fields it gives.
 * @throws UsageError naming the file and each invalid field with what it allows (unknown fields
 *   with the list of allowed ones).
 */
export function validateConfig(data: unknown, name: string): Config {
  const result = configSchema.safeParse(data)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const field = issue.path.join('.')
      if (issue.code === 'unrecognized_keys') {
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${Object.keys(configSchema.shape).filter((k) => k !== '$schema').join(', ')}`
      }
      return `${field || '(top level)'}: ${issue.message}`
    })
    throw new UsageError(`${name}: ${lines.join('; ')}`)
  }
  return result.data
}
