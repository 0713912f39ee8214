import { z } from 'zod'
import { SERVER_FAMILIES } from './server-family.js'

/**
 * {@link SERVER_FAMILIES} as a zod schema, for the data schemas. Apart from `server-family.ts`, so
 * that what needs only the names (the CLI's help) does not load zod.
 */
export const serverFamilySchema = z.enum(SERVER_FAMILIES)
