#!/usr/bin/env node
import { nodeIO, run } from '../dist/cli.js'

const controller = new AbortController()
const stop = () => controller.abort()
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
process.exitCode = await run(process.argv.slice(2), nodeIO(controller.signal))
