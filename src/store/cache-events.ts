import type { AdoptionRoute } from './adopter.ts';

/** Why a refresh runs: a first query, a stale one, a caller asking outright, or a schedule. */
export type RefreshReason = 'cold' | 'stale' | 'forced' | 'scheduled';

/**
 * What the cache did, for logs and metrics: `lease-acquired` (this replica took the refresh lease and crawls for all)
 * counts `hubcat_refresh_lease_acquired_total`, `snapshot-adopted` counts `hubcat_snapshot_adopted_total`.
 * `snapshot-prepared` says a snapshot about to be served has been readied for queries (see
 * `CatalogCacheOptions.prepare`), in `ms`; it comes before the `snapshot-replaced` or `snapshot-adopted` of that id.
 */
export type CacheEvent =
  | { type: 'fetch-started'; reason: RefreshReason }
  | { type: 'snapshot-prepared'; snapshotId: string; ms: number }
  | { type: 'snapshot-replaced'; snapshotId: string; size: number }
  | { type: 'snapshot-adopted'; snapshotId: string; size: number; refreshedBy: string; route: AdoptionRoute }
  | { type: 'snapshot-kept'; reason: string }
  | { type: 'snapshot-rejected'; reason: string }
  | { type: 'fetch-failed'; message: string }
  | { type: 'lease-acquired'; holder: string }
  | { type: 'store-unavailable'; message: string }
  | { type: 'store-recovered' };
