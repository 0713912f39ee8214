// Runs one `ftplog analyze` through the CLI's run() in this process and prints its wall time
// and peak RSS as JSON. Used by bench.mjs, which spawns one child per measurement so each
// starts with a fresh heap.
import { Readable } from 'node:stream'
import { run } from '../dist/cli.js'

const args = process.argv.slice(2)
let bytesOut = 0
const io = {
  stdout: { write: (t) => void (bytesOut += t.length) },
  stderr: { write: (t) => void process.stderr.write(t) },
  stdin: () => Readable.from([]),
  stdinIsTTY: true,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  columns: undefined,
  env: {},
  writeFile: async () => {},
}
const start = performance.now()
const cpu0 = process.cpuUsage()
const code = await run(args, io)
const ms = performance.now() - start
const cpu = process.cpuUsage(cpu0)
process.stdout.write(`${JSON.stringify({ code, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, bytesOut })}\n`)
