import type { Readable } from 'node:stream'
import type { InputSource } from '../io/open-input.js'

/**
 * One more file of a rotated set (see docs/inputs.md "Rotated sets"): {@link analyzeSource} reads
 * it after the previous part through the same trackers, incident grouper and brute-force
 * detector, as if the files were one log, while each part keeps its own `inputs[]` entry (lines,
 * bytes, line numbers and sample paths of its own).
 */
export interface NextPart {
  readonly input: InputSource
  /** Opens the part's byte stream (gzip is detected from the content). */
  readonly open: () => Readable
}
