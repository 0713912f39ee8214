import { compareDetectionPriority } from './detect.js'
import type { LogFormatDefinition } from './schema.js'
import { validatedBundledLogFormats } from './validated-log-formats.js'

let bundled: readonly LogFormatDefinition[] | undefined

/**
 * The bundled definitions validated and in detection order ({@link compareDetectionPriority}),
 * on first use; the same array afterwards. Their samples are checked by the tests
 * (test/log-formats/samples.test.ts), not here, to keep start-up short.
 * @throws InvalidDefinitionError when a bundled definition fails its schema (a bug, caught by tests).
 */
export function bundledLogFormats(): readonly LogFormatDefinition[] {
  bundled ??= validatedBundledLogFormats().sort(compareDetectionPriority)
  return bundled
}
