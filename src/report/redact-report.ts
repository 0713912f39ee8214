import { createHmac } from 'node:crypto'
import { isIP } from 'node:net'
import { SERVER_FAMILIES } from '../model/server-family.js'
import { isPrivilegedUser } from '../security/security-state.js'
import type { Report } from './report-schema.js'

/** What a token stands for; it prefixes the token: `addr-3f2a9c1d0b`. */
export type RedactionKind = 'addr' | 'user' | 'path' | 'host'

/**
 * Replaces client addresses, user names, file paths and syslog host names in a finished report
 * with keyed hashes, so a summary can be shared: `addr-…`, `user-…`, `path-…`, `host-…`, each the
 * first 10 hex digits of HMAC-SHA256(key, kind + value). The same value gives the same token
 * everywhere in the report, and in every report redacted with the same key.
 *
 * Replaced: incident clients, users, files and host, and the clients and users of its settings
 * evidence; peak concurrency by client; login, security and brute-force tables and offenders;
 * filters; inside settings reasons as in sample texts; and inside sample and unrecognized-line texts every IPv4/IPv6 address,
 * every PASV/PORT address tuple (`h1,h2,h3,h4,p1,p2`) and every occurrence of a value replaced
 * elsewhere. Kept: input paths (the caller's own files, needed for annotations), reply codes,
 * times, advice, and the generic account names root, admin, administrator and toor (they name no
 * one, and the security summary is about them). Other words of a log line (a command argument
 * the report does not list as a file) stay as they are.
 * @param key any secret; a random one per run makes tokens stable within one report only.
 */
export function redactReport(report: Report, key: string | Uint8Array): Report {
  const tokens = new Map<string, string>()
  const token = (kind: RedactionKind, value: string): string => {
    const id = `${kind}\u0000${value}`
    let t = tokens.get(id)
    if (t === undefined) {
      t = `${kind}-${createHmac('sha256', key).update(id).digest('hex').slice(0, 10)}`
      tokens.set(id, t)
    }
    return t
  }
  const known = new Map<string, string>()
  const addr = (v: string): string => remember(v, token('addr', v))
  const user = (v: string): string => (isPrivilegedUser(v) ? v : remember(v, token('user', v)))
  const path = (v: string): string => remember(v, token('path', v))
  const host = (v: string): string => ((SERVER_FAMILIES as readonly string[]).includes(v) ? v : remember(v, token('host', v)))
  function remember(value: string, t: string): string {
    if (value.length > 0) known.set(value, t)
    return t
  }
  const keys = (r: Record<string, number>, f: (v: string) => string): Record<string, number> => {
    const out: Record<string, number> = {}
    for (const [k, n] of Object.entries(r)) out[f(k)] = (out[f(k)] ?? 0) + n
    return out
  }

  // Structured fields first, so their values are known when the free texts are rewritten.
  const incidents = report.incidents.map((i) => {
    const server = host(i.server)
    return { ...i, server, id: i.id.replace(i.server, server), clients: i.clients.map(addr), users: i.users.map(user), files: i.files.map(path) }
  })
  const logins = { ...report.logins, failedByClient: keys(report.logins.failedByClient, addr), failedByUser: keys(report.logins.failedByUser, user) }
  const s = report.security
  const security = {
    ...s,
    failedByClient: keys(s.failedByClient, addr),
    failedByUser: keys(s.failedByUser, user),
    privileged: { ...s.privileged, byUser: keys(s.privileged.byUser, user), byClient: keys(s.privileged.byClient, addr) },
    bruteForce: {
      ...s.bruteForce,
      windows: s.bruteForce.windows.map((w) => ({ ...w, client: addr(w.client), users: w.users.map(user) })),
      offenders: [...new Set(s.bruteForce.offenders.map(addr))].sort(),
    },
  }
  const filters = report.filters ? { ...report.filters, clients: report.filters.clients.map(addr), users: report.filters.users.map(user) } : null

  const top = { clients: keys(report.top.clients, addr), users: keys(report.top.users, user), files: keys(report.top.files, path) }
  const peak = report.sessions.peakConcurrent
  const sessions = {
    ...report.sessions,
    peakConcurrent: { ...peak, byClient: peak.byClient.map((p) => ({ ...p, client: addr(p.client) })) },
    longestSilence: report.sessions.longestSilence.map((g) => ({ ...g, server: host(g.server) })),
  }
  const withEvidence = incidents.map((i) => {
    const e = i.advice.evidence
    if (e === null) return i
    const examples = e.examples.map((x) => ({ ...x, client: x.client === null ? null : addr(x.client), user: x.user === null ? null : user(x.user) }))
    return { ...i, advice: { ...i.advice, evidence: { ...e, examples } } }
  })

  const text = makeTextRedactor(known, addr)
  return {
    ...report,
    incidents: withEvidence.map((i) => ({
      ...i,
      samples: i.samples.map((x) => ({ ...x, text: text(x.text) })),
      advice: { ...i.advice, settings: i.advice.settings.map((x) => ({ ...x, reason: text(x.reason) })) },
    })),
    sessions,
    inputs: report.inputs.map((i) => ({ ...i, unrecognizedSamples: i.unrecognizedSamples.map((x) => ({ ...x, text: text(x.text) })) })),
    logins,
    security,
    filters,
    top,
    redacted: true,
  }
}

// Candidates for addresses: runs of hex digits, dots and colons; isIP() decides.
const ADDRESS_CANDIDATE = /(?<![\w.:])[0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]*(?![\w.:])/g
// RFC 959 §4.1.2 PORT/PASV host-port tuple: h1,h2,h3,h4,p1,p2.
const HOST_PORT = /(?<!\d)\d{1,3}(?:,\d{1,3}){5}(?!\d)/g
const WORD_CHAR = /[A-Za-z0-9_.-]/

function makeTextRedactor(known: Map<string, string>, addr: (v: string) => string): (text: string) => string {
  // Longest values first, so a path is replaced before a user name inside it.
  const values = [...known.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  return (input) => {
    let out = input.replace(HOST_PORT, (m) => addr(m.split(',').slice(0, 4).join('.')))
    out = out.replace(ADDRESS_CANDIDATE, (m) => {
      const bare = m.replace(/^::ffff:/i, '')
      return isIP(m) !== 0 || isIP(bare) !== 0 ? addr(isIP(bare) === 4 ? bare : m) : m
    })
    for (const v of values) out = replaceWhole(out, v, known.get(v)!)
    return out
  }
}

/** Replaces occurrences of `value` not glued to word characters on either side. */
function replaceWhole(text: string, value: string, replacement: string): string {
  let from = 0
  let out = ''
  for (;;) {
    const at = text.indexOf(value, from)
    if (at < 0) return out + text.slice(from)
    const before = at > 0 ? text[at - 1]! : ''
    const after = text[at + value.length] ?? ''
    const whole = (before === '' || !WORD_CHAR.test(before)) && (after === '' || !WORD_CHAR.test(after))
    out += text.slice(from, at) + (whole ? replacement : value)
    from = at + value.length
  }
}
