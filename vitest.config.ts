import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'

// Three projects, each runnable alone (`npx vitest run --project unit`); test files are chosen by
// glob, never moved. docs/testing.md describes the layout, the skips and the ReDoS check.
/** Data-driven suites: every bundled definition, sample, fixture and corpus file, and the ReDoS check of every pattern. */
const DATA = [
  'test/corpus/**/*.test.ts',
  'test/fixtures.test.ts',
  'test/real-logs.test.ts',
  'test/log-formats/samples.test.ts',
  'test/log-formats/redos.test.ts',
  'test/catalog/catalog-data.test.ts',
  'test/replies/registry-coverage.test.ts',
]
/** End-to-end suites: the built binary, the CLI over real files and processes, the HTML page in Chromium. */
const E2E = ['test/**/*.e2e.test.ts', 'test/**/*.browser.test.ts', 'test/cli/follow.test.ts', 'test/cli/bad-input.test.ts']
const SERVERS = 'test/servers/**'

const project = (name: string, include: string[], exclude: string[] = [], isolate = true): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, include, exclude: [SERVERS, 'node_modules/**', ...exclude], isolate },
})

// `unit` shares one module graph per worker (isolate: false): its files mock nothing and keep no
// global state, and importing src/ once per worker instead of once per file saves ~40% of import time.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Before collection: with CI=true a missing corpus, reference or Chromium fails the run.
    globalSetup: ['test/setup/check-needs.ts'],
    // After the run: one line per missing need, naming what was skipped and how to get it.
    reporters: ['default', './test/setup/report-missing.ts'],
    projects: [project('unit', ['test/**/*.test.ts'], [...DATA, ...E2E], false), project('data', DATA), project('e2e', E2E)],
  },
})
