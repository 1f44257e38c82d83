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

/**
 * Encodes the cursors of one snapshot and order. A cursor is base64url of `{"s":…,"o":…,"p":N}`; the part before N
 * is the same for all of them, so it is encoded once, padded with JSON whitespace to whole 3-byte groups: base64 of
 * the whole is then base64 of that part followed by base64 of `N}`.
 */
export function cursorEncoder(snapshotId: string, orderKey: OrderKey): (position: number) => string {
  const json = Buffer.from(`{"s":${JSON.stringify(snapshotId)},"o":${JSON.stringify(orderKey)},"p":`, 'utf8');
  const prefix = Buffer.concat([json, Buffer.alloc((3 - (json.length % 3)) % 3, ' ')]).toString('base64url');
  return (position) => prefix + asciiBase64url(`${position}}`);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url of a short ASCII string, without the Buffer a `Buffer.from` would allocate per cursor. */
function asciiBase64url(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const group = (text.charCodeAt(i) << 16) | ((text.charCodeAt(i + 1) || 0) << 8) | (text.charCodeAt(i + 2) || 0);
    out += ALPHABET[(group >>> 18) & 63]! + ALPHABET[(group >>> 12) & 63]!;
    if (i + 1 < text.length) out += ALPHABET[(group >>> 6) & 63]!;
    if (i + 2 < text.length) out += ALPHABET[group & 63]!;
  }
  return out;
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
