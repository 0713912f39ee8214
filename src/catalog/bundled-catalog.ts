import { validate } from '../validate.js'
import bannersJson from './banners.json' with { type: 'json' }
import causesJson from './causes.json' with { type: 'json' }
import { BUNDLED_MESSAGES } from './messages/index.js'
import rulesJson from './rules.json' with { type: 'json' }
import { catalogSchema, type CatalogData } from './schema.js'

/**
 * The bundled catalog (causes, server messages, rules, banners), validated and with its defaults
 * filled in; a new object on every call. The build runs this once and puts its result in the
 * bundle instead (`PRECOMPILED` in tsup.config.ts), so an installed ftplog does not validate its
 * own data on every start; the tests run it as written.
 * @throws InvalidDefinitionError when the bundled data fails its schema (a bug, caught by tests).
 */
export function bundledCatalogData(): CatalogData {
  return validate(catalogSchema, { causes: causesJson, messages: BUNDLED_MESSAGES, rules: rulesJson, banners: bannersJson }, 'server-message catalog')
}
