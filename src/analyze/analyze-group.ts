import { setMaxListeners } from 'node:events'
import type { Readable } from 'node:stream'
import type { InputSource } from '../io/open-input.js'
import { analyzeSource, type SourceHooks } from './analyze-input.js'
import type { AnalysisSettings } from './analysis-settings.js'
import type { InputUnit } from './input-plan.js'
import { createPairing, type PairSide } from './log-pairing.js'
import { emptyState, mergeStates, type AnalysisState } from './state.js'

/** Whether a unit is a single plain input (the only kind worker threads analyse). */
export function isPlainUnit(unit: InputUnit): boolean {
  return unit.members.length === 1 && unit.members[0]!.length === 1
}

/**
 * Analyses a rotated set or a group of paired inputs (see {@link planInputs}): each member is
 * read by one {@link analyzeSource}, its parts one after the other through the same analysis
 * context; paired members are read at the same time, kept in step by log time, and their
 * records of the same transfers counted once (see log-pairing.ts).
 * @param open opens an input's byte stream.
 * @param hooks as for `analyzeSource`; its own `nextParts` and `pairing` are set here.
 * @returns the members' states merged (every part keeps its own `inputs[]` entry).
 */
export async function analyzeGroup(unit: InputUnit, open: (input: InputSource) => Readable, settings: AnalysisSettings, hooks: SourceHooks = {}): Promise<AnalysisState> {
  const sides: (PairSide | undefined)[] = unit.roles
    ? createPairing(unit.members.map((parts, i) => ({ role: unit.roles![i]!, paths: parts.map((p) => p.path) })))
    : unit.members.map(() => undefined)
  const bytes = unit.members.map(() => 0)
  // Paired members are read at once, each reader listening to the signal: one signal of their own,
  // allowed as many listeners, instead of Node's leak warning past 10 on the caller's.
  const signal = hooks.signal && unit.members.length > 1 ? AbortSignal.any([hooks.signal]) : hooks.signal
  if (signal !== hooks.signal) setMaxListeners(0, signal!)
  const states = await Promise.all(
    unit.members.map((parts, i) => {
      const side = sides[i]
      const openPart = (input: InputSource): Readable => (side ? side.gate(open(input)) : open(input))
      return analyzeSource(parts[0]!, openPart(parts[0]!), settings, {
        ...hooks,
        signal,
        onBytes: hooks.onBytes
          ? (n) => {
              bytes[i] = n
              hooks.onBytes!(bytes.reduce((a, b) => a + b, 0))
            }
          : undefined,
        nextParts: parts.slice(1).map((input) => ({ input, open: () => openPart(input) })),
        pairing: side,
        cutOf: unit.cuts ? (input) => unit.cuts!.get(input) : undefined,
      })
    }),
  )
  unit.members.forEach((parts, i) => {
    if (parts.length > 1) nameWindowParts(states[i]!)
  })
  return states.reduce(mergeStates, emptyState())
}

/**
 * A brute-force window of a rotated set names the part it started in (the detector, shared by
 * the parts, knows only the first part's path).
 */
function nameWindowParts(state: AnalysisState): void {
  const partAt = (t: number): string | undefined =>
    state.inputs.find((i) => i.firstTime !== undefined && i.lastTime !== undefined && i.firstTime <= t && t <= i.lastTime)?.path
  state.security.windows = state.security.windows.map((w) => {
    const path = partAt(w.start)
    return path === undefined || path === w.path ? w : { ...w, path }
  })
}
