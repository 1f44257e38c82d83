import type { CatalogIndex } from './catalog-index.ts';
import type { FacetDimension } from './facet-dimensions.ts';
import type { MatchSet } from './match-rows.ts';
import type { FacetCount } from './model-query.ts';

/**
 * The `first` values of a facet with the most models among `matches` (null: every row), by count descending, then
 * value in code-unit order; values no such model has are left out.
 */
export function facetCounts(
  index: CatalogIndex,
  matches: MatchSet | null,
  dimension: FacetDimension,
  first: number,
): FacetCount[] {
  const counts = countValues(index, matches, dimension);
  try {
    return topValues(counts, dimension, first);
  } finally {
    dimension.releaseCounts(counts);
  }
}

function countValues(index: CatalogIndex, matches: MatchSet | null, dimension: FacetDimension): Int32Array {
  if (matches === null) return dimension.totals();
  const counts = dimension.borrowCounts();
  if (matches.rows !== null) {
    dimension.countRows(matches.rows, counts);
  } else if (matches.count > index.size * dimension.complementShare) {
    // Most rows match: count the fewer others away from the whole snapshot's counts.
    counts.set(dimension.totals());
    dimension.uncountClearBits(matches.bits!, index.size, counts);
  } else {
    dimension.countBits(matches.bits!, counts);
  }
  return counts;
}

/**
 * The `first` best values by one number per value: count × values + (values − 1 − rank), so a larger number is a
 * larger count or, at equal counts, an earlier value; exact while below 2⁵³ (a billion rows × a million values).
 */
function topValues(counts: Int32Array, dimension: FacetDimension, first: number): FacetCount[] {
  const values = dimension.values;
  const heap = new MinHeap(first);
  for (let code = 0; code < values; code++) {
    const count = counts[code]!;
    if (count > 0) heap.offer(count * values + (values - 1 - dimension.rank(code)));
  }
  return heap.descending().map((score) => {
    const code = dimension.codeAtRank(values - 1 - (score % values));
    return { value: dimension.labels[code]!, count: counts[code]! };
  });
}

/** Keeps the `capacity` largest numbers offered. */
class MinHeap {
  readonly #items: number[] = [];

  constructor(private readonly capacity: number) {}

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
