import { z } from 'zod';

/** Why a change-feed argument was refused; the GraphQL layer shows `code` as `extensions.code`. */
export class ChangeFeedInputError extends Error {
  override readonly name = 'ChangeFeedInputError';

  constructor(
    readonly code: 'BAD_USER_INPUT' | 'INVALID_CURSOR',
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A place in a catalog's change feed: just after the change to `modelId` detected at `detectedAtMs`, or, with a null
 * `modelId`, after every change detected at that instant (where `since` puts it).
 */
export interface FeedPosition {
  detectedAtMs: number;
  modelId: string | null;
  /** Where that change sits in its snapshot's list, so resuming starts there without a search. */
  snapshotId?: string;
  index?: number;
}

const cursorJson = z.strictObject({
  v: z.literal(1),
  t: z.number().int().nonnegative(),
  m: z.string().min(1).max(512),
  s: z.string().min(1).max(200),
  i: z.number().int().nonnegative(),
});

const BASE64URL = /^[A-Za-z0-9_-]{1,2048}$/;

export function encodeChangeCursor(position: Required<FeedPosition> & { modelId: string }): string {
  const json: z.infer<typeof cursorJson> = {
    v: 1,
    t: position.detectedAtMs,
    m: position.modelId,
    s: position.snapshotId,
    i: position.index,
  };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

export function decodeChangeCursor(cursor: string): FeedPosition {
  // Buffer skips characters outside the alphabet instead of failing, so check first.
  const parsed = BASE64URL.test(cursor) ? cursorJson.safeParse(parseJson(Buffer.from(cursor, 'base64url'))) : null;
  if (!parsed?.success) {
    const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
    throw new ChangeFeedInputError('INVALID_CURSOR', 'after', `after is not a change-feed cursor: "${shown}"`);
  }
  const { t, m, s, i } = parsed.data;
  return { detectedAtMs: t, modelId: m, snapshotId: s, index: i };
}

/** An ISO-8601 instant with a date, a time and a zone; `Date.parse` alone would take "1" or "March 7". */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO-8601 instant such as `2025-11-04T08:25:31.000Z`, or null for anything else. */
export function parseIsoInstant(value: string): number | null {
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** The feed position `since` stands for: after everything detected at or before that instant. */
export function sincePosition(since: string): FeedPosition {
  const ms = parseIsoInstant(since);
  if (ms === null) {
    throw new ChangeFeedInputError(
      'BAD_USER_INPUT',
      'since',
      `since must be an ISO-8601 instant such as 2025-11-04T08:25:31.000Z (got "${since.slice(0, 40)}")`,
    );
  }
  return { detectedAtMs: Math.floor(ms), modelId: null };
}

/** Orders positions; a null `modelId` comes after every model of its instant. */
export function comparePositions(a: FeedPosition, b: FeedPosition): number {
  if (a.detectedAtMs !== b.detectedAtMs) return a.detectedAtMs - b.detectedAtMs;
  if (a.modelId === b.modelId) return 0;
  if (a.modelId === null) return 1;
  if (b.modelId === null) return -1;
  return a.modelId < b.modelId ? -1 : 1;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
