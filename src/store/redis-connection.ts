import { connectRedis, STORE_TIMEOUT_MS, type CacheMode, type RedisClient } from './redis-client.ts';

/**
 * A connection for commands (the change history, publishing updates): each command fails after the store's deadline
 * instead of waiting for a dead server, and the client keeps reconnecting, so a Redis that comes back is used again.
 */
export function redisCommandConnection(url: string, mode: CacheMode): RedisClient {
  return connectRedis(url, mode);
}

/**
 * A connection for SUBSCRIBE: it may wait indefinitely for messages, reconnects for ever, and subscribes again after
 * reconnecting, so a replica that lost Redis for a while hears updates again once it is back.
 */
export function redisSubscriberConnection(url: string, mode: CacheMode): RedisClient {
  return connectRedis(url, mode, { maxRetriesPerRequest: null, commandTimeout: undefined });
}

/** QUIT within the deadline, else drop the connection. */
export async function closeRedis(redis: RedisClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, STORE_TIMEOUT_MS);
  });
  await Promise.race([
    redis.quit().then(
      () => undefined,
      () => undefined,
    ),
    deadline,
  ]);
  clearTimeout(timer);
  redis.disconnect();
}
