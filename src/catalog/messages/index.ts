import proftpd from './proftpd.json' with { type: 'json' }
import vsftpd from './vsftpd.json' with { type: 'json' }

/** Every bundled server-message file, concatenated; validated by `createCatalog`. */
export const BUNDLED_MESSAGES: readonly unknown[] = [...vsftpd, ...proftpd]
