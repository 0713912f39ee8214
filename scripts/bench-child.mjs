// Runs one `ftplog …` through the CLI's run() in this process and prints its exit code, wall time,
// CPU time and peak RSS as JSON (stdout of ftplog is counted, not printed; with --print-stdout it
// is printed instead). Used by bench.mjs, which spawns one child per measurement so each starts
// with a fresh heap. FTPLOG_BENCH_CLI points at another build's dist/cli.js (before/after runs).
import { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'

const cli = process.env.FTPLOG_BENCH_CLI ? pathToFileURL(process.env.FTPLOG_BENCH_CLI).href : '../dist/cli.js'
const { run } = await import(cli)
let args = process.argv.slice(2)
const print = args[0] === '--print-stdout'
if (print) args = args.slice(1)
let bytesOut = 0
const io = {
  stdout: { write: (t) => (print ? void process.stdout.write(t) : void (bytesOut += t.length)) },
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
const code = await run(args, io)
const ms = performance.now() - start
const cpu = process.cpuUsage() // the whole process, startup included
if (!print) process.stdout.write(`${JSON.stringify({ code, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, bytesOut })}\n`)
