import { ChangeHistory, type ChangeRetention } from './change-history.ts';
import { memoryHistoryBackend } from './history-memory.ts';
import { redisHistoryBackend } from './history-redis.ts';

/** The change history of one catalog (`catalogKey`, see `snapshotKey`): in Redis when `cacheUrl` is set, else here. */
export function createChangeHistory(options: {
  cacheUrl?: string;
  catalogKey: string;
  retention: ChangeRetention;
}): ChangeHistory {
  const backend = options.cacheUrl ? redisHistoryBackend(options.cacheUrl, options.catalogKey) : memoryHistoryBackend();
  return new ChangeHistory(backend, options.retention);
}
