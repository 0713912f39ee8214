import type { Reporter, TestModule } from 'vitest/node'
import { NEEDS, needTag, type Need } from '../helpers/needs.js'

/**
 * Vitest reporter: after the run, one line per missing need naming what was skipped, what is
 * missing and how to get it, e.g. `skipped 14 tests in 9 files: ../shared/corpus not found — clone
 * ftplog beside shared/ …`. Silent when nothing was skipped for a missing need.
 */
export default class ReportMissing implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = []
    for (const need of Object.keys(NEEDS) as Need[]) {
      const tag = needTag(need)
      let tests = 0
      let files = 0
      for (const m of modules) {
        let inFile = 0
        for (const t of m.children.allTests()) if (t.name.endsWith(tag)) inFile++
        tests += inFile
        if (inFile > 0) files++
      }
      if (tests > 0) lines.push(`skipped ${tests} test${tests === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}: ${NEEDS[need].label} not found — ${NEEDS[need].how} (CI=true fails instead)`)
    }
    for (const line of lines) process.stdout.write(`\n${line}\n`)
  }
}
