import type { CatalogSnapshot } from '../catalog/index.ts';
import type { StoredSnapshot } from './chunked-snapshot-store.ts';

/** What the API says about the catalog it serves. */
export interface CatalogStatus {
  size: number;
  snapshotId: string | null;
  fetchedAt: string | null;
  /** The replica that fetched the snapshot served. */
  refreshedBy: string | null;
  ageSeconds: number | null;
  ttlSeconds: number;
  stale: boolean;
  refreshing: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  upstream: string;
}

export interface StatusInput {
  served: StoredSnapshot | null;
  now: number;
  ttlSeconds: number;
  refreshing: boolean;
  lastError: { message: string; at: number } | null;
  upstream: string;
}

/** The status of a cache serving `served` (or nothing yet) at `now`. */
export function describeCatalog(input: StatusInput): CatalogStatus {
  const snapshot = input.served?.snapshot;
  const ageMs = snapshot ? input.now - Date.parse(snapshot.fetchedAt) : null;
  return {
    size: snapshot?.models.size ?? 0,
    snapshotId: snapshot?.id ?? null,
    fetchedAt: snapshot?.fetchedAt ?? null,
    refreshedBy: input.served?.refreshedBy ?? null,
    ageSeconds: ageMs === null ? null : Math.max(0, Math.floor(ageMs / 1000)),
    ttlSeconds: input.ttlSeconds,
    stale: snapshot ? isStale(snapshot, input.now, input.ttlSeconds) : false,
    refreshing: input.refreshing,
    lastError: input.lastError?.message ?? null,
    lastErrorAt: input.lastError ? new Date(input.lastError.at).toISOString() : null,
    upstream: input.upstream,
  };
}

export function isStale(snapshot: CatalogSnapshot, now: number, ttlSeconds: number): boolean {
  return now - Date.parse(snapshot.fetchedAt) > ttlSeconds * 1000;
}
