import type { EnvelopesData } from './envelope-schema.js'
import { parseJsonObject } from './json-records.js'

/**
 * One way a container runtime wraps the lines a container printed, compiled from
 * `envelopes.json` (`containers`): `docker logs --timestamps` and `kubectl logs --timestamps`
 * (an RFC 3339 time and a space; Docker's `daemon/logger` and the kubelet write it), CRI log files
 * (time, `stdout`/`stderr`, `F` or `P`; the Kubernetes CRI logging format kept by containerd and
 * CRI-O), `docker compose logs` (`SERVICE-N  | `, padded to the longest name; compose's
 * pkg/compose logConsumer) and Docker's json-file driver (`{"log":"…\n","stream":…,"time":…}` per line).
 */
export interface ContainerLines {
  readonly id: string
  readonly title: string
  /** The line the container printed, or `undefined` when `line` is not in this shape. */
  unwrap(line: string): string | undefined
}

/** Share of an input's non-blank head lines that must be in one shape for it to be read inside that shape. */
export const CONTAINER_HEAD_SHARE = 0.9

/**
 * Compiles the container shapes of the envelopes data, in its order (the most specific first).
 * A JSON shape takes the string at its key and drops one trailing line feed (CR LF too): Docker
 * stores each printed line with its line feed. A record split by the runtime (a printed line over
 * 16 KiB: a CRI `P` record, a json-file `log` without line feed) is read as separate lines.
 */
export function compileContainers(data: EnvelopesData['containers']): ContainerLines[] {
  return data.map((c) => {
    if (c.regex !== undefined) {
      const re = new RegExp(c.regex, 'u')
      return {
        id: c.id,
        title: c.title,
        unwrap: (line: string) => {
          const m = re.exec(line)
          return m ? line.slice(m[0].length) : undefined
        },
      }
    }
    const key = c.jsonMessage!
    return {
      id: c.id,
      title: c.title,
      unwrap: (line: string) => {
        if (line.charCodeAt(0) !== 123 /* { */) return undefined
        const message = parseJsonObject(line)?.[key]
        return typeof message === 'string' ? message.replace(/\r?\n$/, '') : undefined
      },
    }
  })
}

/**
 * The shape that at least {@link CONTAINER_HEAD_SHARE} of the non-blank `head` lines are in (the
 * first such shape), or `undefined`. Detection then weighs the unwrapped head against the lines as
 * they are (analyze-input.ts), so a log whose own lines start with an RFC 3339 time (FileZilla
 * Server 1.x, rsyslog's precise format) keeps being read as it is.
 */
export function containerOfHead(head: readonly string[], shapes: readonly ContainerLines[]): ContainerLines | undefined {
  const lines = head.filter((l) => l.trim().length > 0)
  if (lines.length === 0) return undefined
  return shapes.find((s) => lines.filter((l) => s.unwrap(l) !== undefined).length >= CONTAINER_HEAD_SHARE * lines.length)
}
