import { createRequire } from 'node:module'
import type cliProgressModule from 'cli-progress'
import type { CliIO } from './io.js'
import { humanBytes } from '../formatters/figures.js'

/** A progress display the analyze command drives; a no-op unless shown. */
export interface Progress {
  update(bytesRead: number, bytesTotal: number): void
  stop(): void
}

/**
 * A cli-progress bar on stderr (bytes read of bytes total), shown only when stderr and stdout are
 * both terminals, `--no-progress` was not given and CI is not set, so piped output and CI logs
 * stay clean. Always call `stop()` (the bar holds a timer).
 */
export function createProgress(io: CliIO, enabled: boolean): Progress {
  if (!enabled || !io.stderrIsTTY || !io.stdoutIsTTY || io.env.CI || !io.progressStream) {
    return { update() {}, stop() {} }
  }
  // Loaded only for a bar that shows: most runs (piped, CI, --no-progress) never evaluate it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule
  const bar = new cliProgress.SingleBar(
    {
      stream: io.progressStream,
      format: 'ftplog {bar} {percentage}% | {value_h} of {total_h}',
      formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? humanBytes(v) : String(v)),
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(read, total) {
      if (total <= 0) return
      if (!started) {
        bar.start(total, 0, { value_h: humanBytes(0), total_h: humanBytes(total) })
        started = true
      }
      bar.update(read, { value_h: humanBytes(read), total_h: humanBytes(total) })
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
