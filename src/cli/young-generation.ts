import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'

/**
 * Young generation (V8's new space, both semi-spaces) the main thread may grow to while it
 * analyses, in MiB. V8 doubles it up to 32 MiB under this load, although a line's garbage dies
 * within the line. Worker lanes get the same kind of cap from `resourceLimits` (worker-pool.ts).
 */
export const MAIN_YOUNG_GENERATION_MB = 16

/** How often the new space's size is checked until it reaches the cap, in ms. */
const CHECK_EVERY_MS = 20

let capped = false

/**
 * Stops the main thread's young generation from growing past `mb` MiB. Node fixes the new
 * space's maximum at start-up (`--max-semi-space-size`), but V8 reads its growth factor each time
 * it grows the space: once the space has reached `mb`, the factor is set to 1. Checked on an
 * unreferenced timer, which never keeps the process alive; once per process.
 */
export function capYoungGeneration(mb: number = MAIN_YOUNG_GENERATION_MB): void {
  if (capped) return
  capped = true
  const bytes = mb * 1024 * 1024
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
