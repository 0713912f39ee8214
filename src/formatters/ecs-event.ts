import { toJsonLine } from './escape.js'
import type { AnalysisEvent } from '../analyze/analysis-event.js'
import { ECS_VERSION } from './ndjson.js'

const TRANSFER_TYPE = { upload: ['creation'], download: ['access'], delete: ['deletion'] } as const

/**
 * One analysis event (a reply, login attempt or transfer) as an Elastic Common Schema document:
 * `@timestamp`, `event.kind: event`, `event.category` (`network`, `authentication`, `file`),
 * `event.type`, `event.outcome`, `event.code` (reply code), `event.dataset`
 * (`ftplog.reply`, `ftplog.login`, `ftplog.transfer`), `source.ip`, `user.name`, `file.path`,
 * `log.file.path`, `message`, and `ftplog.type`/`ftplog.line`/`ftplog.bytes`. Pure; fields
 * without a value are left out.
 */
export function analysisEventToEcs(e: AnalysisEvent): Record<string, unknown> {
  const common = {
    ...(e.time !== undefined && Number.isFinite(e.time) ? { '@timestamp': new Date(e.time).toISOString() } : {}),
    ecs: { version: ECS_VERSION },
    ...(e.client !== undefined ? { source: { ip: e.client } } : {}),
    ...(e.user !== undefined ? { user: { name: e.user } } : {}),
    log: { file: { path: e.path } },
  }
  switch (e.kind) {
    case 'reply':
      return {
        ...common,
        event: {
          kind: 'event',
          category: ['network'],
          type: ['protocol'],
          outcome: e.code >= 400 ? 'failure' : 'success',
          code: String(e.code),
          dataset: 'ftplog.reply',
          module: 'ftplog',
        },
        message: `${e.code} ${e.text}`,
        ftplog: { type: 'reply', line: e.line, code: e.code },
      }
    case 'login':
      return {
        ...common,
        event: { kind: 'event', category: ['authentication'], type: ['start'], outcome: e.ok ? 'success' : 'failure', dataset: 'ftplog.login', module: 'ftplog' },
        ftplog: { type: 'login', line: e.line },
      }
    case 'transfer':
      return {
        ...common,
        event: {
          kind: 'event',
          category: ['file'],
          type: TRANSFER_TYPE[e.direction],
          outcome: e.outcome === 'complete' ? 'success' : 'failure',
          reason: e.outcome,
          dataset: 'ftplog.transfer',
          module: 'ftplog',
        },
        ...(e.file !== undefined ? { file: { path: e.file } } : {}),
        ftplog: { type: 'transfer', line: e.line, direction: e.direction, outcome: e.outcome, ...(e.bytes !== undefined ? { bytes: e.bytes } : {}) },
      }
  }
}

/** {@link analysisEventToEcs} as one NDJSON line ({@link toJsonLine}: no raw line breaks of any kind). */
export function formatAnalysisEvent(e: AnalysisEvent): string {
  return `${toJsonLine(analysisEventToEcs(e))}\n`
}
