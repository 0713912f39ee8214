import { validate } from '../validate.js'
import { bundledCatalogData } from './bundled-catalog.js'
import { compileCatalog, type Catalog } from './compile-catalog.js'
import { catalogSchema } from './schema.js'

export type { Catalog, CatalogQuery, Classification, EventContext } from './compile-catalog.js'

/**
 * Compiles the patterns of the bundled catalog (validated by the build, see
 * {@link bundledCatalogData}), or validates a caller's data and compiles its patterns
 * ({@link compileCatalog}).
 * @throws InvalidDefinitionError when the data fails its schema, a pattern does not compile,
 *   a cause lacks its description, or an id repeats.
 */
export function createCatalog(data?: unknown): Catalog {
  return compileCatalog(data === undefined ? bundledCatalogData() : validate(catalogSchema, data, 'server-message catalog'))
}
