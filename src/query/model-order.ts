import { MODEL_ORDER_FIELDS, ORDER_DIRECTIONS, type ModelOrder, type ModelOrderField } from './model-query.ts';
import { QueryInputError } from './query-input-error.ts';

const FIELDS: ReadonlySet<string> = new Set(MODEL_ORDER_FIELDS);
const DIRECTIONS: ReadonlySet<string> = new Set(ORDER_DIRECTIONS);

/** Names one prepared order inside a snapshot; cursors carry it so they cannot cross orders. */
export type OrderKey = `${ModelOrderField}:${ModelOrder['direction']}`;

export function validateOrder(order: ModelOrder): OrderKey {
  if (!FIELDS.has(order.field)) {
    throw new QueryInputError(
      'BAD_USER_INPUT',
      'orderBy.field',
      `orderBy.field must be one of ${MODEL_ORDER_FIELDS.join(', ')}, got ${order.field}`,
    );
  }
  if (!DIRECTIONS.has(order.direction)) {
    throw new QueryInputError(
      'BAD_USER_INPUT',
      'orderBy.direction',
      `orderBy.direction must be ASC or DESC, got ${order.direction}`,
    );
  }
  return `${order.field}:${order.direction}`;
}
