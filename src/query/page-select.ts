import { hasBit, setRows, type Bitset } from './bitset.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { Condition } from './conditions.ts';
import { listedRows, type MatchSet } from './match-rows.ts';
import type { PageSlice } from './page-cache.ts';
import type { SortedOrder } from './sorted-order.ts';

/**
 * Walking the order visits about `first × size ÷ matches` positions when matches are spread evenly, and at most a
 * bit test per position in the range where matches can lie; selecting among the matches costs a comparison of two
 * rows' values per match. A walk is tried for matches of more than one row in this many, and given up for selection
 * after four steps per match.
 */
const WALK_FROM = 256;
const WALK_STEPS_PER_MATCH = 4;
/** Matches of more than one row in this many are walked to the end: selecting among them would cost more. */
const WALK_ALWAYS = 16;

/**
 * The first `first` of `matches` (null: every row) strictly after `afterPosition` (null: from the start) in `order`,
 * and whether one lies at or before it. Matches are paged by walking the order and testing each row's bit, within the
 * positions a minimum on the order's own field leaves; matches too few for that to pay are paged by selecting the
 * first of them.
 */
export function selectPage(
  index: CatalogIndex,
  conditions: readonly Condition[],
  matches: MatchSet | null,
  order: SortedOrder,
  afterPosition: number | null,
  first: number,
): PageSlice {
  if (matches === null) return everyRowPage(order, afterPosition, first);
  const idAscending = order.idAscending;
  if (idAscending !== null) {
    const bits = matches.bits ?? bitsOf(matches.rows!, index.scratchBits.all);
    return { ...idPage(bits, idAscending, order.size, afterPosition, first), totalCount: matches.count };
  }
  const range = positionRange(conditions, order);
  let slice: Slice | null = null;
  if (matches.count * WALK_FROM >= index.size) {
    const bits = matches.bits ?? bitsOf(matches.rows!, index.scratchBits.all);
    const budget = matches.count * WALK_ALWAYS >= index.size ? Infinity : matches.count * WALK_STEPS_PER_MATCH;
    slice = walkBits(bits, order, range, afterPosition, first, budget);
  }
  slice ??= selectFirst(listedRows(matches), order, afterPosition, first);
  return { ...slice, totalCount: matches.count };
}

/** The positions of `order` where every minimum on its own field holds; the whole order if there is none. */
function positionRange(conditions: readonly Condition[], order: SortedOrder): [number, number] {
  let [from, to] = [0, order.size];
  for (const condition of conditions) {
    const range = condition.positionsIn?.(order);
    if (range) [from, to] = [Math.max(from, range[0]), Math.min(to, range[1])];
  }
  return [from, Math.max(from, to)];
}

function bitsOf(rows: Uint32Array, bits: Bitset): Bitset {
  bits.fill(0);
  setRows(bits, rows);
  return bits;
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

/** The page by walking the order within `range`; null when that takes more than `budget` steps. */
function walkBits(
  bits: Bitset,
  order: SortedOrder,
  [from, to]: [number, number],
  afterPosition: number | null,
  first: number,
  budget: number,
): Slice | null {
  const has = (row: number) => hasBit(bits, row);
  const rows: number[] = [];
  const positions: number[] = [];
  let hasNextPage = false;
  let steps = 0;
  for (let position = Math.max(from, afterPosition === null ? 0 : afterPosition + 1); position < to; position++) {
    if (++steps > budget) return null;
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
  for (let position = Math.min(afterPosition ?? -1, to - 1); position >= from && !hasPreviousPage; position--) {
    if (++steps > budget) return null;
    hasPreviousPage = has(order.rowAt(position));
  }
  return { rows, positions, hasNextPage, hasPreviousPage };
}

/**
 * A page of an id order, whose positions are the rows (ascending) or the rows reversed: the matches' bitset read from
 * the cursor a word at a time, skipping words without a match, where a walk tests a bit per position and gives up on
 * matches clustered far into the order (one owner's models), and selecting compares rows per match.
 */
function idPage(bits: Bitset, ascending: boolean, size: number, afterPosition: number | null, first: number): Slice {
  const afterRow = afterPosition === null ? null : ascending ? afterPosition : size - 1 - afterPosition;
  const rows: number[] = [];
  let hasNextPage = false;
  if (ascending) {
    const start = afterRow === null ? 0 : afterRow + 1;
    words: for (let word = start >>> 5; word < bits.length; word++) {
      let remaining = word === start >>> 5 ? bits[word]! & (-1 << (start & 31)) : bits[word]!;
      while (remaining !== 0) {
        if (rows.length === first) {
          hasNextPage = true;
          break words;
        }
        const lowest = remaining & -remaining;
        rows.push((word << 5) + 31 - Math.clz32(lowest));
        remaining ^= lowest;
      }
    }
  } else {
    const start = afterRow === null ? size - 1 : afterRow - 1;
    words: for (let word = start >>> 5; start >= 0 && word >= 0; word--) {
      let remaining = word === start >>> 5 ? bits[word]! & bitsUpTo(start & 31) : bits[word]!;
      while (remaining !== 0) {
        if (rows.length === first) {
          hasNextPage = true;
          break words;
        }
        const bit = 31 - Math.clz32(remaining);
        rows.push((word << 5) + bit);
        remaining &= ~(1 << bit);
      }
    }
  }
  const hasPreviousPage = afterRow !== null && (ascending ? anyUpTo(bits, afterRow) : anyFrom(bits, afterRow));
  const positions = ascending ? [...rows] : rows.map((row) => size - 1 - row);
  return { rows, positions, hasNextPage, hasPreviousPage };
}

/** The bits 0 … `bit` of a word set. */
function bitsUpTo(bit: number): number {
  return bit === 31 ? -1 : (1 << (bit + 1)) - 1;
}

/** Whether a row at or before `row` is set. */
function anyUpTo(bits: Bitset, row: number): boolean {
  const last = row >>> 5;
  for (let word = 0; word < last; word++) if (bits[word] !== 0) return true;
  return (bits[last]! & bitsUpTo(row & 31)) !== 0;
}

/** Whether a row at or after `row` is set. */
function anyFrom(bits: Bitset, row: number): boolean {
  const first = row >>> 5;
  if ((bits[first]! & (-1 << (row & 31))) !== 0) return true;
  for (let word = first + 1; word < bits.length; word++) if (bits[word] !== 0) return true;
  return false;
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
  // Positions are found by a binary search each, only for the cursors a query selects (often just `endCursor`).
  return { rows, positions: null, hasNextPage: earliest.length > first, hasPreviousPage };
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
