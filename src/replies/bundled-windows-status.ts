import { validate } from '../validate.js'
import iisJson from './iis-substatus.json' with { type: 'json' }
import win32Json from './win32-status.json' with { type: 'json' }
import { iisSubstatusTableSchema, win32StatusTableSchema, type IisSubstatusTable, type Win32StatusTable } from './windows-status-schema.js'

/**
 * The bundled tables of `sc-win32-status` values and of IIS FTP `sc-substatus` values, validated;
 * new objects on every call. The build runs this once and puts its result in the bundle instead
 * (`PRECOMPILED` in tsup.config.ts); the tests run it as written.
 * @throws InvalidDefinitionError when a bundled JSON fails its schema (a bug, caught by tests).
 */
export function bundledWindowsStatusTables(): { win32: Win32StatusTable; iis: IisSubstatusTable } {
  return {
    win32: validate(win32StatusTableSchema, win32Json, 'Win32 status table'),
    iis: validate(iisSubstatusTableSchema, iisJson, 'IIS FTP substatus table'),
  }
}
