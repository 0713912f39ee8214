import { z } from 'zod'
import { validate } from '../validate.js'
import { HEADING_KEYS, HEADING_LANGS, type HeadingKey, type HeadingLang } from './heading-keys.js'
import headingsJson from './headings.json' with { type: 'json' }

const headingSetSchema = z.object(Object.fromEntries(HEADING_KEYS.map((k) => [k, z.string().min(1)])) as Record<HeadingKey, z.ZodString>)

/** The headings file: one complete heading set per language, and which keys come from the seed pages. */
const headingsSchema = z.object({
  fromSeeds: z.array(z.enum(HEADING_KEYS)),
  note: z.string(),
  headings: z.object(Object.fromEntries(HEADING_LANGS.map((l) => [l, headingSetSchema])) as Record<HeadingLang, typeof headingSetSchema>),
})

/**
 * The bundled headings (`headings.json`), validated; a new object on every call. The build runs
 * this once and puts its result in the bundle instead (`PRECOMPILED` in tsup.config.ts); the
 * tests run it as written.
 * @throws InvalidDefinitionError when the bundled headings fail their schema (a packaging bug).
 */
export function bundledHeadings(): z.infer<typeof headingsSchema> {
  return validate(headingsSchema, headingsJson, 'headings')
}
