import { compareIds } from '../catalog/index.ts';
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
  const after = request.after === null ? null : cursorAfter(view, request.after, bar);
  return pageModels(view, { filter: request.filter, orderBy: ID_ORDER, first: request.limit, after }, bar);
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

/**
 * The engine's cursor for "after this id" in id order: that of the last model of the snapshot whose id sorts at or
 * before `id` (null when none does). Engine cursors are positions in an order, whatever the filter, so that model's
 * cursor is found with a filter only it and ids containing it meet, and then serves any filter.
 */
function cursorAfter(view: CatalogView, id: string, bar: QualityBar): string | null {
  const ids = view.models.ids;
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIds(ids[middle]!, id) <= 0) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? null : cursorOf(view, ids[low - 1]!, bar);
}

function cursorOf(view: CatalogView, modelId: string, bar: QualityBar): string {
  const author = view.models.find(modelId)?.author ?? null;
  const filter: ModelFilter = { search: modelId, authors: author === null ? null : [author] };
  let after: string | null = null;
  for (;;) {
    const page: ModelPage = pageModels(view, { filter, orderBy: ID_ORDER, first: MAX_PAGE_SIZE, after }, bar);
    const edge = page.edges.find((candidate) => candidate.node.id === modelId);
    if (edge) return edge.cursor;
    if (!page.pageInfo.hasNextPage) throw new Error(`model ${modelId} is missing from a search for its own id`);
    after = page.pageInfo.endCursor;
  }
}
