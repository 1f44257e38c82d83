import { BoundedCache } from '../bounded-cache.ts';
import type { ModelFilter, QualityBar } from './model-query.ts';
import type { OrderKey } from './model-order.ts';
import { qualityBarKey } from './quality-bar.ts';

/** The rows of one page, with their positions in the order, and what a connection says around them. */
export interface PageSlice {
  rows: number[];
  /** Each row's position in the order when the walk passed it; null when only a search would find them. */
  positions: number[] | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/**
 * Pages kept per snapshot: a frontend sends the same few pages again and again (a listing's first page, a sidebar's
 * usual selections, a hundred rotating shapes), and each costs its conditions, matches and walk when evaluated afresh.
 * A 50-row slice is under 1 KB, so this many are about 1 MB; a page of 500 rows counts ten times that against the
 * byte bound.
 */
const PAGES = 1024;
const PAGE_BYTES = 4 << 20;
/** A request named by more than this many characters (long lists of values) is answered but not kept: 2 MB of keys. */
const MAX_KEY_LENGTH = 2048;

/**
 * Page slices by request, for one snapshot's table. A slice depends only on the table, the filter, the quality bar
 * (when the filter reads it), the order, the cursor's position and the page size, so it stays exact as long as the
 * table lives; a new snapshot has a new table, a new index, and so an empty cache.
 */
export class PageCache {
  readonly #slices = new BoundedCache<string, PageSlice>({
    maxEntries: PAGES,
    maxBytes: PAGE_BYTES,
    // Two small-integer arrays (rows, positions) of up to first + 1 entries, and the slice itself.
    sizeOf: (slice) => 64 + 8 * (slice.rows.length + (slice.positions?.length ?? 0)),
  });

  /** The slice kept for `key`, or the one `select` makes, kept frozen for the requests that repeat it. */
  slice(key: string, select: () => PageSlice): PageSlice {
    if (key.length > MAX_KEY_LENGTH) return select();
    return this.#slices.getOrMake(key, () => {
      const slice = select();
      Object.freeze(slice.rows);
      if (slice.positions) Object.freeze(slice.positions);
      return Object.freeze(slice);
    });
  }
}

/**
 * Names a page request by everything its slice depends on. JSON names a validated filter exactly (its numbers are
 * finite); two spellings of one filter (keys in another order, a search in other case) only miss each other.
 */
export function pageKey(
  filter: ModelFilter | null | undefined,
  bar: QualityBar,
  orderKey: OrderKey,
  afterPosition: number | null,
  first: number,
): string {
  const barKey = filter?.quality == null ? '' : qualityBarKey(bar);
  return `${orderKey}\0${first}\0${afterPosition ?? ''}\0${barKey}\0${JSON.stringify(filter ?? null)}`;
}
