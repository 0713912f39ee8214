import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
/** Scratch folder (gitignored): unpacked servers, run directories. */
export const LAB_DIR = join(REPO_ROOT, '.lab')
export const RUNS_DIR = join(LAB_DIR, 'runs')
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures/real')
export const DRIVER = join(REPO_ROOT, 'scripts/lab/ftpdriver.py')
export const SYSLOG_SINK = join(REPO_ROOT, 'scripts/lab/syslog_sink.py')
export const SETUP = join(REPO_ROOT, 'scripts/lab/setup.sh')

/** Replace machine-specific paths in text that goes into fixtures (configs, command lines). */
export function portablePaths(text: string): string {
  return text.replaceAll(LAB_DIR, '<lab>').replaceAll(REPO_ROOT, '<repo>')
}
