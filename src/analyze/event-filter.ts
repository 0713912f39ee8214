import { BlockList, isIP } from 'node:net'
import { InvalidSettingError } from '../errors.js'

/**
 * Which events a run looks at (`--since`, `--until`, `--client`, `--user`). Filters select
 * incident events, login attempts (security section) and the reply timeline; line accounting
 * and the totals of replies, sessions, logins and transfers always cover every line read, so
 * the report never claims a file had fewer lines than it has.
 */
export interface EventFilter {
  /** Epoch ms; events before it are left out. */
  readonly since?: number | undefined
  /** Epoch ms; events after it are left out. */
  readonly until?: number | undefined
  /**
   * Clients to keep; empty or absent keeps all. Each is an IPv4 or IPv6 address (compared as an
   * address: `2001:db8::1` keeps `2001:0db8:0::1`), a CIDR range (`10.0.0.0/8`, `2001:db8::/32`),
   * or any other text, such as a host name a log wrote instead of an address (compared exactly).
   */
  readonly clients?: readonly string[] | undefined
  /** User names to keep (exact match); empty or absent keeps all. */
  readonly users?: readonly string[] | undefined
}

/** What an event shows a filter: its time (epoch ms), client address and user name, when known. */
export interface FilterableEvent {
  readonly time: number | undefined
  readonly client?: string | undefined
  readonly user?: string | undefined
}

/** Whether a filter selects anything at all. */
export function isActiveFilter(f: EventFilter | undefined): f is EventFilter {
  return f !== undefined && (f.since !== undefined || f.until !== undefined || (f.clients?.length ?? 0) > 0 || (f.users?.length ?? 0) > 0)
}

/**
 * Why a client filter value cannot be used, or `undefined` when it can. Only a value with a `/`
 * can be wrong: it must be a CIDR range, an IPv4 or IPv6 address and a prefix length (0–32,
 * 0–128). Anything else is an address or a name to compare.
 */
export function clientFilterProblem(value: string): string | undefined {
  return value.includes('/') && parseRange(value) === undefined
    ? `${JSON.stringify(value)} is not an address range: give ADDRESS/PREFIX, e.g. 10.0.0.0/8 or 2001:db8::/32`
    : undefined
}

/**
 * Turns `f` into the test each event goes through (`() => true` for no filter). An event without
 * a time fails a time bound (it cannot be placed), one without a client fails a client filter,
 * one without a user fails a user filter.
 * @throws InvalidSettingError (`setting: 'filter'`) for a client value {@link clientFilterProblem} refuses.
 */
export function compileEventFilter(f: EventFilter | undefined): (e: FilterableEvent) => boolean {
  if (!isActiveFilter(f)) return () => true
  const { since, until } = f
  const client = f.clients && f.clients.length > 0 ? clientTest(f.clients) : undefined
  const users = f.users && f.users.length > 0 ? new Set(f.users) : undefined
  return (e) =>
    (since === undefined || (e.time !== undefined && e.time >= since)) &&
    (until === undefined || (e.time !== undefined && e.time <= until)) &&
    (client === undefined || (e.client !== undefined && client(e.client))) &&
    (users === undefined || (e.user !== undefined && users.has(e.user)))
}

/** Whether a time passes the time bounds of `f` (the client and user filters do not apply). */
export function matchesTime(f: EventFilter | undefined, time: number | undefined): boolean {
  if (f === undefined || (f.since === undefined && f.until === undefined)) return true
  return time !== undefined && (f.since === undefined || time >= f.since) && (f.until === undefined || time <= f.until)
}

/** Addresses and ranges go into Node's `BlockList`, which compares them as numbers; the rest into a set. */
function clientTest(values: readonly string[]): (client: string) => boolean {
  const exact = new Set<string>()
  const addresses = new BlockList()
  let anyAddress = false
  for (const value of values) {
    const problem = clientFilterProblem(value)
    if (problem !== undefined) throw new InvalidSettingError('filter', value, problem)
    const range = value.includes('/') ? parseRange(value) : undefined
    // A zone index (fe80::1%eth0) is compared as text: BlockList takes none.
    const family = value.includes('%') ? 0 : isIP(value)
    if (range) addresses.addSubnet(range.address, range.prefix, range.family)
    else if (family !== 0) addresses.addAddress(value, family === 6 ? 'ipv6' : 'ipv4')
    else exact.add(value)
    anyAddress ||= range !== undefined || family !== 0
  }
  return (client) => {
    if (exact.has(client)) return true
    if (!anyAddress) return false
    const family = isIP(client)
    return family !== 0 && addresses.check(client, family === 6 ? 'ipv6' : 'ipv4')
  }
}

function parseRange(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value)
  if (!m) return undefined
  const family = isIP(m[1]!)
  const prefix = Number(m[2])
  if (family === 0 || m[1]!.includes('%') || prefix > (family === 4 ? 32 : 128)) return undefined
  return { address: m[1]!, prefix, family: family === 4 ? 'ipv4' : 'ipv6' }
}
