import { ChangeHistory, type ChangeRetention } from './change-history.ts';
import { memoryHistoryBackend } from './history-memory.ts';
import { redisHistoryBackend } from './history-redis.ts';
import type { OnSetAside } from './history-set-aside.ts';
import type { RedisClient } from './redis-client.ts';

/**
 * The change history of one catalog (`catalogKey`: the hash tag of its keys, see `catalogKeys`): in Redis when
 * given the app's command connection, else here.
 */
export function createChangeHistory(options: {
  redis?: RedisClient;
  catalogKey: string;
  retention: ChangeRetention;
  /** Told of each stored record that failed validation and was set aside (the history goes on without it). */
  onSetAside?: OnSetAside;
}): ChangeHistory {
  const backend = options.redis
    ? redisHistoryBackend(options.redis, options.catalogKey, options.onSetAside)
    : memoryHistoryBackend();
  return new ChangeHistory(backend, options.retention);
}
