import { z } from 'zod'
import { SEVERITIES } from './severity.js'

/**
 * {@link SEVERITIES} as a zod schema, for the data schemas. Apart from `severity.ts`, so that the
 * analysis, which needs only the names and their rank, does not load zod.
 */
export const severitySchema = z.enum(SEVERITIES)
