import type { CatalogView, ModelFilter, ModelPage, ModelPageRequest, QualityBar } from './model-query.ts';
import { ModelSearch } from './model-search.ts';

/**
 * One page of the models matching `request.filter`, in `request.orderBy` (default `DOWNLOADS DESC`), at most `first`
 * (default 50) of them, strictly after the `after` cursor. Following `endCursor` while `hasNextPage` visits every
 * matching model exactly once. `totalCount` counts all matches, regardless of `first`/`after`. `hasPreviousPage` is
 * true when `after` was given and a matching model lies at or before it.
 *
 * @throws {QueryInputError} as {@link ModelSearch} does.
 */
export function pageModels(view: CatalogView, request: ModelPageRequest, qualityBar: QualityBar): ModelPage {
  return new ModelSearch(view, request, qualityBar).page;
}

/**
 * How many models of the snapshot match `filter` (see {@link ModelFilter}).
 *
 * @throws {QueryInputError} `BAD_USER_INPUT` for a negative minimum.
 */
export function countModels(view: CatalogView, filter: ModelFilter | null | undefined, qualityBar: QualityBar): number {
  return new ModelSearch(view, { filter }, qualityBar).totalCount;
}

/**
 * A `models` request whose page, total and facets are computed when first read; arguments are checked at once.
 *
 * @throws {QueryInputError} as {@link ModelSearch} does.
 */
export function searchModels(view: CatalogView, request: ModelPageRequest, qualityBar: QualityBar): ModelSearch {
  return new ModelSearch(view, request, qualityBar);
}
