import { z } from 'zod'
import { serverFamilySchema } from '../model/server-family-schema.js'

/**
 * Where a fact comes from: an RFC section, a server source file, or a vendor document.
 * `url` is optional; `ftplog explain` builds RFC links from `rfc` and `section`.
 */
export const sourceRefSchema = z
  .object({
    rfc: z.number().int().positive().optional(),
    section: z.string().min(1).optional(),
    ref: z.string().min(1).optional(),
    url: z.url().optional(),
  })
  .refine((s) => s.rfc !== undefined || s.ref !== undefined, { message: 'a source needs an rfc number or a ref' })
export type SourceRef = z.infer<typeof sourceRefSchema>

/**
 * Whether a code is defined by an RFC:
 * - `standard`: defined by an RFC listed in `sources`;
 * - `non-standard`: sent by real servers but defined by none (vsftpd `500 OOPS`);
 * - `client-synthesized`: printed by a client, never sent by the server (BSD ftp's 421 on EOF);
 * - `folklore`: found only in unofficial lists (430, 434); no RFC or studied server defines it.
 */
export const REPLY_STATUSES = ['standard', 'non-standard', 'client-synthesized', 'folklore'] as const
/** Zod schema of {@link REPLY_STATUSES}. */
export const replyStatusSchema = z.enum(REPLY_STATUSES)
export type ReplyStatus = z.infer<typeof replyStatusSchema>

/**
 * How well a fact is checked: `verified` against primary text (RFC, server source, vendor doc),
 * `secondary` when only a second-hand source confirms it, `unverified` when it comes from
 * third-party lists alone.
 */
export const confidenceSchema = z.enum(['verified', 'secondary', 'unverified'])
export type Confidence = z.infer<typeof confidenceSchema>

/** A second meaning of the same code in another context (522 after EPRT vs after AUTH TLS). */
export const replyVariantSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** What tells this meaning apart: the command before it, the text, or who printed it. */
  disambiguator: z.string().min(1),
  shortName: z.string().min(1),
  description: z.string().min(1),
  whenYouSeeIt: z.string().min(1),
  howToFix: z.string().min(1),
  status: replyStatusSchema.default('standard'),
  confidence: confidenceSchema.default('verified'),
  /** Optional regex (flags `i`) over the reply text that selects this variant. */
  textPattern: z.string().optional(),
  /** Commands after which this variant applies. */
  afterCommands: z.array(z.string()).default([]),
  /** Server families that use the code this way; empty means any. */
  servers: z.array(serverFamilySchema).default([]),
  sources: z.array(sourceRefSchema).min(1),
})

/** One reply code. `class` and `group` are derived from the digits, so they are not stored. */
export const replyEntrySchema = z.object({
  code: z.string().regex(/^[1-6][0-9][0-9]$/, 'a reply code is three digits, first digit 1-6'),
  shortName: z.string().min(1),
  /** The text the defining RFC suggests; servers may send other text. */
  standardText: z.string().min(1),
  description: z.string().min(1),
  whenYouSeeIt: z.string().min(1),
  howToFix: z.string().min(1),
  /** Commands that may draw this reply (RFC 959 §5.4 and the later RFCs' command tables). */
  commands: z.array(z.string()).default([]),
  status: replyStatusSchema.default('standard'),
  confidence: confidenceSchema.default('verified'),
  /**
   * Context facts a reader must not miss, one sentence each (a 426 right after ABOR is expected).
   * `compare` lists them among the key differences.
   */
  notes: z.array(z.string().min(1)).default([]),
  sources: z.array(sourceRefSchema).min(1),
  variants: z.array(replyVariantSchema).default([]),
})
export type ReplyEntry = z.infer<typeof replyEntrySchema>
export type ReplyVariant = z.infer<typeof replyVariantSchema>

/** Labels of the first digit (class) and second digit (function group), RFC 959 §4.2.1, RFC 2228. */
export const replyDigitsSchema = z.object({
  classes: z.record(
    z.string().regex(/^[1-6]$/),
    z.object({
      label: z.string(),
      /** Short form used in one-line comparisons, e.g. `Transient Negative`. */
      shortLabel: z.string().optional(),
      meaning: z.string(),
      sources: z.array(sourceRefSchema).min(1),
    }),
  ),
  groups: z.record(z.string().regex(/^[0-5]$/), z.object({ label: z.string(), meaning: z.string() })),
})
export type ReplyDigits = z.infer<typeof replyDigitsSchema>

/** The bundled `reply-codes.json`: one entry per code, codes unique (checked by `createReplyRegistry`). */
export const replyTableSchema = z.object({
  codes: z.array(replyEntrySchema).min(1),
})
export type ReplyTable = z.infer<typeof replyTableSchema>
