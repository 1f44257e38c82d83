import type { RedisClient } from '../store/index.ts';
import type { BucketPolicy, TakeResult } from './token-bucket.ts';

/**
 * `takeTokens` of `token-bucket.ts`, atomically in Redis: one hash per client (`t` tokens, `at` ms), so each call
 * touches one key and works on a Redis Cluster. The clock is Redis's `TIME`, the one clock every replica shares. A
 * refused take writes nothing; an allowed one sets the key to expire when the bucket would be full again, the same as
 * no key, so an idle client leaves nothing behind. Tokens go back as a string: Redis would truncate a Lua number.
 */
export const TAKE_TOKENS_LUA = `
if redis.replicate_commands then redis.replicate_commands() end
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local price = math.min(tonumber(ARGV[3]), capacity)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local stored = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = capacity
if stored[1] and stored[2] then
  tokens = math.min(capacity, tonumber(stored[1]) + math.max(0, now - tonumber(stored[2])) * refill)
end
local allowed = 0
local wait = 0
if tokens >= price then
  tokens = tokens - price
  allowed = 1
else
  wait = math.ceil((price - tokens) / refill)
end
local full = math.ceil((capacity - tokens) / refill)
if allowed == 1 then
  redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
  redis.call('PEXPIRE', KEYS[1], math.max(1, full))
end
return {allowed, string.format('%.17g', tokens), wait, full}
`;

/** The script's name on the connection (ioredis `defineCommand`: EVALSHA, loading it once per server). */
const COMMAND = 'hubcatTakeTokens';

type TakeCommand = (key: string, capacity: number, refillPerMs: number, cost: number) => Promise<unknown>;

/** Token buckets in Redis, shared by every replica on it, over a connection the app hands in. */
export class RedisBuckets {
  readonly #take: TakeCommand;
  readonly #redis: RedisClient;

  constructor(
    redis: RedisClient,
    readonly policy: BucketPolicy,
    readonly keyPrefix: string,
  ) {
    const connection = redis as RedisClient & Partial<Record<typeof COMMAND, TakeCommand>>;
    if (connection[COMMAND] === undefined) redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: TAKE_TOKENS_LUA });
    this.#take = (connection[COMMAND] as TakeCommand).bind(connection);
    this.#redis = redis;
  }

  async take(key: string, cost: number): Promise<TakeResult> {
    // A command sent while disconnected would wait in ioredis's offline queue, and the request with it.
    if (this.#redis.status !== 'ready') throw new Error(`Redis is ${this.#redis.status}`);
    const reply = await this.#take(`${this.keyPrefix}:${key}`, this.policy.capacity, this.policy.refillPerMs, cost);
    if (!Array.isArray(reply) || reply.length !== 4) throw new Error('the token bucket script gave no result');
    const [allowed, tokens, retryAfterMs, fullInMs] = reply as [number, string, number, number];
    return { allowed: allowed === 1, tokens: Number(tokens), retryAfterMs, fullInMs };
  }
}
