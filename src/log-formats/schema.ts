import { z } from 'zod'
import { RECORD_KINDS, type RecordKind } from '../model/log-record.js'
import { serverFamilySchema } from '../model/server-family.js'

/**
 * Named groups a pattern may capture. Anything else is rejected so typos in definitions fail
 * the schema test instead of silently capturing nothing.
 */
export const FIELD_NAMES = [
  'time',
  'session',
  'host',
  'client',
  'user',
  'command',
  'verb',
  'arg',
  'reply',
  'code',
  'text',
  'message',
  'file',
  'bytes',
  'seconds',
  'direction',
  'status',
  'ok',
  'action',
  'rest',
] as const
export type FieldName = (typeof FIELD_NAMES)[number]
export const fieldNameSchema = z.enum(FIELD_NAMES)

/** A strftime-like timestamp layout; see `src/time/timestamp-parser.ts` for the tokens. */
export const timestampSchema = z.object({
  format: z.string().min(1),
  /**
   * `local`: wall-clock time without a zone (read in `--timezone`, default UTC);
   * `utc`: the log writes UTC; `embedded`: the timestamp carries its own offset (`%z`, ISO `Z`).
   */
  zone: z.enum(['local', 'utc', 'embedded']).default('local'),
})

export const patternSchema = z.object({
  /** Unique within the log format; samples name it. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** JavaScript regex source with named groups from {@link FIELD_NAMES}; `{{NAME}}` inserts a `defines` fragment. */
  regex: z.string().min(1),
  /** A literal the line must contain before the regex is tried (cheap pre-filter). */
  guard: z.string().min(1).optional(),
  kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]),
  /** Constant field values, e.g. `{ "ok": "yes" }`. */
  set: z.partialRecord(fieldNameSchema, z.string()).default({}),
  /** Value translations per field, e.g. xferlog direction `{ "o": "out", "i": "in" }`. */
  map: z.partialRecord(fieldNameSchema, z.record(z.string(), z.string())).default({}),
  /** A timestamp layout for this pattern when it differs from the log format's. */
  timestamp: timestampSchema.optional(),
  /** The line was printed by the client (a transcript's own status line), not received from the server. */
  clientSide: z.boolean().default(false),
  /** Lines this pattern matches do not count when scoring detection (generic lines such as blank ones). */
  weak: z.boolean().default(false),
  /**
   * Where the pattern applies: `bare` lines as the program writes them to its own file, and/or
   * the `wrapped` remainder of a line after one of the log format's `wrappers` (syslog, journal).
   */
  applies: z.array(z.enum(['bare', 'wrapped'])).min(1).default(['bare']),
})
export type PatternDefinition = z.infer<typeof patternSchema>

export const sampleSchema = z.object({
  line: z.string(),
  /** Id of the pattern that must match first. */
  pattern: z.string(),
  /** Fields the parsed record must have (string form), as fail2ban's failJSON does. */
  expect: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** Where the sample comes from (corpus file, lab run, reference). */
  source: z.string().optional(),
})
export type SampleDefinition = z.infer<typeof sampleSchema>

/** A log format: an input grammar kept as data, checked against the samples stored with it. */
export const logFormatDefinitionSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  description: z.string().min(1),
  /** Server family that writes this log (`generic` for client transcripts and mixed sources). */
  server: serverFamilySchema,
  /** `server`: lines a server wrote; `client`: a client's transcript of the dialogue. */
  role: z.enum(['server', 'client']).default('server'),
  /** What an analysis of this log format yields, for `ftplog formats`. */
  yields: z.string().min(1),
  sources: z.array(z.string().min(1)).min(1),
  timestamp: timestampSchema.optional(),
  sessions: z
    .object({
      /**
       * `field`: the `session` group keys sessions (pid, connection id);
       * `client`: the client address keys sessions; `input`: the whole input is one dialogue
       * (a client transcript), split at each new connection; `none`: no sessions (xferlog).
       */
      key: z.enum(['field', 'client', 'input', 'none']),
      /**
       * Fields that let a record with an unseen session key join an open session: vsftpd logs one
       * session under several pids, so an unknown pid joins the newest open session of the same
       * client (and user, when both are known).
       */
      rebindBy: z.array(z.enum(['client', 'user'])).default([]),
    })
    .default({ key: 'none', rebindBy: [] }),
  /**
   * Where login and transfer totals come from: `records` (the log writes LOGIN and transfer lines
   * of its own, as vsftpd and xferlog do) or `replies` (230/530 after USER/PASS, 226 or a failure
   * after RETR/STOR, as in protocol-only logs and client transcripts).
   */
  tallyFrom: z.enum(['records', 'replies']).default('records'),
  /**
   * Prefixes another program adds in front of this log format's lines (a syslog or journal
   * header). A line that no `bare` pattern matches is tried against each wrapper; the rest of the
   * line is then matched by the `wrapped` patterns. Wrapper groups (time, host, session) fill the
   * fields the body does not capture.
   */
  wrappers: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        regex: z.string().min(1),
        timestamp: timestampSchema.optional(),
      }),
    )
    .default([]),
  /** Regex fragments shared by patterns, referenced as `{{NAME}}`. */
  defines: z.record(z.string().regex(/^[A-Z0-9_]+$/), z.string()).default({}),
  patterns: z.array(patternSchema).min(1),
  samples: z.array(sampleSchema).min(1),
})
export type LogFormatDefinition = z.infer<typeof logFormatDefinitionSchema>
