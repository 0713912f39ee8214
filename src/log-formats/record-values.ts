/**
 * Value readers shared by the record builders (record-builder.ts, bare-record-builder.ts): how a
 * captured text becomes a reply code, a verb, a client address or a number in a `LogRecord`.
 */

/** `-`: the character after the code on a multi-line reply's first lines. */
export const DASH = 45
const SPACE = 32

/** The reply code a reply line starts with (three ASCII digits, then a space, a `-` or the end), else 0. */
export function replyCodeOf(reply: string): number {
  const len = reply.length
  if (len < 3) return 0
  const a = reply.charCodeAt(0) - 48
  const b = reply.charCodeAt(1) - 48
  const c = reply.charCodeAt(2) - 48
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return 0
  if (len > 3) {
    const s = reply.charCodeAt(3)
    if (s !== SPACE && s !== DASH) return 0
  }
  return a * 100 + b * 10 + c
}

/** `s.toUpperCase()`, without making a new string when `s` has no lower-case ASCII or non-ASCII character (verbs mostly come upper case). */
export function upperCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c >= 97 && c <= 122) || c > 127) return s.toUpperCase()
  }
  return s
}

/** A client address as sessions key it: `-`, `?` and empty are none; `::ffff:a.b.c.d` is `a.b.c.d`. */
export function normaliseClient(client: string | undefined): string | undefined {
  if (client === undefined || client === '' || client === '-' || client === '?') return undefined
  return client.startsWith('::ffff:') && client.includes('.') ? client.slice(7) : client
}

export function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v === '' || v === '-' ? undefined : v
}

/** A decimal number as logged; `undefined` for none, `-` or a value that is not a finite number. */
export function toNumber(v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  const len = v.length
  if (len === 0) return undefined
  // Plain digits (bytes, seconds: nearly every value) are summed directly; exact below 2^53.
  if (len <= 15) {
    let n = 0
    let i = 0
    for (; i < len; i++) {
      const d = v.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      n = n * 10 + d
    }
    if (i === len) return n
  }
  if (v === '-') return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}
