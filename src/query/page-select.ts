import type { CatalogIndex } from './catalog-index.ts';
import { listedRows, type MatchSet } from './match-rows.ts';
import type { SortedOrder } from './sorted-order.ts';

/** The rows of one page, with their positions in the order, and what a connection says around them. */
export interface PageSlice {
  rows: number[];
  positions: number[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/**
 * The first `first` of `matches` (null: every row) strictly after `afterPosition` (null: from the start) in `order`,
 * and whether one lies at or before it. Dense matches are paged by walking the order and testing each row's bit: a
 * page is then a few hundred steps away, and a skewed walk (every match at the far end) still costs one bit test per
 * row. Sparse ones are paged by selecting the first rows among the matches themselves.
 */
export function selectPage(
  index: CatalogIndex,
  matches: MatchSet | null,
  order: SortedOrder,
  afterPosition: number | null,
  first: number,
): PageSlice {
  if (matches === null) return everyRowPage(order, afterPosition, first);
  let slice: Slice;
  if (matches.bits !== null && index.isDense(matches.count)) {
    slice = walkBits(matches.bits, order, afterPosition, first);
  } else {
    slice = selectFirst(listedRows(matches), order, afterPosition, first);
  }
  return { ...slice, totalCount: matches.count };
}

function everyRowPage(order: SortedOrder, afterPosition: number | null, first: number): PageSlice {
  const start = afterPosition === null ? 0 : afterPosition + 1;
  const end = Math.min(order.size, start + first);
  const positions: number[] = [];
  for (let position = start; position < end; position++) positions.push(position);
  return {
    rows: positions.map((position) => order.rowAt(position)),
    positions,
    hasNextPage: end < order.size,
    hasPreviousPage: afterPosition !== null,
    totalCount: order.size,
  };
}

type Slice = Omit<PageSlice, 'totalCount'>;

function walkBits(bits: Uint32Array, order: SortedOrder, afterPosition: number | null, first: number): Slice {
  const has = (row: number) => (bits[row >>> 5]! & (1 << (row & 31))) !== 0;
  const rows: number[] = [];
  const positions: number[] = [];
  let hasNextPage = false;
  for (let position = afterPosition === null ? 0 : afterPosition + 1; position < order.size; position++) {
    const row = order.rowAt(position);
    if (!has(row)) continue;
    if (rows.length === first) {
      hasNextPage = true;
      break;
    }
    rows.push(row);
    positions.push(position);
  }
  let hasPreviousPage = false;
  // The cursor's own row matches whenever it came from this filter's previous page, so this normally stops at once.
  for (let position = afterPosition ?? -1; position >= 0 && !hasPreviousPage; position--) {
    hasPreviousPage = has(order.rowAt(position));
  }
  return { rows, positions, hasNextPage, hasPreviousPage };
}

/** One pass over the matches keeping the `first + 1` earliest after the cursor in a bounded heap. */
function selectFirst(matches: Uint32Array, order: SortedOrder, afterPosition: number | null, first: number): Slice {
  const afterRow = afterPosition === null ? -1 : order.rowAt(afterPosition);
  const heap = new LatestFirstHeap(order, first + 1);
  let hasPreviousPage = false;
  for (const row of matches) {
    if (afterRow >= 0 && !order.precedes(afterRow, row)) hasPreviousPage = true;
    else heap.offer(row);
  }
  const earliest = heap.sorted();
  const rows = earliest.slice(0, first);
  return {
    rows,
    positions: rows.map((row) => order.positionOf(row)),
    hasNextPage: earliest.length > first,
    hasPreviousPage,
  };
}

/** Keeps the `capacity` rows that come first in an order; its root is the latest of them, the first to give way. */
class LatestFirstHeap {
  readonly #rows: number[] = [];

  constructor(
    private readonly order: SortedOrder,
    private readonly capacity: number,
  ) {}

  offer(row: number): void {
    const rows = this.#rows;
    if (rows.length < this.capacity) {
      rows.push(row);
      this.#siftUp(rows.length - 1);
    } else if (this.order.precedes(row, rows[0]!)) {
      rows[0] = row;
      this.#siftDown(0);
    }
  }

  sorted(): number[] {
    return [...this.#rows].sort((a, b) => (this.order.precedes(a, b) ? -1 : 1));
  }

  #later(i: number, j: number): boolean {
    return this.order.precedes(this.#rows[j]!, this.#rows[i]!);
  }

  #siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!this.#later(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const length = this.#rows.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let latest = i;
      if (left < length && this.#later(left, latest)) latest = left;
      if (right < length && this.#later(right, latest)) latest = right;
      if (latest === i) return;
      this.#swap(i, latest);
      i = latest;
    }
  }

  #swap(i: number, j: number): void {
    const rows = this.#rows;
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
}
