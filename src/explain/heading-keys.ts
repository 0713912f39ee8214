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

/** One language's headings, keyed by {@link HEADING_KEYS}. */
export type Headings = Readonly<Record<HeadingKey, string>>


/** Whether a string is one of {@link HEADING_LANGS}. */
export function isHeadingLang(value: string): value is HeadingLang {
  return (HEADING_LANGS as readonly string[]).includes(value)
}
