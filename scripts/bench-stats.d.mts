// Types of bench-stats.mjs (the benchmark's arithmetic), for test/scripts/bench-stats.test.ts.

/** Median, smallest and largest of a list of values, and how many values it has. */
export interface Spread {
  median: number
  min: number
  max: number
  n: number
}
/** A spread read back from a table cell; `digits` is how many decimals the cell gave. */
export interface StatedSpread {
  median: number
  min: number
  max: number
  digits: number
}
/** A goal from issue 15: the measured value must be at most (`<=`) or at least (`>=`) `value`. */
export interface Target {
  op: '<=' | '>='
  value: number
  note?: string
}
export type Verdict = 'yes' | 'no' | 'borderline' | '—'
/** One row of the results table: the comparison and the text of each further column. */
export interface TableRow {
  label: string
  cells: string[]
}
/** One stated comparison checked against a rerun. */
export interface CheckedRow {
  label: string
  stated: StatedSpread
  median?: number
  missing: boolean
  within: boolean
}

export declare function median(xs: readonly number[]): number
export declare function spread(xs: readonly number[]): Spread
export declare function pairRatios(num: readonly number[], den: readonly number[]): number[]
export declare function formatSpread(s: Pick<Spread, 'median' | 'min' | 'max'>, digits?: number): string
export declare function parseSpread(cell: string): StatedSpread | undefined
export declare function formatTarget(target: Target | undefined): string
export declare function verdict(s: Pick<Spread, 'median' | 'min' | 'max'>, target: Target | undefined): Verdict
export declare const MEASURED: string
export declare const COLUMNS: readonly string[]
export declare function renderTable(rows: readonly TableRow[]): string
export declare function parseResults(markdown: string): Map<string, StatedSpread>
export declare function checkResults(stated: ReadonlyMap<string, StatedSpread>, rerun: ReadonlyMap<string, number>): CheckedRow[]
export declare function formatCount(n: number): string
export declare function parseRerunArgs(markdown: string): string[] | undefined
