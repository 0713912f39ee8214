import { validate } from '../validate.js'
import win32Json from './win32-status.json' with { type: 'json' }
import { win32StatusTableSchema, type Win32Status, type Win32StatusTable } from './windows-status-schema.js'

let table: Win32StatusTable | undefined
let byCode: ReadonlyMap<number, Win32Status> | undefined

/**
 * The bundled table of `sc-win32-status` values, validated on first use.
 * @throws InvalidDefinitionError when the bundled JSON fails its schema (a packaging bug).
 */
export function win32StatusTable(): Win32StatusTable {
  table ??= validate(win32StatusTableSchema, win32Json, 'Win32 status table')
  return table
}

/**
 * Describes a Win32 or Windows Sockets error number as IIS writes it in `sc-win32-status`
 * (e.g. 10054 → WSAECONNRESET, peer reset). Returns `undefined` for numbers not in the table.
 * Source: Microsoft's Windows Sockets error list and the Win32 system error codes.
 */
export function describeWin32Status(code: number): Win32Status | undefined {
  byCode ??= new Map(win32StatusTable().statuses.map((s) => [s.code, s]))
  return byCode.get(code)
}
