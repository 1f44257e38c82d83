import { withDeadline } from '../deadline.ts';
import { closeConnection, connectRedis, STORE_TIMEOUT_MS, type CacheMode, type RedisClient } from './redis-client.ts';
import { RedisSubscriptions } from './redis-subscriptions.ts';

/**
 * A replica's two Redis connections, opened once by the app and passed to every part that needs Redis: one for commands
 * (snapshots, lease, history, publishing, rate limit counters) and one for SUBSCRIBE, which takes a connection over.
 */
export interface RedisConnections {
  /**
   * Each command fails after the store's deadline instead of waiting for a dead server, and the client keeps
   * reconnecting, so a Redis that comes back is used again.
   */
  readonly commands: RedisClient;
  /** Every channel this replica hears, over one connection that reconnects and resubscribes for ever. */
  readonly subscriptions: RedisSubscriptions;
  /** QUITs both within the store's deadline, else drops them. */
  close(): Promise<void>;
}

export function openRedis(url: string, mode: CacheMode): RedisConnections {
  const commands = connectRedis(url, mode);
  // It may wait indefinitely for messages, so its commands (SUBSCRIBE) wait for a reconnection rather than fail.
  const subscriber = connectRedis(url, mode, { maxRetriesPerRequest: null, commandTimeout: undefined });
  return {
    commands,
    subscriptions: new RedisSubscriptions(subscriber),
    close: async () => {
      await Promise.all([closeRedis(commands), closeRedis(subscriber)]);
    },
  };
}

/** QUIT within the deadline, else drop the connection. */
async function closeRedis(redis: RedisClient): Promise<void> {
  const quit = redis.quit();
  await withDeadline(quit, STORE_TIMEOUT_MS, () => new Error('QUIT unanswered')).catch(() => {});
  closeConnection(redis);
}
