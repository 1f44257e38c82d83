import { Cluster, Redis, type RedisOptions } from 'ioredis';

/**
 * hubcat speaks to Redis through ioredis alone. The shared catalog needs what keyv's get/set cannot say — SET NX PX
 * and Lua scripts for the refresh lease and the atomic pointer switch, pub/sub for adoption, binary values for
 * compressed chunks — and ioredis gives all of them with one API for a single server and for Redis Cluster, plus
 * per-command timeouts, so the process has one Redis client rather than two (node-redis came in with @keyv/redis).
 */
export type RedisClient = Redis | Cluster;

export type CacheMode = 'standalone' | 'cluster';

export const CACHE_MODES = ['standalone', 'cluster'] as const satisfies readonly CacheMode[];

/** One store call's deadline: a dead or hung Redis costs a refresh or a query this much, never more. */
export const STORE_TIMEOUT_MS = 2000;

/**
 * Reconnect within 2 s at the latest, forever: a Redis that comes back is used again without a restart. Commands sent
 * meanwhile wait in the offline queue until their timeout, then fail, so nothing waits on a dead server for long.
 */
const COMMON_OPTIONS: RedisOptions = {
  commandTimeout: STORE_TIMEOUT_MS,
  connectTimeout: STORE_TIMEOUT_MS,
  maxRetriesPerRequest: 1,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
};

/** A client for `url`, either one server or a cluster it joins through that node; `overrides` adjust its options. */
export function connectRedis(url: string, mode: CacheMode, overrides: RedisOptions = {}): RedisClient {
  const options = { ...COMMON_OPTIONS, ...overrides };
  const client = mode === 'cluster' ? clusterClient(url, options) : new Redis(url, options);
  // Failures reach the caller through the commands that fail; the event would otherwise be an unhandled error.
  client.on('error', () => {});
  return client;
}

function clusterClient(url: string, options: RedisOptions): Cluster {
  const parsed = new URL(url);
  return new Cluster([{ host: parsed.hostname, port: Number(parsed.port || 6379) }], {
    clusterRetryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    slotsRefreshTimeout: STORE_TIMEOUT_MS,
    redisOptions: {
      ...options,
      username: decodeURIComponent(parsed.username) || undefined,
      password: decodeURIComponent(parsed.password) || undefined,
      tls: parsed.protocol === 'rediss:' ? {} : undefined,
    },
  });
}

/** Closes a connection without waiting on a server that may be gone. */
export function closeConnection(client: RedisClient): void {
  client.disconnect();
}
