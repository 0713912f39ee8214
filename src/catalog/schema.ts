import { z } from 'zod'
import type { Cause } from '../model/cause.js'
import { causeSchema } from '../model/cause-schema.js'
import { serverFamilySchema } from '../model/server-family-schema.js'
import { severitySchema } from '../model/severity-schema.js'

/**
 * What produced an incident event:
 * - `reply`: an FTP reply (code + text) sent by the server;
 * - `log-message`: a server log line that carries no reply code (ProFTPD `FTP no transfer timeout, disconnected`);
 * - `transfer-failed`: a transfer record marked failed or incomplete (vsftpd `FAIL DOWNLOAD`, xferlog `i`).
 */
export const triggerSchema = z.enum(['reply', 'log-message', 'transfer-failed'])
export type Trigger = z.infer<typeof triggerSchema>

/**
 * Where a session stood when the event happened: `pre-login` (connected, not logged in),
 * `logged-in`, `data-wait` (a transfer or listing command was sent and no 1xx reply has come:
 * the data connection is being set up) and `transfer` (after the 1xx, until the final reply).
 */
export const phaseSchema = z.enum(['pre-login', 'logged-in', 'data-wait', 'transfer'])
export type Phase = z.infer<typeof phaseSchema>

/**
 * What figure of the log decides a setting's value (see src/report/settings-advice.ts):
 * the sessions one client address, one user, or the whole server held when it refused one
 * (`per-client`, `per-user`, `total`); how long the sessions a timeout cut had waited, from their
 * connection (`login-wait`), their last line (`idle-wait`), their last transfer or login
 * (`no-transfer-wait`), or their transfer's start (`stall-wait`); the data connections being set up
 * or open at a failed one (`passive-ports`: the passive port range).
 */
export const settingMeasureSchema = z.enum(['per-client', 'per-user', 'total', 'login-wait', 'idle-wait', 'no-transfer-wait', 'stall-wait', 'passive-ports'])
export type SettingMeasure = z.infer<typeof settingMeasureSchema>

/** A server configuration setting that governs a cause, with its default. */
export const directiveSchema = z.object({
  name: z.string().min(1),
  default: z.string().optional(),
  note: z.string().optional(),
  /** The log figure that decides its value; absent for settings the log cannot size. */
  measure: settingMeasureSchema.optional(),
  /** Unit of its value: a count of sessions, seconds or minutes of a timeout, or ports (a range, or its last port). @default count for sessions, seconds for waits */
  unit: z.enum(['count', 'seconds', 'minutes', 'ports']).optional(),
  /** For a range's last port given on its own (vsftpd `pasv_max_port`): the directive holding its first port. */
  rangeStart: z.string().min(1).optional(),
})
export type Directive = z.infer<typeof directiveSchema>

/** Remediation text: one summary sentence and concrete steps. */
export const adviceSchema = z.object({
  summary: z.string().min(1),
  steps: z.array(z.string().min(1)).min(1),
})
export type Advice = z.infer<typeof adviceSchema>

/** A cause of the closed vocabulary, with its default severity and generic advice. */
export const causeInfoSchema = z.object({
  id: causeSchema,
  title: z.string().min(1),
  severity: severitySchema,
  description: z.string().min(1),
  advice: adviceSchema,
})
export type CauseInfo = z.infer<typeof causeInfoSchema>

/**
 * One message a real server sends or logs, keyed by (server, trigger, code, pattern).
 * `pattern` is a regex source compiled with flag `i`, matched against the reply text without its
 * code (`Timeout.`) or against the log message. Every entry carries real `samples` it must match.
 *
 * An entry with `incident: false` is a known message that is not a 421/426-style incident (a
 * failed login, a missing file, Pure-FTPd's internal `425 Logout.`): `ftplog explain` shows it,
 * and when the analyzer meets it, it stops the code's fallback rule from calling it a failure.
 */
export const serverMessageSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    server: serverFamilySchema,
    /** Free text, e.g. `0.9.x` or `>= 1.3.6`. */
    versions: z.string().optional(),
    trigger: z.enum(['reply', 'log-message']),
    /** Reply code; `null` for log messages. */
    code: z.number().int().min(100).max(699).nullable(),
    pattern: z.string().min(1),
    /** Restricts the entry to a session phase (vsftpd's `421 Timeout.` before login is a login timeout). */
    phase: z.array(phaseSchema).optional(),
    /** Whether the analyzer reports it as an incident. @default true */
    incident: z.boolean().default(true),
    /** The incident cause; required when `incident` is true. */
    cause: causeSchema.optional(),
    /** A short label for tables and `explain`, e.g. `Too many sessions from one address`. */
    title: z.string().min(1).optional(),
    /**
     * `false` when the text is too common to name the server by itself (FileZilla Server's ABOR
     * reply is RFC 959's standard 426 text): the entry then applies only to sessions whose server
     * family is known, never to unidentified transcripts. @default true
     */
    distinctive: z.boolean().default(true),
    severity: severitySchema.optional(),
    /**
     * Causes this entry refines: when an event of one of these causes happens in the same session
     * within a few seconds, the two are one failure and this entry's classification wins
     * (ProFTPD logs `Passive data transfer failed` right after `FTP no transfer timeout`).
     */
    refines: z.array(causeSchema).default([]),
    directives: z.array(directiveSchema).default([]),
    /** What the server's own log shows when it sends this reply. */
    logEvidence: z.string().optional(),
    advice: adviceSchema,
    source: z.string().min(1),
    samples: z.array(z.string().min(1)).min(1),
    /**
     * Where the samples come from: a corpus file and line, a lab run, or the reference/source
     * format string they were instantiated from (`%d` filled in).
     */
    sampleSource: z.string().min(1).optional(),
  })
  .refine((m) => !m.incident || m.cause !== undefined, { message: 'an incident entry needs a cause', path: ['cause'] })
  .refine((m) => (m.trigger === 'reply') === (m.code !== null), {
    message: 'reply entries need a code and log-message entries none',
    path: ['code'],
  })
export type ServerMessage = z.infer<typeof serverMessageSchema>
/** A catalog entry the analyzer reports as an incident: it always has a cause. */
export type IncidentMessage = ServerMessage & { readonly incident: true; readonly cause: Cause }

/**
 * A rule that classifies an event from its context rather than its text. `override` rules run
 * before the message catalog (a 426 right after the client's ABOR is a client abort whatever
 * the text); `fallback` rules run when no message matched (any other 421 is `unknown`).
 */
export const contextRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  stage: z.enum(['override', 'fallback']),
  description: z.string().min(1),
  when: z.object({
    triggers: z.array(triggerSchema).optional(),
    codes: z.array(z.number().int()).optional(),
    servers: z.array(serverFamilySchema).optional(),
    /** The last command the client sent in the session before the event (upper case). */
    afterCommands: z.array(z.string()).optional(),
    /** The next reply in the same session (`commands`: the command it answers, upper case, when the log states it). */
    followedBy: z.object({ codes: z.array(z.number().int()), textPattern: z.string().optional(), commands: z.array(z.string()).optional() }).optional(),
    /** The reply just before it in the same session (ProFTPD answers ABOR with 226 before the 426). */
    precededBy: z.object({ codes: z.array(z.number().int()), textPattern: z.string().optional() }).optional(),
    phases: z.array(phaseSchema).optional(),
    textPattern: z.string().optional(),
  }),
  cause: causeSchema,
  severity: severitySchema.optional(),
  advice: adviceSchema.optional(),
  directives: z.array(directiveSchema).default([]),
  source: z.string().min(1),
})
export type ContextRule = z.infer<typeof contextRuleSchema>

/** A 220 banner fingerprint that names the server family in a transcript. */
export const bannerSchema = z.object({
  server: serverFamilySchema,
  /** Versions whose default banner this is, e.g. `1.x`. */
  versions: z.string().optional(),
  pattern: z.string().min(1),
  source: z.string().min(1),
  samples: z.array(z.string().min(1)).min(1),
  /** Where the samples come from. */
  sampleSource: z.string().min(1).optional(),
})
export type Banner = z.infer<typeof bannerSchema>

export const catalogSchema = z.object({
  causes: z.array(causeInfoSchema),
  messages: z.array(serverMessageSchema),
  rules: z.array(contextRuleSchema),
  banners: z.array(bannerSchema).default([]),
})
export type CatalogData = z.infer<typeof catalogSchema>
