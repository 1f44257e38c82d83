import type { CatalogIndex } from './catalog-index.ts';
import type { Condition } from './conditions.ts';
import type { FacetDimension } from './facet-dimensions.ts';
import { matchRows } from './match-rows.ts';
import type { FacetCount, FacetName } from './model-query.ts';

/**
 * The `first` values of a facet with the most models among those meeting every condition except the facet's own,
 * by count descending, then value in code-unit order; values no such model has are left out.
 */
export function facetCounts(
  index: CatalogIndex,
  conditions: readonly Condition[],
  facet: FacetName,
  dimension: FacetDimension,
  first: number,
): FacetCount[] {
  const others = conditions.filter((condition) => condition.facet !== facet);
  return topValues(countValues(index, others, dimension), dimension, first);
}

function countValues(index: CatalogIndex, conditions: readonly Condition[], dimension: FacetDimension): Int32Array {
  const rows = matchRows(index, conditions);
  if (rows === null) return dimension.totals();
  dimension.beginPass();
  if (rows.length * 2 <= index.size) {
    const counts = new Int32Array(dimension.values);
    for (const row of rows) dimension.tally(row, counts, 1);
    return counts;
  }
  // Most rows match: subtract the few that do not from the whole snapshot's counts.
  const counts = dimension.totals().slice();
  const marks = index.marks;
  for (const row of rows) marks[row] = 1;
  for (let row = 0; row < index.size; row++) if (marks[row] === 0) dimension.tally(row, counts, -1);
  for (const row of rows) marks[row] = 0;
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
