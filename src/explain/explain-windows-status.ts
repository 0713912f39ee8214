import type { Catalog } from '../catalog/catalog.js'
import { UsageError } from '../errors.js'
import { describeIisSubstatus } from '../replies/describe-iis-substatus.js'
import { describeWin32Status } from '../replies/describe-win32-status.js'
import type { IisSubstatus, Win32Status } from '../replies/windows-status-schema.js'
import { serverMessageFacts, type ServerMessageFacts } from './code-facts.js'

/** The explanation of an IIS `sc-win32-status` value. */
export interface Win32Explanation {
  readonly kind: 'win32-status'
  readonly status: Win32Status
}

/** The explanation of an IIS FTP `sc-substatus` value, with the catalog entries behind it. */
export interface IisSubstatusExplanation {
  readonly kind: 'iis-substatus'
  readonly substatus: IisSubstatus
  readonly serverMessages: readonly ServerMessageFacts[]
}

/**
 * Explains a Windows error number as IIS logs it in `sc-win32-status` (10054, 64, 1236...).
 * @throws UsageError when the number is not in the table.
 */
export function explainWin32Status(input: string): Win32Explanation {
  const n = /^\d{1,6}$/.test(input.trim()) ? Number(input.trim()) : NaN
  const status = Number.isNaN(n) ? undefined : describeWin32Status(n)
  if (!status) throw new UsageError(`${JSON.stringify(input)} is not a Windows error number ftplog knows (try ftplog codes --win32).`)
  return { kind: 'win32-status', status }
}

/**
 * Explains an IIS FTP substatus (0–55).
 * @throws UsageError when the number is not one of Microsoft's substatuses.
 */
export function explainIisSubstatus(input: string, catalog: Catalog): IisSubstatusExplanation {
  const n = /^\d{1,3}$/.test(input.trim()) ? Number(input.trim()) : NaN
  const substatus = Number.isNaN(n) ? undefined : describeIisSubstatus(n)
  if (!substatus) throw new UsageError(`${JSON.stringify(input)} is not an IIS FTP substatus (0-55).`)
  const entries = catalog.entries.filter((m) => substatus.catalog.includes(m.id))
  return { kind: 'iis-substatus', substatus, serverMessages: entries.map((m) => serverMessageFacts(catalog, m)) }
}
