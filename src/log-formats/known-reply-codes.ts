import replyCodesJson from '../replies/reply-codes.json' with { type: 'json' }

/**
 * The reply codes of the RFC table (`src/replies/reply-codes.json`), as numbers in file order;
 * a new array on every call. Detection needs only these, not the table's texts: the build runs
 * this once and puts the list in the bundle instead (`PRECOMPILED` in tsup.config.ts), so a run
 * does not load the table; the tests run it as written.
 */
export function knownReplyCodeList(): number[] {
  return replyCodesJson.codes.map((c) => Number(c.code))
}
