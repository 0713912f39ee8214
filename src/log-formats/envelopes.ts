import type { EnvelopesData } from './envelope-schema.js'
import { validatedEnvelopes } from './validated-envelopes.js'

let bundled: EnvelopesData | undefined

/**
 * The shared syslog / journal envelopes (`envelopes.json`), validated ({@link validatedEnvelopes}),
 * on first use; the same object afterwards.
 * @throws InvalidDefinitionError when the bundled data fails its schema (a bug, caught by tests).
 */
export function bundledEnvelopes(): EnvelopesData {
  bundled ??= validatedEnvelopes()
  return bundled
}
