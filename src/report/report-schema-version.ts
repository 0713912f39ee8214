/**
 * Version of the JSON report. Bumped on any change that breaks a consumer. Apart from the schema,
 * so that building a report does not construct the report's zod schemas.
 */
export const REPORT_SCHEMA_VERSION = 1
