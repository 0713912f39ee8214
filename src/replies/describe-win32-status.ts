import { bundledWindowsStatusTables } from './bundled-windows-status.js'
import type { Win32Status, Win32StatusTable } from './windows-status-schema.js'

let table: Win32StatusTable | undefined
let byCode: ReadonlyMap<number, Win32Status> | undefined

/**
 * The bundled table of `sc-win32-status` values, validated (by the build, see
 * {@link bundledWindowsStatusTables}), on first use.
 * @throws InvalidDefinitionError when the bundled JSON fails its schema (a packaging bug).
 */
export function win32StatusTable(): Win32StatusTable {
  table ??= bundledWindowsStatusTables().win32
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
