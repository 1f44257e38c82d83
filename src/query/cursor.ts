import type { OrderKey } from './model-order.ts';
import { QueryInputError } from './query-input-error.ts';

/** A position in one prepared order of one snapshot. */
export interface CursorPosition {
  snapshotId: string;
  orderKey: string;
  position: number;
}

interface CursorJson {
  s: string;
  o: string;
  p: number;
}

export function encodeCursor(snapshotId: string, orderKey: OrderKey, position: number): string {
  const json: CursorJson = { s: snapshotId, o: orderKey, p: position };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function decodeCursor(cursor: string): CursorPosition {
  // Buffer skips characters outside the alphabet instead of failing, so check first.
  if (!BASE64URL.test(cursor)) throw invalidCursor(cursor);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(cursor);
  }
  if (!isCursorJson(json)) throw invalidCursor(cursor);
  return { snapshotId: json.s, orderKey: json.o, position: json.p };
}

function isCursorJson(value: unknown): value is CursorJson {
  if (typeof value !== 'object' || value === null) return false;
  const { s, o, p } = value as Record<string, unknown>;
  return typeof s === 'string' && typeof o === 'string' && Number.isSafeInteger(p) && (p as number) >= 0;
}

function invalidCursor(cursor: string): QueryInputError {
  const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
  return new QueryInputError('INVALID_CURSOR', 'after', `after is not a cursor this API issued: "${shown}"`);
}
