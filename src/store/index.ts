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
  type RefreshReason,
} from './catalog-cache.ts';
export { createSnapshotStore, type SnapshotStore } from './snapshot-store.ts';
export { snapshotKey, type SnapshotKeyParts } from './snapshot-key.ts';
export {
  ChangeHistory,
  type ChangeRetention,
  type ChangeFeedRequest,
  type ChangeFeedPage,
  type ChangeFeedEdge,
  type HistoryHead,
} from './change-history.ts';
export { createChangeHistory } from './create-change-history.ts';
export { ChangeFeedInputError, parseIsoInstant } from './change-feed-cursor.ts';
export { HistoryCorruptError, historyKeyPrefix } from './history-redis.ts';
export { memoryHistoryBackend } from './history-memory.ts';
export {
  HistoryUnavailableError,
  type HistoryBackend,
  type StoredSummary,
  type HistoryMeta,
  type KindCounts,
} from './history-backend.ts';
export { redisCommandConnection, redisSubscriberConnection, closeRedis } from './redis-connection.ts';
export { catalogUpdateSchema } from './update-schemas.ts';
