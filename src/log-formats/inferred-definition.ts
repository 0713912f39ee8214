import { logFormatFromTemplate } from './proftpd-template.js'
import type { LogFormatDefinition } from './schema.js'

/** Name of the log format an inferred ExtendedLog layout is read as (what reports show). */
export const INFERRED_LOG_FORMAT = 'proftpd-extended'

/**
 * Detection priority of an inferred layout: below every bundled log format, so it is chosen only
 * when it recognises strictly more head lines than any of them (the bundled `proftpd-extended`
 * keeps the default layout, `pure-ftpd-clf` its look-alike lines).
 */
const INFERRED_PRIORITY = 0

/**
 * The log-format definition (named {@link INFERRED_LOG_FORMAT}) reading ExtendedLog lines written
 * with the ProFTPD `LogFormat` string `logFormat`, complete with the schema's defaults (see
 * {@link logFormatFromTemplate}; its test checks that the schema accepts and keeps it as it is).
 * @throws InvalidTemplateError when the LogFormat cannot be read.
 */
export function inferredDefinition(logFormat: string): LogFormatDefinition {
  return logFormatFromTemplate(logFormat, {
    name: INFERRED_LOG_FORMAT,
    title: `ProFTPD ExtendedLog (LogFormat inferred: ${logFormat})`,
    priority: INFERRED_PRIORITY,
    origin: 'the inferred LogFormat',
  })
}
