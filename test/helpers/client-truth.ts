import { readFileSync } from 'node:fs'
import { fixture } from './paths.js'

/** The part of a lab recording's client-observed.json these counts read. */
interface Observed {
  scenarios: { run: string; replies: { code: number }[]; transfers: { completed: boolean }[] }[]
}

/**
 * What the clients did in the lab's main run (fixtures/real/SERVER/client-observed.json):
 * transfers that completed, that started (a 150/125 reached the client) and broke, and that
 * never started. The truth ftplog's transfer counts over the same run are checked against.
 */
export function clientTruth(server: string): { completed: number; incomplete: number; failedToStart: number } {
  const observed = JSON.parse(readFileSync(fixture('real', server, 'client-observed.json'), 'utf8')) as Observed
  const truth = { completed: 0, incomplete: 0, failedToStart: 0 }
  for (const s of observed.scenarios) {
    if (s.run !== 'main') continue
    const started = s.replies.some((r) => r.code === 150 || r.code === 125)
    for (const t of s.transfers) {
      if (t.completed) truth.completed++
      else if (started) truth.incomplete++
      else truth.failedToStart++
    }
  }
  return truth
}
