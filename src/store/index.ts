/**
 * The snapshot store: serves the catalog of one fetch plan from memory, and shares it between replicas through Redis —
 * one replica crawls under a refresh lease and publishes chunked snapshots by switching a pointer, the others adopt
 * them when announced. It decides when to fetch (once for concurrent callers, in the background when stale), never
 * replaces a good snapshot with a worse one, and never serves a stored value before validating it.
 */
export { CatalogCache, CatalogUnavailableError } from './catalog-cache.ts';
export type { CacheEvent } from './cache-events.ts';
export type { CatalogStatus } from './catalog-status.ts';
export { SharedCatalog } from './shared-catalog.ts';
export { ChunkedSnapshotStore } from './chunked-snapshot-store.ts';
export type { LeaseGrant } from './refresh-lease.ts';
export { catalogKeys, type CatalogKeys } from './catalog-keys.ts';
export { CACHE_MODES, type CacheMode, type RedisClient } from './redis-client.ts';
export { replicaIdSchema, type SnapshotPointer, type SnapshotManifest } from './snapshot-schema.ts';
export { silentLogger, type Logger } from './logger.ts';
export { ChangeHistory, type ChangeRetention, type ChangeFeedPage } from './change-history.ts';
export { createChangeHistory } from './create-change-history.ts';
export { ChangeFeedInputError, parseIsoInstant } from './change-feed-cursor.ts';
export { historyKeyPrefix } from './history-redis.ts';
export { HistoryUnavailableError } from './history-backend.ts';
export { openRedis, type RedisConnections } from './redis-connection.ts';
export { catalogUpdateSchema } from './update-schemas.ts';
