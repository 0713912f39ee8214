/**
 * The exit-code contract:
 * - 0: analysed, no incident at or above `--fail-on`;
 * - 1: at least one incident at or above `--fail-on`;
 * - 2: usage error, or an input that could not be read or recognised (the others are still reported);
 * - 130: interrupted (SIGINT).
 */
export type ExitCode = 0 | 1 | 2 | 130

export const EXIT_CODES_HELP = `Exit codes:
  0  no incident at or above --fail-on
  1  at least one incident at or above --fail-on
  2  usage error, or an input could not be read or recognised (the others are still analysed)
  130  interrupted`
