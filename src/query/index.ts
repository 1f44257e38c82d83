import type { Model } from '../catalog/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { compileModelFilter, type CompiledFilter } from './model-filter.ts';
import { preparedOrder, validateOrder, type OrderKey } from './model-order.ts';
import { QueryInputError } from './query-input-error.ts';

export { QueryInputError, type QueryInputErrorCode } from './query-input-error.ts';
export { passesQualityBar } from './model-filter.ts';

export type ModelOrderField = 'DOWNLOADS' | 'LIKES' | 'TRENDING_SCORE' | 'CREATED_AT' | 'LAST_MODIFIED' | 'ID';
export type OrderDirection = 'ASC' | 'DESC';

/** Sort by one field; ties are always broken by id ascending, and missing values sort last in both directions. */
export interface ModelOrder {
  field: ModelOrderField;
  direction: OrderDirection;
}

/**
 * Conditions a model must all meet; a null or absent condition is not applied.
 *
 * - `minDownloads`, `minLikes`: at least this many (inclusive); negative is refused.
 * - `pipelineTags`, `libraries`: the model's value is one of these, exactly.
 * - `authors`: the model's author is one of these, ignoring case.
 * - `tags`: the model carries every one of these.
 * - An empty list (`[]`) is treated like null: no condition, not "match nothing".
 * - `search`: case-insensitive substring of the id (`org/name`); `''` matches every model.
 * - `gated`: true → gated `auto` or `manual`; false → not gated.
 * - `quality`: true → passes the quality bar; false → does not.
 */
export interface ModelFilter {
  minDownloads?: number | null;
  minLikes?: number | null;
  pipelineTags?: string[] | null;
  authors?: string[] | null;
  libraries?: string[] | null;
  tags?: string[] | null;
  search?: string | null;
  gated?: boolean | null;
  quality?: boolean | null;
}

/** A model passes when downloads > minDownloads AND likes > minLikes AND it is not private. */
export interface QualityBar {
  minDownloads: number;
  minLikes: number;
}

/**
 * One immutable catalog snapshot. Sorted orders, the id index and counts are cached per
 * `models` array, so hand out the same array for the snapshot's whole life, never a copy.
 */
export interface CatalogView {
  readonly snapshotId: string;
  readonly models: readonly Model[];
}

export interface ModelPageRequest {
  filter?: ModelFilter | null;
  orderBy?: ModelOrder | null;
  first?: number | null;
  after?: string | null;
}

export interface ModelEdge {
  cursor: string;
  node: Model;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection page; `nodes` is `edges.map(e => e.node)` for clients that need no cursors. */
export interface ModelPage {
  edges: ModelEdge[];
  nodes: Model[];
  pageInfo: PageInfo;
  totalCount: number;
}

export const DEFAULT_ORDER: ModelOrder = Object.freeze({ field: 'DOWNLOADS', direction: 'DESC' });
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * One page of the models matching `request.filter`, in `request.orderBy` (default
 * {@link DEFAULT_ORDER}), at most `first` (default {@link DEFAULT_PAGE_SIZE}) of them,
 * strictly after the `after` cursor. Following `endCursor` while `hasNextPage` visits every
 * matching model exactly once. `totalCount` counts all matches, regardless of `first`/`after`.
 * `hasPreviousPage` is true when `after` was given and a matching model lies at or before it.
 *
 * @throws {QueryInputError} `BAD_USER_INPUT` for `first` outside 1..{@link MAX_PAGE_SIZE}, a
 *   negative minimum or an unknown order; `STALE_CURSOR` for a cursor from another snapshot;
 *   `INVALID_CURSOR` for a cursor of another order or one this API never issued.
 */
export function pageModels(view: CatalogView, request: ModelPageRequest, qualityBar: QualityBar): ModelPage {
  const first = checkedPageSize(request.first);
  const order = request.orderBy ?? DEFAULT_ORDER;
  const orderKey = validateOrder(order);
  const filter = compileModelFilter(request.filter, qualityBar);
  const sorted = preparedOrder(view.models, order);

  let start = 0;
  let hasPreviousPage = false;
  if (request.after != null) {
    const afterPosition = resumePosition(view, orderKey, request.after, sorted.length);
    start = afterPosition + 1;
    hasPreviousPage = anyMatchAtOrBefore(sorted, afterPosition, filter.matches);
  }

  const edges: ModelEdge[] = [];
  let hasNextPage = false;
  for (let position = start; position < sorted.length; position++) {
    const model = sorted[position]!;
    if (!filter.matches(model)) continue;
    if (edges.length === first) {
      hasNextPage = true;
      break;
    }
    edges.push({ cursor: encodeCursor(view.snapshotId, orderKey, position), node: model });
  }

  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: countMatching(view.models, filter),
  };
}

/**
 * How many models of the snapshot match `filter` (see {@link ModelFilter}); cached per
 * snapshot and filter, so paging through a large catalog counts once.
 *
 * @throws {QueryInputError} `BAD_USER_INPUT` for a negative minimum.
 */
export function countModels(view: CatalogView, filter: ModelFilter | null | undefined, qualityBar: QualityBar): number {
  return countMatching(view.models, compileModelFilter(filter, qualityBar));
}

// Keyed by the models array so a snapshot's index is built once and dropped with it.
const indexesById = new WeakMap<readonly Model[], ReadonlyMap<string, Model>>();

/**
 * The models with these ids, in the same order, `null` for an id the snapshot lacks; the
 * shape a DataLoader batch function returns. O(1) per id after a one-time index per snapshot.
 */
export function findModelsById(view: CatalogView, ids: readonly string[]): (Model | null)[] {
  let index = indexesById.get(view.models);
  if (!index) {
    const byId = new Map<string, Model>();
    for (const model of view.models) if (!byId.has(model.id)) byId.set(model.id, model);
    index = byId;
    indexesById.set(view.models, index);
  }
  const found = index;
  return ids.map((id) => found.get(id) ?? null);
}

function checkedPageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new QueryInputError('BAD_USER_INPUT', 'first', `first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

function resumePosition(view: CatalogView, orderKey: OrderKey, after: string, length: number): number {
  const cursor = decodeCursor(after);
  if (cursor.snapshotId !== view.snapshotId) {
    throw new QueryInputError(
      'STALE_CURSOR',
      'after',
      `cursor belongs to catalog snapshot ${cursor.snapshotId}; the catalog is now ${view.snapshotId}; start again without \`after\``,
    );
  }
  if (cursor.orderKey !== orderKey) {
    throw new QueryInputError(
      'INVALID_CURSOR',
      'after',
      `cursor was issued for order ${cursor.orderKey.replace(':', ' ')}, not ${orderKey.replace(':', ' ')}; use the same orderBy or start again without \`after\``,
    );
  }
  if (cursor.position >= length) {
    throw new QueryInputError('INVALID_CURSOR', 'after', `cursor points past the end of snapshot ${view.snapshotId}`);
  }
  return cursor.position;
}

// The cursor's own model matches whenever it came from this filter's previous page, so this
// normally stops at once; it scans further back only if the client changed the filter.
function anyMatchAtOrBefore(sorted: readonly Model[], position: number, matches: (model: Model) => boolean): boolean {
  for (let i = position; i >= 0; i--) if (matches(sorted[i]!)) return true;
  return false;
}

const COUNT_CACHE_SIZE = 128;
const countsBySnapshot = new WeakMap<readonly Model[], Map<string, number>>();

function countMatching(models: readonly Model[], filter: CompiledFilter): number {
  let counts = countsBySnapshot.get(models);
  if (!counts) {
    counts = new Map();
    countsBySnapshot.set(models, counts);
  }
  const cached = counts.get(filter.key);
  if (cached !== undefined) {
    // Re-insert so the Map's insertion order is least-recently-used first.
    counts.delete(filter.key);
    counts.set(filter.key, cached);
    return cached;
  }
  let count = 0;
  for (const model of models) if (filter.matches(model)) count++;
  if (counts.size >= COUNT_CACHE_SIZE) counts.delete(counts.keys().next().value!);
  counts.set(filter.key, count);
  return count;
}
