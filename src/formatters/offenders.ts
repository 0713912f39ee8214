import { isIP } from 'node:net'
import type { Formatter } from './types.js'

/**
 * One client address per line: the clients that crossed the brute-force threshold
 * (`security.bruteForce.offenders`), sorted, for a firewall set or fail2ban. Only values that
 * are IPv4 or IPv6 addresses are written (a log's "client" field may hold anything), so the
 * output can go straight into `ipset add` or `fail2ban-client set JAIL banip`. Empty when
 * there are none. Not useful with `--redact`, which replaces the addresses.
 */
export const offenders: Formatter = (report) => {
  const ips = report.security.bruteForce.offenders.filter((a) => isIP(a) !== 0)
  return ips.length > 0 ? `${ips.join('\n')}\n` : ''
}
