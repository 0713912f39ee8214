import type { Formatter } from './types.js'

/**
 * The versioned JSON report (`schemaVersion`), described by `ftplog schema`. JSON.stringify
 * escapes every control character, so log content cannot break out of its strings.
 */
export const json: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`
