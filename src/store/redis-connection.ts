import { Redis } from 'ioredis';

/** Every Redis wait hubcat makes is bounded: connecting, each command, and closing. */
const REDIS_DEADLINE_MS = 2000;

/**
 * An ioredis connection for commands: a command fails after the deadline instead of waiting for a dead server, and
 * the client keeps reconnecting in the background, so a Redis that comes back is used again.
 */
export function redisCommandConnection(url: string): Redis {
  const redis = new Redis(url, {
    connectTimeout: REDIS_DEADLINE_MS,
    commandTimeout: REDIS_DEADLINE_MS,
    maxRetriesPerRequest: 1,
  });
  // Without a listener, ioredis prints every failed reconnection; callers see failures on their commands instead.
  redis.on('error', () => {});
  return redis;
}

/**
 * An ioredis connection for SUBSCRIBE: it may wait indefinitely for messages, reconnects for ever, and subscribes
 * again after reconnecting, so a replica that lost Redis for a while hears updates again once it is back.
 */
export function redisSubscriberConnection(url: string): Redis {
  const redis = new Redis(url, { connectTimeout: REDIS_DEADLINE_MS, maxRetriesPerRequest: null });
  redis.on('error', () => {});
  return redis;
}

/** QUIT within the deadline, else drop the connection. */
export async function closeRedis(redis: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, REDIS_DEADLINE_MS);
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
