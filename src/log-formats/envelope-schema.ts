import { z } from 'zod'
import { timestampSchema } from './schema.js'

/**
 * A syslog-style line header shared by every log format that declares `syslog.programs`. Its regex
 * ends where the program's own message starts and captures `program` (required) and optionally
 * `time`, `host` and `session` (the pid).
 */
export const textEnvelopeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  regex: z.string().min(1),
  timestamp: timestampSchema.optional(),
  /**
   * Only lines whose program some log format claims match this envelope. For loose headers such as
   * a bare `program[pid]: ` (no time, no host), which would otherwise read any `word: text` line as
   * another program's line.
   */
  knownProgramsOnly: z.boolean().default(false),
  samples: z.array(z.object({ line: z.string(), program: z.string(), body: z.string() })).min(1),
})

/** `journalctl -o json`: one JSON object per line; these keys give program, message and the rest. */
export const jsonEnvelopeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  message: z.string().min(1),
  /** Keys tried in order for the program name. */
  program: z.array(z.string().min(1)).min(1),
  session: z.string().min(1),
  host: z.string().min(1),
  time: z.string().min(1),
  timestamp: timestampSchema,
  samples: z.array(z.object({ line: z.string(), program: z.string(), body: z.string() })).min(1),
})

/** Lines the envelope layer recognises as carrying nothing (journal boot markers, syslog `-- MARK --`). */
export const markerSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  regex: z.string().min(1),
  samples: z.array(z.string()).min(1),
})

/**
 * A container runtime's wrapping of each line a container printed (`docker logs --timestamps`,
 * CRI log files, Docker's json-file driver): either a text prefix (`regex`, removed) or a JSON
 * object per line whose `jsonMessage` key holds the line (one trailing line feed dropped).
 */
export const containerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** How users meet it, for reports and docs. */
    title: z.string().min(1),
    regex: z.string().min(1).optional(),
    jsonMessage: z.string().min(1).optional(),
    samples: z.array(z.object({ line: z.string(), body: z.string() })).min(1),
  })
  .refine((c) => (c.regex === undefined) !== (c.jsonMessage === undefined), { message: 'give regex or jsonMessage, not both' })

/** The shared envelopes, `src/log-formats/envelopes.json`. */
export const envelopesSchema = z.object({
  text: z.array(textEnvelopeSchema).min(1),
  json: z.array(jsonEnvelopeSchema),
  markers: z.array(markerSchema),
  containers: z.array(containerSchema),
})
export type EnvelopesData = z.infer<typeof envelopesSchema>
