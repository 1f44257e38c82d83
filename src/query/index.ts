/**
 * The query engine: filters, orders, pages, counts and facets the models of one immutable catalog snapshot. Pure
 * functions over its columns; what a snapshot needs (posting lists, sorted orders, a search column) is prepared once
 * and kept with it, so a request costs what its most selective condition admits, not the snapshot's size.
 */
export {
  DEFAULT_FACET_SIZE,
  DEFAULT_ORDER,
  DEFAULT_PAGE_SIZE,
  FACET_NAMES,
  MAX_FACET_SIZE,
  MAX_PAGE_SIZE,
  MODEL_ORDER_FIELDS,
  ORDER_DIRECTIONS,
  type CatalogView,
  type FacetCount,
  type FacetName,
  type ModelFilter,
  type ModelOrder,
  type ModelOrderField,
  type ModelPage,
  type ModelPageRequest,
  type OrderDirection,
  type QualityBar,
} from './model-query.ts';
export { pageModels, countModels, searchModels } from './page-models.ts';
export type { ModelSearch } from './model-search.ts';
export { isCatalogPrepared, prepareCatalogInSteps } from './prepare-catalog.ts';
export { findModelsById } from './find-models.ts';
export { passesQualityBar } from './model-filter.ts';
export { QueryInputError } from './query-input-error.ts';
