import {
  MAX_PAGE_SIZE,
  pageModels,
  type CatalogView,
  type ModelFilter,
  type ModelOrder,
  type ModelPage,
  type QualityBar,
} from '../query/index.ts';

/** The list's order: by id, so that OpenAI's cursor (the last id seen) says where the next page starts. */
const ID_ORDER: ModelOrder = Object.freeze({ field: 'ID', direction: 'ASC' });

/**
 * The first `limit` models matching `filter` whose ids sort after `after` (null: from the start). `after` need not be
 * in the snapshot: a client paging across a snapshot change resumes at the next id, as a keyset cursor does.
 */
export function listPage(
  view: CatalogView,
  request: { filter: ModelFilter; limit: number; after: string | null },
  bar: QualityBar,
): ModelPage {
  return pageModels(
    view,
    { filter: request.filter, orderBy: ID_ORDER, first: request.limit, afterId: request.after },
    bar,
  );
}

/** Every model matching `filter`, a page of the engine's largest size at a time, all from the one snapshot. */
export function* listAll(view: CatalogView, filter: ModelFilter, bar: QualityBar): Generator<ModelPage, void> {
  let after: string | null = null;
  do {
    const page: ModelPage = pageModels(view, { filter, orderBy: ID_ORDER, first: MAX_PAGE_SIZE, after }, bar);
    yield page;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
}
