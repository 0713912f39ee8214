import type { Reporter, TestModule } from 'vitest/node'
import { NEEDS, needTag, type Need } from '../helpers/needs.js'

/**
 * Vitest reporter: after the run, one line naming what was skipped for want of what, and how to
 * get it, e.g. `skipped 10 tests in 7 files: ../shared/corpus not found (9 tests) — clone ftplog
 * beside shared/ …`. Silent when nothing was skipped for a missing need.
 */
export default class ReportMissing implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const parts: string[] = []
    const files = new Set<string>()
    let total = 0
    for (const need of Object.keys(NEEDS) as Need[]) {
      const tag = needTag(need)
      let tests = 0
      for (const m of modules) {
        for (const t of m.children.allTests()) {
          if (!t.name.endsWith(tag)) continue
          tests++
          files.add(m.moduleId)
        }
      }
      if (tests === 0) continue
      total += tests
      parts.push(`${NEEDS[need].label} not found (${tests} test${tests === 1 ? '' : 's'}) — ${NEEDS[need].how}`)
    }
    if (total === 0) return
    process.stdout.write(`\nskipped ${total} test${total === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}: ${parts.join('; ')} (CI=true fails instead)\n`)
  }
}
