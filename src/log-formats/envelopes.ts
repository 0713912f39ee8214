import { validate } from '../validate.js'
import { envelopesSchema, type EnvelopesData } from './envelope-schema.js'
import envelopesJson from './envelopes.json' with { type: 'json' }

let bundled: EnvelopesData | undefined

/**
 * The shared syslog / journal envelopes (`envelopes.json`), validated on first use.
 * @throws InvalidDefinitionError when the bundled data fails its schema (a bug, caught by tests).
 */
export function bundledEnvelopes(): EnvelopesData {
  bundled ??= validate(envelopesSchema, envelopesJson, 'syslog envelopes (envelopes.json)')
  return bundled
}
