import type { CappedView } from './fetch-report.ts';
import { tallyCaptures } from './merge.ts';
import type { Model } from './model.ts';
import { pairwiseOverlaps } from './overlaps.ts';

/** The sort keys a capped client can use, in the order the gateway we learned from tried them. */
export const CAPPED_SORT_KEYS = ['likes', 'downloads', 'trendingScore', 'createdAt', 'lastModified'] as const;

type CappedSortKey = (typeof CAPPED_SORT_KEYS)[number];

const sortValue: Record<CappedSortKey, (model: Model) => number | null> = {
  likes: (model) => model.likes,
  downloads: (model) => model.downloads,
  trendingScore: (model) => model.trendingScore,
  createdAt: (model) => (model.createdAt === null ? null : Date.parse(model.createdAt)),
  lastModified: (model) => (model.lastModified === null ? null : Date.parse(model.lastModified)),
};

/**
 * The top `cap` of each sort key as the Hub orders a listing (descending, missing values last), computed from a
 * complete catalog at no request. Ties fall back to the id where the Hub uses its internal `_id`.
 */
export function cappedView(models: readonly Model[], cap: number): CappedView {
  const tops = CAPPED_SORT_KEYS.map((sort) => ({ name: sort, ids: topIds(models, sort, cap) }));
  const tallies = tallyCaptures(tops);
  return {
    cap,
    sorts: tops.map(({ name, ids }, i) => ({
      sort: name,
      size: ids.length,
      cumulativeUnique: tallies[i]!.cumulativeUnique,
    })),
    overlaps: pairwiseOverlaps(tops.map(({ name, ids }) => ({ name, ids: new Set(ids) }))),
  };
}

function topIds(models: readonly Model[], sort: CappedSortKey, cap: number): string[] {
  const value = sortValue[sort];
  return models
    .map((model) => ({ id: model.id, value: value(model) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? compareIds(a.id, b.id) : a.value === null ? 1 : -1;
      return b.value - a.value || compareIds(a.id, b.id);
    })
    .slice(0, cap)
    .map((entry) => entry.id);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
