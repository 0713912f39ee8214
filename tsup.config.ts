import { defineConfig } from 'tsup'

export default defineConfig({
  // analyze-worker is the worker-thread entry; analyzeInputs finds it beside the bundle.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'analyze-worker': 'src/analyze/analyze-worker.ts' },
  format: ['esm'],
  target: 'node20',
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: false,
})
