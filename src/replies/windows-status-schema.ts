import { z } from 'zod'
import { causeSchema } from '../model/cause-schema.js'
import { sourceRefSchema } from './schema.js'

/**
 * One value of IIS's `sc-win32-status` column: a Win32 system error or a Windows Sockets error.
 * These are operating-system numbers, never FTP replies, although unofficial lists mix them in.
 */
export const win32StatusSchema = z.object({
  code: z.number().int().min(0),
  /** Symbolic name, e.g. `WSAECONNRESET`. */
  name: z.string().regex(/^[A-Z0-9_]+$/),
  /** `winsock` for WSA* (10000–11999), `win32` for system errors. */
  kind: z.enum(['win32', 'winsock']),
  /** What Windows says it means, paraphrased. */
  meaning: z.string().min(1),
  /** What it usually says about an FTP session when IIS logs it. */
  inFtpLogs: z.string().min(1),
  /** The incident cause it points to when it ends a transfer, if any. */
  cause: causeSchema.optional(),
  /** Set when unofficial reply-code lists present this number as an FTP code. */
  folklore: z.string().optional(),
})
export type Win32Status = z.infer<typeof win32StatusSchema>

/** The bundled `win32-status.json`: the statuses and the document they come from. */
export const win32StatusTableSchema = z.object({
  source: sourceRefSchema,
  statuses: z.array(win32StatusSchema).min(1),
})
export type Win32StatusTable = z.infer<typeof win32StatusTableSchema>

/** Which part of the session an IIS FTP substatus is about. */
export const iisAreaSchema = z.enum([
  'none',
  'authorization',
  'authentication',
  'file-system',
  'request-filtering',
  'control-channel',
  'data-channel',
  'session',
  'configuration',
  'ssl',
])

/** One value of IIS's `sc-substatus` column for the FTP service (IIS 7.0 and later). */
export const iisSubstatusSchema = z.object({
  code: z.number().int().min(0),
  area: iisAreaSchema,
  meaning: z.string().min(1),
  /** The substatus marks a normal event (a client's own abort), not a failure. */
  expected: z.boolean().default(false),
  /** Ids of IIS entries in the server-message catalog that explain this substatus. */
  catalog: z.array(z.string()).default([]),
})
export type IisSubstatus = z.infer<typeof iisSubstatusSchema>

/** The bundled `iis-substatus.json`: Microsoft's substatus list and the reply codes IIS FTP sends. */
export const iisSubstatusTableSchema = z.object({
  source: sourceRefSchema,
  /** The reply codes Microsoft says IIS FTP sends (a subset of the RFC codes). */
  repliesSent: z.array(z.number().int().min(100).max(699)),
  substatuses: z.array(iisSubstatusSchema).min(1),
})
export type IisSubstatusTable = z.infer<typeof iisSubstatusTableSchema>
