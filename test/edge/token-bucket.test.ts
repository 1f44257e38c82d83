import type { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClientRateLimiter } from '../../src/app/rate-limiter.ts';
import { RedisBuckets } from '../../src/app/redis-buckets.ts';
import { MemoryBuckets, takeTokens, type BucketPolicy } from '../../src/app/token-bucket.ts';
import { silentLogger } from '../../src/store/index.ts';
import { useOwnRedis } from '../support/redis-server.ts';

/** 10 tokens, one back every 100 ms. */
const POLICY: BucketPolicy = { capacity: 10, refillPerMs: 0.01 };

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('a token bucket in memory', () => {
  it('lets a client spend its whole burst at once, then one request per refilled token', () => {
    const time = clock();
    const buckets = new MemoryBuckets(POLICY, { now: time.now });
    for (let i = 0; i < 10; i++) expect(buckets.take('a', 1).allowed).toBe(true);
    const refused = buckets.take('a', 1);
    expect(refused).toMatchObject({ allowed: false, tokens: 0, retryAfterMs: 100, fullInMs: 1000 });
    time.advance(60);
    expect(buckets.take('a', 1)).toMatchObject({ allowed: false, retryAfterMs: 40 });
    time.advance(40);
    expect(buckets.take('a', 1).allowed).toBe(true);
    expect(buckets.take('a', 1).allowed).toBe(false);
  });

  it('refills no further than its capacity, however long the client was away', () => {
    const time = clock();
    const buckets = new MemoryBuckets(POLICY, { now: time.now });
    buckets.take('a', 10);
    time.advance(3_600_000);
    expect(buckets.take('a', 10)).toMatchObject({ allowed: true, tokens: 0 });
    expect(buckets.take('a', 1).allowed).toBe(false);
  });

  it('takes what a request costs, and nothing from a refused one; its wait is for that cost', () => {
    const time = clock();
    const buckets = new MemoryBuckets(POLICY, { now: time.now });
    expect(buckets.take('a', 6)).toMatchObject({ allowed: true, tokens: 4 });
    // 7 tokens wanted, 4 held: 3 tokens are 300 ms away.
    expect(buckets.take('a', 7)).toMatchObject({ allowed: false, tokens: 4, retryAfterMs: 300 });
    expect(buckets.take('a', 4)).toMatchObject({ allowed: true, tokens: 0 });
  });

  it('takes a full bucket for a request costing more than the bucket holds, rather than refusing it for ever', () => {
    const time = clock();
    const buckets = new MemoryBuckets(POLICY, { now: time.now });
    buckets.take('a', 1);
    expect(buckets.take('a', 50)).toMatchObject({ allowed: false, retryAfterMs: 100 });
    time.advance(100);
    expect(buckets.take('a', 50)).toMatchObject({ allowed: true, tokens: 0 });
  });

  it('keeps clients apart', () => {
    const buckets = new MemoryBuckets(POLICY, { now: clock().now });
    buckets.take('a', 10);
    expect(buckets.take('a', 1).allowed).toBe(false);
    expect(buckets.take('b', 1).allowed).toBe(true);
  });

  it('drops the buckets of idle clients once they are full again, as takes go on', () => {
    const time = clock();
    const buckets = new MemoryBuckets(POLICY, { now: time.now });
    for (let i = 0; i < 1000; i++) buckets.take(`idle-${i}`, 1);
    expect(buckets.size).toBe(1000);
    // 100 ms refills one token: every idle bucket is full again.
    time.advance(100);
    for (let i = 0; i < 600; i++) buckets.take('busy', 1);
    expect(buckets.size).toBe(1);
  });

  it('holds at most its bound of buckets under a flood of distinct clients, the longest idle going first', () => {
    const time = clock();
    const buckets = new MemoryBuckets(POLICY, { now: time.now, maxBuckets: 100 });
    buckets.take('first', 10);
    for (let i = 0; i < 10_000; i++) buckets.take(`flood-${i}`, 1);
    expect(buckets.size).toBeLessThanOrEqual(100);
    // The evicted client starts again with a full bucket: more tokens, never fewer.
    expect(buckets.take('first', 10).allowed).toBe(true);
  });
});

describe('the token bucket script in Redis', () => {
  const redis = useOwnRedis();
  let client: Redis;
  let buckets: RedisBuckets;
  beforeAll(() => {
    client = redis.client();
    buckets = new RedisBuckets(client, POLICY, 'test:bucket');
  });
  const redisNow = async () => {
    const [seconds, micros] = await client.time();
    return Number(seconds) * 1000 + Number(micros) / 1000;
  };

  it('does the arithmetic takeTokens does: refill since the stored time, capped, cost taken or refused', async () => {
    for (const [stored, ago, cost] of [
      [2, 250, 1],
      [2, 250, 5],
      [0, 30, 1],
      [7.5, 10_000, 10],
      [3, 0, 30],
    ] as const) {
      const key = `arith-${stored}-${ago}-${cost}`;
      // Redis's clock runs on between the reads: the script's answer lies between takeTokens' at either end. On a
      // loaded machine the two ends may fall either side of a refill that decides the take; that try proves nothing
      // about `allowed`, so it is made again.
      const take = async () => {
        const at = (await redisNow()) - ago;
        await client.hset(`test:bucket:${key}`, { t: String(stored), at: String(at) });
        const before = await redisNow();
        const result = await buckets.take(key, cost);
        const after = await redisNow();
        const early = takeTokens(POLICY, { tokens: stored, at }, before, cost).result;
        const late = takeTokens(POLICY, { tokens: stored, at }, after, cost).result;
        return { result, early, late };
      };
      let attempt = await take();
      for (let tries = 1; tries < 5 && attempt.early.allowed !== attempt.late.allowed; tries++) attempt = await take();
      const { result, early, late } = attempt;
      expect(result.allowed, key).toBe(early.allowed);
      expect(result.allowed, key).toBe(late.allowed);
      expect(result.tokens, key).toBeGreaterThanOrEqual(early.tokens - 1e-9);
      expect(result.tokens, key).toBeLessThanOrEqual(late.tokens + 1e-9);
      expect(result.retryAfterMs, key).toBeLessThanOrEqual(early.retryAfterMs);
      expect(result.retryAfterMs, key).toBeGreaterThanOrEqual(late.retryAfterMs);
      expect(result.fullInMs, key).toBeLessThanOrEqual(early.fullInMs);
      expect(result.fullInMs, key).toBeGreaterThanOrEqual(late.fullInMs);
    }
  });

  it('starts a new client full, and keeps fractions of a token', async () => {
    const first = await buckets.take('fresh', 3);
    expect(first.allowed).toBe(true);
    expect(first.tokens).toBeGreaterThanOrEqual(7);
    expect(first.tokens).toBeLessThan(7.5);
    const stored = await client.hgetall('test:bucket:fresh');
    expect(Number(stored.t)).toBe(first.tokens);
  });

  it('writes nothing for a refused take, and lets a bucket expire when it would be full again', async () => {
    await buckets.take('expiring', 10);
    const ttl = await client.pttl('test:bucket:expiring');
    expect(ttl).toBeGreaterThan(900);
    expect(ttl).toBeLessThanOrEqual(1000);
    const held = await client.hgetall('test:bucket:expiring');
    const refused = await buckets.take('expiring', 10);
    expect(refused.allowed).toBe(false);
    expect(await client.hgetall('test:bucket:expiring')).toEqual(held);
    await expect.poll(() => client.exists('test:bucket:expiring'), { timeout: 3000 }).toBe(0);
  });

  it('is registered once per connection, however many limiters share it', async () => {
    const again = new RedisBuckets(client, POLICY, 'test:bucket');
    expect((await again.take('shared', 1)).allowed).toBe(true);
    expect((await buckets.take('shared', 9)).allowed).toBe(true);
    expect((await again.take('shared', 1)).allowed).toBe(false);
  });

  it('refuses from memory a client Redis found empty, until its next token is due, even with Redis gone', async () => {
    const limiter = new ClientRateLimiter(
      { rate: 1, windowSeconds: 3600, burst: 2 },
      { redis: redis.client(), keyPrefix: 'test:limiter', logger: silentLogger },
    );
    expect((await limiter.consume('c', 2)).allowed).toBe(true);
    await redis.kill();
    try {
      const started = performance.now();
      const refused = await limiter.consume('c', 1);
      // Answered without waiting the 250 ms Redis deadline: nothing was asked of it.
      expect(performance.now() - started).toBeLessThan(200);
      expect(refused.allowed).toBe(false);
      // One token an hour: the next is an hour away.
      expect(refused.retryAfterMs).toBeGreaterThan(3_590_000);
      // Another client, unknown here, is taken from this replica's own bucket while Redis is gone.
      expect((await limiter.consume('d', 1)).allowed).toBe(true);
    } finally {
      await redis.start();
    }
  });
});
