/**
 * The snapshot store: keeps the catalog of one fetch plan in keyv (in memory, or Redis shared by replicas) and decides
 * when to fetch — once for concurrent callers, in the background when stale, never replacing a good snapshot with a
 * worse one.
 */
export {
  CatalogCache,
  CatalogUnavailableError,
  whyKeep,
  type CatalogCacheOptions,
  type CatalogStatus,
  type CacheEvent,
} from './catalog-cache.ts';
export { createSnapshotStore, type SnapshotStore } from './snapshot-store.ts';
export { snapshotKey, type SnapshotKeyParts } from './snapshot-key.ts';
