import { HUB_SORT_KEYS, type HubSortKey } from '../hub/index.ts';
import type { CappedView } from './fetch-report.ts';
import { tallyCaptures } from './merge.ts';
import { compareIds, type Model } from './model.ts';
import { pairwiseOverlaps } from './overlaps.ts';

type CappedSortKey = Exclude<HubSortKey, 'likes30d'>;

/**
 * The sort keys whose top N can be computed from listed fields, in the order the gateway we learned from tried them.
 * `likes30d` is a sort key but not a listed field, so its order is known only to the Hub.
 */
export const CAPPED_SORT_KEYS = HUB_SORT_KEYS.filter((key): key is CappedSortKey => key !== 'likes30d');

const sortValue: Record<CappedSortKey, (model: Model) => number | null> = {
  likes: (model) => model.likes,
  downloads: (model) => model.downloads,
  trendingScore: (model) => model.trendingScore,
  createdAt: (model) => (model.createdAt === null ? null : Date.parse(model.createdAt)),
  lastModified: (model) => (model.lastModified === null ? null : Date.parse(model.lastModified)),
};

/**
 * The top `cap` of each sort key as the Hub orders a listing (descending, missing values last, ties by its internal
 * `_id` ascending), computed from a complete catalog at no request: what a client without cursors would be served.
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
    .map((model) => ({ model, value: value(model) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        return a.value === b.value ? compareHubTies(a.model, b.model) : a.value === null ? 1 : -1;
      }
      return b.value - a.value || compareHubTies(a.model, b.model);
    })
    .slice(0, cap)
    .map((entry) => entry.model.id);
}

/** The Hub's keyset breaks ties by `_id` ascending; a model stored without one falls back to its id. */
function compareHubTies(a: Model, b: Model): number {
  return compareIds(a.hubId ?? a.id, b.hubId ?? b.id);
}
