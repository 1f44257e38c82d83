import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../store/index.ts';
import type { Logger } from '../store/index.ts';

export interface RateLimitPolicy {
  /** Requests one client may make per window. */
  points: number;
  windowSeconds: number;
}

/** What a client has left, for the `RateLimit` header; `allowed` false when this request went over. */
export interface RateLimitOutcome {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/**
 * A rate limit call waits at most this long for Redis before this replica decides alone: the limit guards the request,
 * and must never be what makes it slow.
 */
const REDIS_DEADLINE_MS = 250;

/** Where replicas count requests in Redis (`<prefix><client key>`). */
export const RATE_LIMIT_KEY_PREFIX = 'hubcat:rate:v1';

/**
 * Counts each client's requests per window: in this process, or, given an open Redis connection, in Redis, so that
 * every replica on it enforces one limit. When Redis does not answer within 250 ms (or is disconnected), the request
 * is counted in this replica's memory instead — fail open to a per-replica limit, never to none — and the loss and the
 * return are logged once each.
 */
export class ClientRateLimiter {
  readonly #memory: RateLimiterMemory;
  readonly #redis: RateLimiterRedis | null;
  readonly #logger: Logger;
  #redisLost = false;

  constructor(
    readonly policy: RateLimitPolicy,
    options: { redis?: RedisClient; keyPrefix?: string; logger: Logger },
  ) {
    const keyPrefix = options.keyPrefix ?? RATE_LIMIT_KEY_PREFIX;
    const limits = { points: policy.points, duration: policy.windowSeconds, keyPrefix };
    this.#memory = new RateLimiterMemory(limits);
    this.#redis =
      options.redis === undefined
        ? null
        : new RateLimiterRedis({
            ...limits,
            storeClient: options.redis,
            rejectIfRedisNotReady: true,
            // A client over its limit is refused from memory until its window ends, without asking Redis again.
            inMemoryBlockOnConsumed: policy.points + 1,
          });
    this.#logger = options.logger;
  }

  /** Counts `points` requests of `key`. */
  async consume(key: string, points: number): Promise<RateLimitOutcome> {
    try {
      return outcome(true, await this.#consume(key, points));
    } catch (error) {
      if (error instanceof RateLimiterRes) return outcome(false, error);
      throw error;
    }
  }

  async #consume(key: string, points: number): Promise<RateLimiterRes> {
    if (this.#redis === null) return this.#memory.consume(key, points);
    try {
      const result = await withDeadline(this.#redis.consume(key, points), REDIS_DEADLINE_MS);
      this.#answered();
      return result;
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        this.#answered();
        throw error;
      }
      this.#lost(error);
      return this.#memory.consume(key, points);
    }
  }

  #lost(error: unknown): void {
    if (this.#redisLost) return;
    this.#redisLost = true;
    this.#logger.warn(
      { error: error instanceof Error ? error.message : String(error) },
      'rate limit: Redis does not answer; each replica counts its own clients until it does',
    );
  }

  #answered(): void {
    if (!this.#redisLost) return;
    this.#redisLost = false;
    this.#logger.info({}, 'rate limit: Redis answers again; replicas share one count');
  }
}

function outcome(allowed: boolean, result: RateLimiterRes): RateLimitOutcome {
  return { allowed, remaining: result.remainingPoints, resetMs: result.msBeforeNext };
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
