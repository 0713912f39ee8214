import { z } from 'zod'
import { CAUSES } from './cause.js'

/**
 * {@link CAUSES} as a zod schema, for the data schemas. Apart from `cause.ts`, so that the
 * analysis and `--fail-on`, which need only the names, do not load zod.
 */
export const causeSchema = z.enum(CAUSES)
