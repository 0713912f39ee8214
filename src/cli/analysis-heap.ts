import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'

/**
 * Young generation (V8's new space, both semi-spaces) the main thread may grow to while it
 * analyses, in MiB. V8 doubles it up to 32 MiB under this load, although a line's garbage dies
 * within the line. Worker lanes get the same kind of cap from `resourceLimits` (worker-pool.ts).
 */
export const MAIN_YOUNG_GENERATION_MB = 16

/**
 * How far the old generation may grow past what the last full collection kept, in percent,
 * instead of V8's own factor (up to 4×): garbage promoted from the young generation (sessions
 * that ended, incidents replaced by their merge) is then collected before it takes the memory of a
 * long run. Measured over 10M vsftpd lines: peak RSS ~195 MiB with V8's factor, ~150 MiB with 25 %
 * and the young-generation cap.
 */
export const OLD_GENERATION_GROWTH_PERCENT = 25

/** How often the new space's size is checked until it reaches the cap, in ms. */
const CHECK_EVERY_MS = 20

let tuned = false

/**
 * Sizes the main thread's heap for a long analysis: the old generation grows by at most
 * `growthPercent` past its live data, and the young generation stops growing at `youngMb` MiB.
 * Node fixes the new space's maximum at start-up (`--max-semi-space-size`), but V8 reads its
 * growth factor, like the old generation's, each time it resizes: once the new space has reached
 * `youngMb`, that factor is set to 1. Checked on an unreferenced timer, which never keeps the
 * process alive. Once per process; the flags stay for the rest of it (a CLI run).
 */
export function tuneHeapForAnalysis(youngMb: number = MAIN_YOUNG_GENERATION_MB, growthPercent: number = OLD_GENERATION_GROWTH_PERCENT): void {
  if (tuned) return
  tuned = true
  setFlagsFromString(`--heap-growing-percent=${growthPercent}`)
  // Isolates made from now on (the worker lanes) start with semi-spaces of half `youngMb`: once the
  // growth factor below is 1, a worker could not grow its young generation past V8's initial 1 MiB,
  // and spent 19–24 % of its time in scavenges (against 5–7 % on the main thread).
  setFlagsFromString(`--min-semi-space-size=${Math.max(1, Math.floor(youngMb / 2))}`)
  const bytes = youngMb * 1024 * 1024
  const check = (): boolean => {
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')
    if (space === undefined || space.space_size < bytes) return false
    setFlagsFromString('--semi-space-growth-factor=1')
    return true
  }
  if (check()) return
  const timer = setInterval(() => {
    if (check()) clearInterval(timer)
  }, CHECK_EVERY_MS)
  timer.unref()
}
