/**
 * Returns a copy of `s` that does not share memory with the string it was cut from.
 *
 * V8 represents substrings (regex groups, `slice`, `split`) as views on their parent. Lines come
 * from the line splitter as views on a 64 KiB decoded window, and fields as views on lines, so
 * keeping one client address in a table would keep the whole window alive. Everything the analysis keeps beyond the
 * current line (table keys, session fields, samples) goes through this first.
 */
export function detach(s: string): string {
  // V8 copies substrings shorter than 13 characters (SlicedString::kMinLength) and makes no cons
  // string that short either, so such a string never shares memory: verbs, codes, most users.
  return s.length < SHORTEST_VIEW ? s : (' ' + s).slice(1)
}

/** The shortest string V8 represents as a view on another (src/objects/string.h, `kMinLength`). */
const SHORTEST_VIEW = 13

/** {@link detach} for optional values. */
export function detachOptional(s: string | undefined): string | undefined {
  return s === undefined ? undefined : detach(s)
}
