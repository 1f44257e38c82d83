import type { SortOverlap } from './fetch-report.ts';

export interface NamedIdSet {
  name: string;
  ids: ReadonlySet<string>;
}

/** Overlap statistics for every unordered pair, in the order the sets are given. */
export function pairwiseOverlaps(sets: readonly NamedIdSet[]): SortOverlap[] {
  const overlaps: SortOverlap[] = [];
  sets.forEach((a, i) => {
    for (const b of sets.slice(i + 1)) overlaps.push(overlapOf(a, b));
  });
  return overlaps;
}

export function overlapOf(a: NamedIdSet, b: NamedIdSet): SortOverlap {
  let shared = 0;
  for (const id of a.ids) if (b.ids.has(id)) shared++;
  const union = a.ids.size + b.ids.size - shared;
  return {
    a: a.name,
    b: b.name,
    shared,
    onlyA: a.ids.size - shared,
    onlyB: b.ids.size - shared,
    jaccard: union === 0 ? 0 : shared / union,
  };
}
