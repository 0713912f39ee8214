import { z } from 'zod'
import { settingMeasureSchema } from '../catalog/schema.js'

const isoTime = z.string().meta({ description: 'ISO 8601 time in UTC' })

const measureValues = z
  .partialRecord(settingMeasureSchema, z.number())
  .meta({
    description:
      'measure → value: sessions held for per-client, per-user and total; seconds waited for login-wait, idle-wait, no-transfer-wait and stall-wait; data connections being set up or open for passive-ports',
  })

/** `incident.advice.settings[]`: one server setting, its value, and the value the log argues for. */
export const settingAdviceSchema = z
  .object({
    directive: z.string().meta({ description: 'the setting as the server documents it (max_per_ip, TimeoutIdle, MaxClientsPerIP…)' }),
    configured: z.string().nullable().meta({
      description: "its value: as written in the server configuration given (--server-config), else the server's documented default (isDefault true); null when neither is known",
    }),
    source: z.string().nullable().meta({ description: 'where `configured` was written, as file:line (vsftpd.conf:34); null for a default' }),
    isDefault: z.boolean().meta({ description: "`configured` is the server's default: no configuration given sets it" }),
    default: z.string().nullable().meta({ description: "the server's documented default, from the catalog; null when it has none" }),
    unit: z
      .enum(['count', 'seconds', 'minutes', 'ports'])
      .meta({ description: 'unit of configured and recommended: sessions, seconds or minutes of a timeout, or ports (a passive port range as the server writes it, or its last port)' }),
    recommended: z.string().nullable().meta({
      description: 'the value the log argues for (docs/settings-advice.md gives the formulas); null when the log has no figure for it (no times, no sessions)',
    }),
    reason: z.string().meta({ description: 'the evidence in one sentence, with numbers and times (UTC); untrusted log content (client addresses, user names)' }),
  })
  .meta({ title: 'SettingAdvice' })

/** `incident.advice.evidence`: the figures behind `settings[]`, as mergeable data. */
export const evidenceSchema = z
  .object({
    events: z.number().int().nonnegative().meta({ description: 'events that had figures (refusals inside sessions, timeouts with times)' }),
    max: z
      .partialRecord(settingMeasureSchema, z.object({ value: z.number(), at: isoTime.nullable() }))
      .meta({ description: 'largest value of each measure (units as in examples) and when it was first seen' }),
    min: measureValues.meta({ description: 'smallest value of each measure' }),
    examples: z
      .array(
        z.object({
          at: isoTime.nullable().meta({ description: 'time of the event' }),
          client: z.string().nullable().meta({ description: 'client address; untrusted log content' }),
          user: z.string().nullable().meta({ description: 'user name; untrusted log content' }),
          values: measureValues,
        }),
      )
      .max(5)
      .meta({ description: 'the 5 earliest events with figures' }),
    uncutLongestGapSeconds: z.number().nullable().meta({ description: "longest silence in one of the server's sessions that no timeout cut, in seconds; null when none was seen" }),
    uncutLongestGapAt: isoTime.nullable().meta({ description: 'when that silence ended' }),
  })
  .meta({ title: 'SettingEvidence' })

/** `report.sessions.peakConcurrent`. */
export const peakConcurrentSchema = z
  .object({
    global: z.number().int().nullable().meta({ description: 'most sessions open at once in one input; null when no input records sessions' }),
    at: isoTime.nullable().meta({ description: 'when that peak was first reached (the opening of the session that reached it)' }),
    byClient: z
      .array(z.object({
          client: z.string().meta({ description: 'client address; untrusted log content' }),
          peak: z.number().int().meta({ description: 'most sessions of this address open at once' }),
          at: isoTime.nullable().meta({ description: 'when that peak was first reached (the opening of the session that reached it)' }),
        }),)
      .max(20)
      .meta({ description: 'per client address, its most sessions open at once; the 20 highest' }),
    estimated: z.boolean().meta({
      description: 'some ends were not in the log (endsNotLogged > 0) or some inputs record no sessions: the figures are estimates',
    }),
    endsNotLogged: z.number().int().nonnegative().meta({
      description: 'sessions whose end the log does not show: counted open until their last line was 5 min old (the vsftpd default idle timeout; no transfer running) or the input ended: an estimate',
    }),
    sessionlessInputs: z.number().int().nonnegative().meta({ description: 'inputs whose log format records no sessions (xferlog…): not counted' }),
  })
  .meta({
    title: 'PeakConcurrent',
    description:
      'sessions open at once, from session starts and ends; a session refused for capacity holds no slot. Each input is measured on its own and merged inputs keep the largest figure, never a sum (docs/settings-advice.md)',
  })

/** `report.sessions.longestSilence[]`. */
export const longestSilenceSchema = z
  .array(
    z.object({
      server: z.string().meta({ description: 'syslog host when the log names one, else the server family' }),
      seconds: z.number().meta({ description: 'the longest silence between two lines of one of its sessions that no timeout cut' }),
      at: isoTime.nullable().meta({ description: 'when that silence ended' }),
    }),
  )
  .max(100)
  .meta({ description: 'per server, how long sessions that were not cut stayed silent (what timeouts are weighed against); the 100 longest' })

export type SettingAdvice = z.infer<typeof settingAdviceSchema>
export type SettingEvidenceReport = z.infer<typeof evidenceSchema>
export type PeakConcurrentReport = z.infer<typeof peakConcurrentSchema>

/** The figure of a report with no sessions. */
export function emptyPeakConcurrent(): PeakConcurrentReport {
  return { global: null, at: null, byClient: [], estimated: false, endsNotLogged: 0, sessionlessInputs: 0 }
}
