import { bundledWindowsStatusTables } from './bundled-windows-status.js'
import type { IisSubstatus, IisSubstatusTable } from './windows-status-schema.js'

let table: IisSubstatusTable | undefined
let byCode: ReadonlyMap<number, IisSubstatus> | undefined

/**
 * The bundled table of IIS FTP `sc-substatus` values, validated (by the build, see
 * {@link bundledWindowsStatusTables}), on first use.
 * @throws InvalidDefinitionError when the bundled JSON fails its schema (a packaging bug).
 */
export function iisSubstatusTable(): IisSubstatusTable {
  table ??= bundledWindowsStatusTables().iis
  return table
}

/**
 * Describes an IIS FTP substatus (the `sc-substatus` column of IIS 7.0+ FTP logs), e.g.
 * 19 → maximum connections reached. `catalog` names the catalog entries that carry the cause,
 * directive and advice. Returns `undefined` for values not in Microsoft's list (0–55).
 * Source: Microsoft KB 969061.
 */
export function describeIisSubstatus(code: number): IisSubstatus | undefined {
  byCode ??= new Map(iisSubstatusTable().substatuses.map((s) => [s.code, s]))
  return byCode.get(code)
}
