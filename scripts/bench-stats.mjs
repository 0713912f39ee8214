// The benchmark's arithmetic and its results table, kept free of timing and processes so
// test/scripts/bench-stats.test.ts can check them: medians and spreads of paired ratios, verdicts
// against issue 15's targets, the Markdown table bench.mjs writes, and the --check comparison of a
// rerun with a table written earlier. Types: bench-stats.d.mts.

/** The en dash between the ends of a spread, as in `2.10 (1.90–2.40)`. */
const DASH = '–'

/** Median of a non-empty list: the middle value, or the mean of the two middle values. */
export function median(xs) {
  if (xs.length === 0) throw new Error('median of no values')
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Median, smallest and largest of a non-empty list, and how many values it has. */
export function spread(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length }
}

/**
 * Ratio of run i of `num` to run i of `den`, for each pair of runs made one after the other: the
 * ratios of interleaved pairs, so a disturbance that slows both runs of a pair cancels out.
 * Throws when the lists differ in length or a denominator is not positive.
 */
export function pairRatios(num, den) {
  if (num.length !== den.length) throw new Error(`unpaired runs: ${num.length} against ${den.length}`)
  return num.map((x, i) => {
    if (!(den[i] > 0)) throw new Error(`run ${i + 1} of the denominator measured ${den[i]}`)
    return x / den[i]
  })
}

/** `2.10 (1.90–2.40)`: median, then min–max, each with `digits` decimals. */
export function formatSpread(s, digits = 2) {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}${DASH}${s.max.toFixed(digits)})`
}

/** The spread a `formatSpread` cell states, or undefined when the cell is not one. */
export function parseSpread(cell) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*\(\s*(\d+(?:\.\d+)?)\s*[–-]\s*(\d+(?:\.\d+)?)\s*\)/.exec(cell)
  if (!m) return undefined
  const digits = m[1].includes('.') ? m[1].split('.')[1].length : 0
  return { median: Number(m[1]), min: Number(m[2]), max: Number(m[3]), digits }
}

/** `≤ 4`, `≥ 1.6`, or `—` without a target. */
export function formatTarget(target) {
  return target ? `${target.op === '<=' ? '≤' : '≥'} ${target.value}${target.note ? ` ${target.note}` : ''}` : '—'
}

const meets = (target, x) => (target.op === '<=' ? x <= target.value : x >= target.value)

/**
 * Whether a measured spread meets a target: `yes` when the median and the worse end of the spread
 * do, `borderline` when only the median does, `no` when the median does not, `—` without a target.
 */
export function verdict(s, target) {
  if (!target) return '—'
  if (!meets(target, s.median)) return 'no'
  const worse = target.op === '<=' ? s.max : s.min
  return meets(target, worse) ? 'yes' : 'borderline'
}

/** The columns of the results table, in order; `MEASURED` is the column --check reads. */
export const MEASURED = `median (min${DASH}max)`
export const COLUMNS = ['comparison', 'target (issue 15)', MEASURED, 'CPU time ratio', 'wall, s', 'peak RSS, MiB', 'met']

/** A Markdown table cell: pipes escaped, line breaks flattened. */
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')

/**
 * The results table: one row per comparison, `row.cells` holding the text of each column after
 * the first, in COLUMNS order.
 */
export function renderTable(rows) {
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`
  return [line(COLUMNS), `|${COLUMNS.map(() => '---').join('|')}|`, ...rows.map((r) => line([r.label, ...r.cells]))].join('\n')
}

/** Splits a Markdown table line into its cells, honouring `\|` inside cells. */
function cellsOf(line) {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'))
}

/**
 * The measured spreads a document states: every Markdown table with a `MEASURED` column, as a map
 * from the row's first cell (the comparison) to its spread. Rows whose cell is no spread (a
 * skipped comparison) are left out.
 */
export function parseResults(markdown) {
  const out = new Map()
  let column = -1
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) {
      column = -1
      continue
    }
    const cells = cellsOf(line)
    if (column < 0) {
      column = cells.indexOf(MEASURED)
      continue
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue
    const s = parseSpread(cells[column] ?? '')
    if (s) out.set(cells[0], s)
  }
  return out
}

/**
 * A rerun against the spreads stated earlier: for each stated comparison, whether the rerun's
 * median, rounded as the statement is, lies within the stated min–max. A comparison the rerun did
 * not measure is `missing`; one it measured that was not stated is left out.
 */
export function checkResults(stated, rerun) {
  return [...stated].map(([label, s]) => {
    const got = rerun.get(label)
    if (got === undefined) return { label, stated: s, missing: true, within: false }
    const rounded = Number(got.toFixed(s.digits ?? 2))
    return { label, stated: s, median: got, missing: false, within: rounded >= s.min && rounded <= s.max }
  })
}

/** `1M`, `10M`, `200k`, `1,500`: a line count as the row labels say it. */
export function formatCount(n) {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}M`
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`
  return n.toLocaleString('en-US')
}

/**
 * The arguments of the command a results document states on its `Command: \`npm run bench -- …\``
 * line, or undefined when it states none. --check uses them to rerun what was run.
 */
export function parseRerunArgs(markdown) {
  const m = /Command: `npm run bench(?: -- ([^`]*))?`/.exec(markdown)
  if (!m) return undefined
  return (m[1] ?? '').split(/\s+/).filter(Boolean)
}
