import { z } from 'zod'
import { RECORD_KINDS, type RecordKind } from '../model/log-record.js'
import { serverFamilySchema } from '../model/server-family-schema.js'
import { FIELD_NAMES } from './field-names.js'

export { FIELD_NAMES, type FieldName } from './field-names.js'

export const fieldNameSchema = z.enum(FIELD_NAMES)

/** A strftime-like timestamp layout; see `src/time/timestamp-parser.ts` for the tokens. */
export const timestampSchema = z.object({
  format: z.string().min(1).meta({ description: 'strftime-like layout (`%Y %m %d %e %b %a %H %M %S %L %f %z %s %p`), `iso8601` or `epoch-micros`.' }),
  zone: z.enum(['local', 'utc', 'embedded']).default('local').meta({
    description:
      '`local`: wall-clock time without a zone (read in `--timezone`, default UTC); `utc`: the log writes UTC; `embedded`: the timestamp carries its own offset (`%z`, ISO `Z`).',
  }),
  also: z.array(z.string().min(1)).default([]).meta({
    description:
      'More layouts tried in order when `format` does not fit (a log that mixes epoch and ISO times).',
  }),
})

export const patternSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/).meta({ description: 'Unique within the log format; samples name it.' }),
  regex: z.string().min(1).meta({
    description:
      'JavaScript regex source with named groups from FIELD_NAMES; `{{NAME}}` inserts a `defines` fragment.',
  }),
  guard: z.string().min(1).optional().meta({ description: 'A literal the line must contain before the regex is tried (cheap pre-filter).' }),
  kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]).meta({ description: 'The record a matching line becomes.' }),
  set: z.partialRecord(fieldNameSchema, z.string()).default({}).meta({ description: 'Constant field values, e.g. `{ "ok": "yes" }`.' }),
  map: z.partialRecord(fieldNameSchema, z.record(z.string(), z.string())).default({}).meta({
    description:
      'Value translations per field, e.g. xferlog direction `{ "o": "out", "i": "in" }`.',
  }),
  timestamp: timestampSchema.optional().meta({ description: 'A timestamp layout for this pattern when it differs from the log format\'s.' }),
  clientSide: z.boolean().default(false).meta({
    description:
      "The line was printed by the client (a transcript's own status line), not received from the server.",
  }),
  weak: z.boolean().default(false).meta({
    description:
      'Lines this pattern matches do not count when scoring detection (generic lines such as blank ones).',
  }),
  repeats: z.boolean().default(false).meta({
    description:
      "The line repeats a reply that another line of this log format yields (a client's raw socket chunk next to its parsed reply): it may carry a reply code but yields no reply, and detection does not count that against the log format.",
  }),
  applies: z.array(z.enum(['bare', 'wrapped'])).min(1).default(['bare']).meta({
    description:
      "Where the pattern applies: `bare` lines as the program writes them to its own file, and/or the `wrapped` remainder of a line after one of the log format's `wrappers` (syslog, journal).",
  }),
  inState: z.array(z.string().min(1)).optional().meta({
    description:
      "Line-context states in which the pattern applies (absent: any). A log format starts in state `start`; a pattern with `enterState` moves it. curl's `--trace-ascii` needs this: a `0000:` line is a reply after `<= Recv header` and file data after `<= Recv data`.",
  }),
  enterState: z.string().min(1).optional().meta({ description: 'The state the log format is in after a line this pattern matched.' }),
  keepDate: z.boolean().default(false).meta({
    description:
      'The `date` this pattern captures is kept for later lines that carry only a time (a W3C `#Date:` header before time-only IIS rows).',
  }),
})
export type PatternDefinition = z.infer<typeof patternSchema>

export const sampleSchema = z.object({
  line: z.string().meta({ description: 'A real line of the log.' }),
  pattern: z.string().meta({ description: 'Id of the pattern that must match first.' }),
  expect: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}).meta({
    description:
      "Fields the parsed record must have (string form), as fail2ban's failJSON does.",
  }),
  source: z.string().optional().meta({ description: 'Where the sample comes from (corpus file, lab run, reference).' }),
  context: z.array(z.string()).default([]).meta({
    description:
      "Lines read before the sample (a `#Fields:` header, a trace's `<= Recv header` line).",
  }),
})
export type SampleDefinition = z.infer<typeof sampleSchema>

const fieldValuesSchema = {
  set: z.partialRecord(fieldNameSchema, z.string()).default({}),
  map: z.partialRecord(fieldNameSchema, z.record(z.string(), z.string())).default({}),
}

/**
 * A header-driven row layout (W3C extended log `#Fields:`, Zeek `#fields`): the columns are read
 * from a header line, in any order, and each data row is matched by a regex built from them.
 */
export const columnsSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/).meta({ description: 'Pattern id the rows report (samples name it).' }),
  header: z.string().min(1).meta({ description: 'Regex of the header line; the named group `columns` holds the column names.' }),
  separator: z.enum(['space', 'tab']),
  kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]).default('exchange'),
  fields: z.record(z.string(), z.union([fieldNameSchema, z.object({ regex: z.string().min(1) })])).meta({
    description:
      'Column name → the field it fills, or a regex fragment (named groups from FIELD_NAMES) for a column that packs several fields (IIS 5 `cs-method` = `[session]VERB`). Unlisted columns are skipped. When two columns fill one field, a plain mapping wins over a fragment, then the leftmost column.',
  }),
  nulls: z.array(z.string()).default(['-']).meta({ description: 'Column values that mean "no value" (`-`, Zeek\'s `(empty)`).' }),
  timestamp: timestampSchema.optional(),
  ...fieldValuesSchema,
})
export type ColumnsDefinition = z.infer<typeof columnsSchema>

/** One JSON object per record (Zeek JSON logs): keys map to fields. */
export const jsonRecordsSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/).meta({ description: 'Pattern id the records report (samples name it).' }),
  kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]).default('exchange'),
  fields: z.record(z.string(), fieldNameSchema).meta({ description: 'JSON key (dotted keys are literal, as Zeek writes them) → field.' }),
  require: z.array(z.string().min(1)).min(1).meta({ description: 'Keys an object must have to be a record of this log format.' }),
  multiline: z.boolean().default(false).meta({
    description:
      'Objects may also be pretty-printed over several lines (`{` alone on a line, `}` alone to close, as `jq` prints them); the lines in between are counted as recognised.',
  }),
  timestamp: timestampSchema.optional(),
  ...fieldValuesSchema,
})
export type JsonRecordsDefinition = z.infer<typeof jsonRecordsSchema>

/** The detection priority of a definition that does not set one: ahead of every bundled log format. */
export const CUSTOM_PRIORITY = 1000

/** A log format: an input grammar kept as data, checked against the samples stored with it. */
export const logFormatDefinitionSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/).meta({ description: 'Unique kebab-case name, as `--log-format` and the report show it.' }),
  priority: z.number().int().min(0).default(CUSTOM_PRIORITY).meta({
    description:
      'Detection priority: log formats are tried in descending priority, equal priorities by name, and when two recognise as many head lines the one tried first wins. Bundled ones use 10–290 (server logs 220–290, client transcripts 110–170, the `syslog` container 10); a definition that omits it gets 1000, ahead of every bundled one.',
  }),
  title: z.string().min(1).meta({ description: 'One line for `ftplog formats`.' }),
  description: z.string().min(1).meta({ description: 'What the log is and which layouts it covers, for `ftplog formats`.' }),
  server: serverFamilySchema.meta({ description: 'Server family that writes this log (`generic` for client transcripts and mixed sources).' }),
  role: z.enum(['server', 'client']).default('server').meta({
    description:
      "`server`: lines a server wrote; `client`: a client's transcript of the dialogue.",
  }),
  yields: z.string().min(1).meta({ description: 'What an analysis of this log format yields, for `ftplog formats`.' }),
  sources: z.array(z.string().min(1)).min(1).meta({ description: 'Where the grammar comes from: source files, man pages, corpus folders.' }),
  timestamp: timestampSchema.optional().meta({
    description:
      'The timestamp layout of the `time` group (patterns, wrappers, columns and JSON records may set their own).',
  }),
  sessions: z
    .object({
      key: z.enum(['field', 'client', 'input', 'none']).meta({
        description:
          '`field`: the `session` group keys sessions (pid, connection id), else the client address; `client`: the client address keys sessions (a second connection from an address whose session is still open is a session of its own, and the first takes the key back when it ends); `input`: the whole input is one dialogue (a client transcript), split at each new connection; `none`: no sessions (xferlog).',
      }),
      rebindBy: z.array(z.enum(['client', 'user'])).default([]).meta({
        description:
          'Fields that let a record with an unseen session key join an open session: vsftpd logs one session under several pids, so an unknown pid joins the newest open session of the same client (and user, when both are known).',
      }),
      endsAt: z.enum(['reply', 'disconnect']).default('reply').meta({
        description:
          "What ends a session: `reply`, a 221 or 421 reply (or a disconnect record); `disconnect`, only the log format's disconnect record (pyftpdlib writes a timed-out transfer's record after its 421, then `FTP session closed`).",
      }),
    })
    .default({ key: 'none', rebindBy: [], endsAt: 'reply' })
    .meta({ description: 'How records are grouped into FTP sessions.' }),
  tallyFrom: z.enum(['records', 'replies']).default('records').meta({
    description:
      'Where login and transfer totals come from: `records` (the log writes LOGIN and transfer lines of its own, as vsftpd and xferlog do) or `replies` (230/530 after USER/PASS, 226 or a failure after RETR/STOR, as in protocol-only logs and client transcripts).',
  }),
  splitRecords: z.boolean().default(false).meta({
    description:
      'A value may hold a raw line feed the server wrote as it received it (ProFTPD writes `%J` and `%f` byte for byte: Python ftplib\'s ABOR sent as urgent data leaves `ABOR "` and `QUIT" 500 …` on two lines). An unrecognised line is then held, and when it and the next lines (at most 4 in all), joined with `\\n`, form one record, that record is read and all its lines count as recognised.',
  }),
  alsoFromReplies: z
    .array(z.enum(['file-ops', 'refused-transfers']))
    .default([])
    .meta({
      description:
        'With `tallyFrom` `records`: what is also counted from the replies, because the records leave it out (pyftpdlib writes its DELE/MKD/RMD/RNTO records only below DEBUG, and no record for a transfer that never started). `file-ops`: the final reply to DELE, MKD, RMD, RNTO or SITE CHMOD; `refused-transfers`: a 4xx/5xx answering RETR/STOR/STOU/APPE before any 1xx (failed to start). A record of the same operation in the same session, before or after the reply, is not counted again.',
    }),
  wrappers: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        regex: z.string().min(1),
        timestamp: timestampSchema.optional(),
      }),
    )
    .default([])
    .meta({
      description:
        "Prefixes another program adds in front of this log format's lines (a syslog or journal header). A line that no `bare` pattern matches is tried against each wrapper; the rest of the line is then matched by the `wrapped` patterns. Wrapper groups (time, host, session) fill the fields the body does not capture.",
    }),
  syslog: z.object({ programs: z.array(z.string().min(1)).min(1) }).optional().meta({
    description:
      "Program names (syslog tag / journal `SYSLOG_IDENTIFIER`) under which this log format's lines reach syslog or the journal. A line in one of the shared envelopes (`src/log-formats/envelopes.json`: RFC 3164, RFC 5424, ISO / `journalctl -o short-iso`, `journalctl -o json`) with one of these programs is matched by the `wrapped` patterns; a line of any other program counts as not FTP.",
  }),
  dispatch: z.boolean().default(false).meta({
    description:
      "A container log format (a mixed `/var/log/messages` or journal export): each enveloped line is parsed by the log format whose `syslog.programs` names its program; other programs' lines are not FTP.",
  }),
  columns: columnsSchema.optional().meta({ description: 'Rows whose columns a header line declares (W3C, Zeek TSV).' }),
  json: jsonRecordsSchema.optional().meta({ description: 'JSON records (Zeek JSON).' }),
  defines: z.record(z.string().regex(/^[A-Z0-9_]+$/), z.string()).default({}).meta({
    description:
      'Regex fragments shared by patterns, referenced as `{{NAME}}`.',
  }),
  patterns: z.array(patternSchema).default([]).meta({ description: 'Line patterns, tried in order; the first that matches wins.' }),
  samples: z.array(sampleSchema).min(1).meta({
    description:
      'Sample lines, checked by the tests (bundled) or when a registry is created (custom): each is matched first by its pattern and yields its fields.',
  }),
}).refine((d) => d.patterns.length > 0 || d.dispatch || d.columns !== undefined || d.json !== undefined, {
  message: 'a log format needs patterns, columns, json records or dispatch',
})
export type LogFormatDefinition = z.infer<typeof logFormatDefinitionSchema>
