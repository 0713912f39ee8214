import { validate } from '../validate.js'
import { envelopesSchema, type EnvelopesData } from './envelope-schema.js'
import envelopesJson from './envelopes.json' with { type: 'json' }

/**
 * The shared syslog / journal envelopes (`envelopes.json`), validated, with their defaults filled
 * in; new objects on every call. The build runs this once and puts its result in the bundle
 * instead (`PRECOMPILED` in tsup.config.ts); the tests run it as written.
 * @throws InvalidDefinitionError when the bundled data fails its schema (a bug, caught by tests).
 */
export function validatedEnvelopes(): EnvelopesData {
  return validate(envelopesSchema, envelopesJson, 'syslog envelopes (envelopes.json)')
}
