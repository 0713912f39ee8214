import { z } from 'zod'
import { validate } from '../validate.js'
import headingsJson from './headings.json' with { type: 'json' }

/** Languages `explain` and `compare` can print their headings in (`--lang`). */
export const HEADING_LANGS = ['en', 'vi', 'ja', 'ru'] as const
export type HeadingLang = (typeof HEADING_LANGS)[number]

/** Every heading `explain` and `compare` print; the keys are the same in every language. */
export const HEADING_KEYS = [
  'description',
  'whenYouSeeIt',
  'howToFix',
  'keyDifferences',
  'whenToUseWhich',
  'learnMore',
  'class',
  'group',
  'shortName',
  'standardText',
  'status',
  'commands',
  'goodToKnow',
  'variants',
  'tellApart',
  'serverMessages',
  'catalogMatch',
  'cause',
  'settings',
  'serverLog',
  'advice',
  'source',
  'analyzerVerdict',
  'meaning',
  'inFtpLogs',
  'code',
] as const
export type HeadingKey = (typeof HEADING_KEYS)[number]

const headingSetSchema = z.object(Object.fromEntries(HEADING_KEYS.map((k) => [k, z.string().min(1)])) as Record<HeadingKey, z.ZodString>)

/** The headings file: one complete heading set per language, and which keys come from the seed pages. */
export const headingsSchema = z.object({
  fromSeeds: z.array(z.enum(HEADING_KEYS)),
  note: z.string(),
  headings: z.object(Object.fromEntries(HEADING_LANGS.map((l) => [l, headingSetSchema])) as Record<HeadingLang, typeof headingSetSchema>),
})
/** One language's headings, keyed by {@link HEADING_KEYS}. */
export type Headings = Readonly<Record<HeadingKey, string>>

let parsed: z.infer<typeof headingsSchema> | undefined

/**
 * The headings of one language, validated on first use. The body text of `explain` and
 * `compare` stays English; only these headings change.
 * @throws InvalidDefinitionError when the bundled headings fail their schema (a packaging bug).
 */
export function headingsFor(lang: HeadingLang): Headings {
  parsed ??= validate(headingsSchema, headingsJson, 'headings')
  return parsed.headings[lang]
}

/** Whether a string is one of {@link HEADING_LANGS}. */
export function isHeadingLang(value: string): value is HeadingLang {
  return (HEADING_LANGS as readonly string[]).includes(value)
}
