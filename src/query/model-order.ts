import { compareIds, type Model } from '../catalog/index.ts';
import type { ModelOrder, ModelOrderField, OrderDirection } from './model-query.ts';
import { QueryInputError } from './query-input-error.ts';

const ORDER_FIELDS: ReadonlySet<string> = new Set<ModelOrderField>([
  'DOWNLOADS',
  'LIKES',
  'TRENDING_SCORE',
  'CREATED_AT',
  'LAST_MODIFIED',
  'ID',
]);
const ORDER_DIRECTIONS: ReadonlySet<string> = new Set<OrderDirection>(['ASC', 'DESC']);

/** Names one prepared order inside a snapshot; cursors carry it so they cannot cross orders. */
export type OrderKey = `${ModelOrderField}:${OrderDirection}`;

export function validateOrder(order: ModelOrder): OrderKey {
  if (!ORDER_FIELDS.has(order.field)) {
    throw new QueryInputError(
      'BAD_USER_INPUT',
      'orderBy.field',
      `orderBy.field must be one of ${[...ORDER_FIELDS].join(', ')}, got ${order.field}`,
    );
  }
  if (!ORDER_DIRECTIONS.has(order.direction)) {
    throw new QueryInputError(
      'BAD_USER_INPUT',
      'orderBy.direction',
      `orderBy.direction must be ASC or DESC, got ${order.direction}`,
    );
  }
  return `${order.field}:${order.direction}`;
}

type SortKey = number | string | null;

// Keyed by the snapshot's models array: a snapshot is immutable, so its orders are sorted
// once and dropped with it; requests only ever scan.
const preparedOrders = new WeakMap<readonly Model[], Map<OrderKey, readonly Model[]>>();

/** The snapshot's models in `order`, ties broken by id ascending and missing values last. */
export function preparedOrder(models: readonly Model[], order: ModelOrder): readonly Model[] {
  const key: OrderKey = `${order.field}:${order.direction}`;
  let orders = preparedOrders.get(models);
  if (!orders) {
    orders = new Map();
    preparedOrders.set(models, orders);
  }
  let sorted = orders.get(key);
  if (!sorted) {
    sorted = sortModels(models, order);
    orders.set(key, sorted);
  }
  return sorted;
}

function sortModels(models: readonly Model[], { field, direction }: ModelOrder): readonly Model[] {
  const sign = direction === 'ASC' ? 1 : -1;
  // Extract keys once (dates parse once, not once per comparison).
  const keyed = models.map((model) => ({ model, key: sortKeyOf(model, field) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else if (a.key !== b.key) {
      return a.key < b.key ? -sign : sign;
    }
    return compareIds(a.model.id, b.model.id);
  });
  return Object.freeze(keyed.map(({ model }) => model));
}

function sortKeyOf(model: Model, field: ModelOrderField): SortKey {
  switch (field) {
    case 'DOWNLOADS':
      return model.downloads;
    case 'LIKES':
      return model.likes;
    case 'TRENDING_SCORE':
      return Number.isFinite(model.trendingScore) ? model.trendingScore : null;
    case 'CREATED_AT':
      return timestampOf(model.createdAt);
    case 'LAST_MODIFIED':
      return timestampOf(model.lastModified);
    case 'ID':
      return model.id;
  }
}

// Compared as instants rather than strings so `...Z` and `...+00:00` spellings agree;
// an unparseable date counts as missing rather than sorting somewhere arbitrary.
function timestampOf(iso: string | null): number | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}
