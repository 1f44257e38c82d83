import { BoundedCache } from '../bounded-cache.ts';
import { withDeadline } from '../deadline.ts';
import type { Logger, RedisClient } from '../store/index.ts';
import { RedisBuckets } from './redis-buckets.ts';
import { MemoryBuckets, type BucketPolicy, type TakeResult } from './token-bucket.ts';

export interface RateLimitPolicy {
  /** Tokens (requests of the base cost) one client regains per window: its sustained rate. */
  rate: number;
  windowSeconds: number;
  /** Most tokens one client can hold, i.e. spend at once. */
  burst: number;
}

/** What a client has left, for the `RateLimit` header; `allowed` false when this request went over. */
export interface RateLimitOutcome {
  allowed: boolean;
  /** Whole tokens left. */
  remaining: number;
  /** Milliseconds until the bucket holds what the refused request costs; 0 when allowed. */
  retryAfterMs: number;
  /** Milliseconds until the bucket is full again. */
  fullInMs: number;
}

/**
 * A rate limit call waits at most this long for Redis before this replica decides alone: the limit guards the request,
 * and must never be what makes it slow.
 */
const REDIS_DEADLINE_MS = 250;

/** Where replicas keep their buckets in Redis (`<prefix>:<client key>`); v1 held rate-limiter-flexible's counters. */
export const RATE_LIMIT_KEY_PREFIX = 'hubcat:rate:v2';

/** Clients remembered as having no token, so that a flood from one is refused here without asking Redis each time. */
const MAX_EMPTY_CLIENTS = 10_000;

/**
 * A token bucket per client: in this process, or, given an open Redis connection, in Redis, so that every replica on
 * it enforces one limit. When Redis does not answer within 250 ms (or is disconnected), the request is taken from this
 * replica's own bucket instead — fail open to a per-replica limit, never to none — and the loss and the return are
 * logged once each. A client Redis found empty is refused from memory until its next token is due.
 */
export class ClientRateLimiter {
  readonly #memory: MemoryBuckets;
  readonly #redis: RedisBuckets | null;
  readonly #logger: Logger;
  readonly #now: () => number;
  /** Client key → when (this clock) Redis will have a token for it again. */
  readonly #emptyUntil = new BoundedCache<string, number>({ maxEntries: MAX_EMPTY_CLIENTS });
  #redisLost = false;

  constructor(
    readonly policy: RateLimitPolicy,
    options: { redis?: RedisClient; keyPrefix?: string; logger: Logger; now?: () => number; maxBuckets?: number },
  ) {
    const bucket = bucketPolicy(policy);
    this.#now = options.now ?? (() => performance.now());
    this.#memory = new MemoryBuckets(bucket, { now: this.#now, maxBuckets: options.maxBuckets });
    this.#redis =
      options.redis === undefined
        ? null
        : new RedisBuckets(options.redis, bucket, options.keyPrefix ?? RATE_LIMIT_KEY_PREFIX);
    this.#logger = options.logger;
  }

  /** Takes `cost` tokens from `key`'s bucket, or nothing when it does not hold them. */
  async consume(key: string, cost: number): Promise<RateLimitOutcome> {
    return outcome(await this.#take(key, cost));
  }

  async #take(key: string, cost: number): Promise<TakeResult> {
    if (this.#redis === null) return this.#memory.take(key, cost);
    const known = this.#knownEmpty(key, cost);
    if (known !== null) return known;
    let result: TakeResult;
    try {
      result = await withDeadline(this.#redis.take(key, cost), REDIS_DEADLINE_MS, noAnswerWithin);
    } catch (error) {
      this.#lost(error);
      return this.#memory.take(key, cost);
    }
    this.#answered();
    if (result.tokens < 1) this.#rememberEmpty(key, result.tokens);
    return result;
  }

  /** A refusal without Redis while the client's bucket there cannot hold a token yet (only this clock runs on). */
  #knownEmpty(key: string, cost: number): TakeResult | null {
    const until = this.#emptyUntil.get(key);
    if (until === undefined) return null;
    const now = this.#now();
    if (now >= until) {
      this.#emptyUntil.delete(key);
      return null;
    }
    const { capacity, refillPerMs } = this.#memory.policy;
    const tokens = Math.max(0, 1 - (until - now) * refillPerMs);
    const retryAfterMs = Math.ceil(until - now + (Math.min(cost, capacity) - 1) / refillPerMs);
    return { allowed: false, tokens, retryAfterMs, fullInMs: Math.ceil((capacity - tokens) / refillPerMs) };
  }

  #rememberEmpty(key: string, tokens: number): void {
    this.#emptyUntil.set(key, this.#now() + (1 - tokens) / this.#memory.policy.refillPerMs);
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

/** `rate` per `windowSeconds`, at most `burst` at once. */
export function bucketPolicy(policy: RateLimitPolicy): BucketPolicy {
  return { capacity: policy.burst, refillPerMs: policy.rate / (policy.windowSeconds * 1000) };
}

function outcome(result: TakeResult): RateLimitOutcome {
  const { allowed, retryAfterMs, fullInMs } = result;
  return { allowed, remaining: Math.floor(result.tokens), retryAfterMs, fullInMs };
}

const noAnswerWithin = () => new Error(`no answer within ${REDIS_DEADLINE_MS} ms`);
