import type { Model, ModelTable } from '../catalog/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { compileModelFilter, type CompiledFilter } from './model-filter.ts';
import { preparedOrder, validateOrder, type OrderKey } from './model-order.ts';
import {
  DEFAULT_ORDER,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type CatalogView,
  type ModelEdge,
  type ModelFilter,
  type ModelPage,
  type ModelPageRequest,
  type QualityBar,
} from './model-query.ts';
import { QueryInputError } from './query-input-error.ts';

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
  const sorted = preparedOrder(rowsOf(view.models), order);

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
    totalCount: countMatching(rowsOf(view.models), filter),
  };
}

/**
 * How many models of the snapshot match `filter` (see {@link ModelFilter}); cached per
 * snapshot and filter, so paging through a large catalog counts once.
 *
 * @throws {QueryInputError} `BAD_USER_INPUT` for a negative minimum.
 */

/**
 * How many models of the snapshot match `filter` (see {@link ModelFilter}); cached per
 * snapshot and filter, so paging through a large catalog counts once.
 *
 * @throws {QueryInputError} `BAD_USER_INPUT` for a negative minimum.
 */
export function countModels(view: CatalogView, filter: ModelFilter | null | undefined, qualityBar: QualityBar): number {
  return countMatching(rowsOf(view.models), compileModelFilter(filter, qualityBar));
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
      `cursor belongs to catalog snapshot ${cursor.snapshotId}; the catalog is now ${view.snapshotId}; ` +
        'start again without `after`',
    );
  }
  if (cursor.orderKey !== orderKey) {
    throw new QueryInputError(
      'INVALID_CURSOR',
      'after',
      `cursor was issued for order ${cursor.orderKey.replace(':', ' ')}, not ${orderKey.replace(':', ' ')}; ` +
        'use the same orderBy or start again without `after`',
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

// Interim: the engine still scans model objects, made once per table. The indexed engine reads the columns instead.
const rowsByTable = new WeakMap<ModelTable, readonly Model[]>();

function rowsOf(table: ModelTable): readonly Model[] {
  let rows = rowsByTable.get(table);
  if (!rows) {
    rows = Object.freeze([...table]);
    rowsByTable.set(table, rows);
  }
  return rows;
}
