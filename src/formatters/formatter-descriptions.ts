import type { FormatterName } from './registry.js'

/** One line per formatter for `--help` and the README. */
export const FORMATTER_DESCRIPTIONS: Record<FormatterName, string> = {
  text: 'human report for a terminal: verdict, incidents with advice, figures (default)',
  json: 'the versioned JSON report (see `ftplog schema`); input of `ftplog merge`',
  markdown: 'incident summary for a ticket, PR comment or $GITHUB_STEP_SUMMARY',
  junit: 'JUnit XML for Jenkins/GitLab/GitHub test reports: a suite per input, a test per cause',
  github: 'GitHub Actions annotations (::error file=…,line=…::) at the sample lines',
  ndjson: 'one JSON event per line with ECS field names, for Filebeat/Vector/Logstash',
  csv: 'incidents table (RFC 4180, formula-injection guarded)',
  'csv-transfers': 'transfer totals table (RFC 4180): outcome, direction, count, bytes',
  html: 'one self-contained HTML page: verdict, incident timeline and reply charts, incident cards',
  offenders: 'addresses that crossed the brute-force threshold, one per line (firewall, fail2ban)',
}

/** The formatters of `ftplog check-config` (implemented in config-check.ts), for `--help`. */
export const CONFIG_CHECK_FORMATTER_NAMES = ['text', 'json', 'markdown', 'github'] as const
