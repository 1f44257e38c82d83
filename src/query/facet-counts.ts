import type { FacetDimension } from './facet-dimensions.ts';
import { listedRows, type MatchSet } from './match-rows.ts';
import type { FacetCount } from './model-query.ts';

/**
 * The `first` values of a facet with the most models among `matches` (null: every row), by count descending, then
 * value in code-unit order; values no such model has are left out.
 */
export function facetCounts(
  matches: MatchSet | null,
  dimension: FacetDimension,
  first: number,
  size: number,
): FacetCount[] {
  if (matches === null) return topValues(dimension.totals(), dimension, first);
  if (matches.bits && dimension.valuesCost(matches.count, first) <= scanCost(matches, dimension, size)) {
    return topValuesInBits(matches.bits, dimension, first);
  }
  const counts = dimension.borrowCounts();
  try {
    dimension.countRows(listedRows(matches), counts);
    return topValues(counts, dimension, first);
  } finally {
    dimension.releaseCounts(counts);
  }
}

/**
 * Reading memory, in the units of the costs compared here (a value read from a posting list, a word of a bitset
 * ANDed): a line read where the rows before it were read too streams in for about two such units, a line far from
 * the last costs a cache miss, as much as forty. Fitted on the bench's fresh-threshold facets at a million rows, both
 * ways timed for each: the choice made this way cost 9% more than always the faster one, against 39% with every line
 * a miss.
 */
const LINE = 2;
const MISS = 40;
const LINE_BYTES = 64;

/**
 * What counting each matching row's values costs: the values read, the cache lines of the column they are read from
 * (the lines between two matching rows are streamed past, up to a miss when the rows are far apart), and the listing
 * of a bitset's rows first. Counting value by value instead costs `valuesCost`, which a large match set lowers (its
 * counts are near the totals, which then rule out the tail); a few values each kept as a bitset (providers, gated)
 * are cheaper that way at any density.
 */
function scanCost(matches: MatchSet, dimension: FacetDimension, size: number): number {
  const listing = matches.rows === null && matches.listed === null ? matches.count + size / 32 : 0;
  const gapBytes = (size / Math.max(1, matches.count)) * dimension.bytesPerRow();
  const memory = Math.min(MISS, (gapBytes / LINE_BYTES) * LINE);
  return matches.count * (dimension.entriesPerRow() + memory) + listing;
}

/**
 * Orders values by one number: count × values + (values − 1 − rank), so a larger number is a larger count or, at
 * equal counts, an earlier value; exact while below 2⁵³ (a billion rows × a million values).
 */
function score(dimension: FacetDimension, code: number, count: number): number {
  return count * dimension.values + (dimension.values - 1 - dimension.rank(code));
}

function topValues(counts: Int32Array, dimension: FacetDimension, first: number): FacetCount[] {
  const heap = new MinHeap(first);
  for (let code = 0; code < dimension.values; code++) {
    if (counts[code]! > 0) heap.offer(score(dimension, code, counts[code]!));
  }
  return decode(heap, dimension);
}

/**
 * For a dense match set: counts values in order of their snapshot-wide totals, each by one pass over its posting
 * list against the bitset, and stops once no remaining total could reach the counts already kept. A facet of
 * thousands of tags or owners then counts the few dozen that can win, not every row's every value.
 */
function topValuesInBits(bits: Uint32Array, dimension: FacetDimension, first: number): FacetCount[] {
  const totals = dimension.totals();
  const heap = new MinHeap(first);
  for (const code of dimension.byTotal()) {
    const total = totals[code]!;
    // The best any value from here on can score: this total, at the first rank.
    if (total === 0 || (heap.full && total * dimension.values + dimension.values - 1 < heap.min)) break;
    // Once the heap is full, a count must beat its least to enter: lists that cannot are left unread.
    const need = heap.full ? Math.floor((heap.min - dimension.values + 1) / dimension.values) + 1 : 1;
    const count = dimension.countInBits(code, bits, need);
    if (count > 0) heap.offer(score(dimension, code, count));
  }
  return decode(heap, dimension);
}

function decode(heap: MinHeap, dimension: FacetDimension): FacetCount[] {
  const values = dimension.values;
  return heap.descending().map((item) => ({
    value: dimension.labels[dimension.codeAtRank(values - 1 - (item % values))]!,
    count: Math.floor(item / values),
  }));
}

/** Keeps the `capacity` largest numbers offered. */
class MinHeap {
  readonly #items: number[] = [];

  constructor(private readonly capacity: number) {}

  get full(): boolean {
    return this.#items.length === this.capacity;
  }

  get min(): number {
    return this.#items[0]!;
  }

  offer(item: number): void {
    const items = this.#items;
    if (items.length < this.capacity) {
      items.push(item);
      let i = items.length - 1;
      while (i > 0 && items[(i - 1) >>> 1]! > items[i]!) {
        const parent = (i - 1) >>> 1;
        [items[i], items[parent]] = [items[parent]!, items[i]!];
        i = parent;
      }
    } else if (item > items[0]!) {
      items[0] = item;
      this.#siftDown();
    }
  }

  descending(): number[] {
    return [...this.#items].sort((a, b) => b - a);
  }

  #siftDown(): void {
    const items = this.#items;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      let smallest = i;
      if (left < items.length && items[left]! < items[smallest]!) smallest = left;
      if (left + 1 < items.length && items[left + 1]! < items[smallest]!) smallest = left + 1;
      if (smallest === i) return;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
  }
}
