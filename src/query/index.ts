/**
 * The query engine: filters, orders, pages and counts the models of one immutable catalog snapshot. Pure functions
 * over plain data; what a snapshot needs (sorted orders, an id index, counts) is prepared once and kept with it.
 */
export {
  DEFAULT_ORDER,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type CatalogView,
  type ModelEdge,
  type ModelFilter,
  type ModelOrder,
  type ModelOrderField,
  type ModelPage,
  type ModelPageRequest,
  type OrderDirection,
  type PageInfo,
  type QualityBar,
} from './model-query.ts';
export { pageModels, countModels } from './page-models.ts';
export { findModelsById } from './find-models.ts';
export { passesQualityBar } from './model-filter.ts';
export { QueryInputError, type QueryInputErrorCode } from './query-input-error.ts';
