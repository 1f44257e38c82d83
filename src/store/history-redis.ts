import type { ChainableCommander } from 'ioredis';
import { z } from 'zod';
import type { ModelChangeDraft } from '../catalog/index.ts';
import {
  HistoryUnavailableError,
  type HistoryBackend,
  type HistoryMeta,
  type StoredSummary,
} from './history-backend.ts';
import type { CacheMode, RedisClient } from './redis-client.ts';
import { closeRedis, redisCommandConnection } from './redis-connection.ts';
import { changeDraftSchema, kindCountsSchema, snapshotSummarySchema } from './update-schemas.ts';

const storedSummarySchema = snapshotSummarySchema.extend({
  cumulative: kindCountsSchema,
  dropped: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

const metaSchema = z.strictObject({
  dropped: kindCountsSchema,
  horizon: z.strictObject({ detectedAtMs: z.number().int().nonnegative(), modelId: z.string().nullable() }).nullable(),
});

const unconfirmedSchema = z.array(z.tuple([z.string().min(1), z.record(z.string(), z.string())]));

const EMPTY_META: HistoryMeta = { dropped: { ADDED: 0, REMOVED: 0, UPDATED: 0 }, horizon: null };
/** Values per RPUSH, so a snapshot with many changes is not one huge command. */
const PUSH_CHUNK = 1000;

/** Something read from Redis that is not what hubcat wrote there; never used. */
export class HistoryCorruptError extends HistoryUnavailableError {
  override readonly name = 'HistoryCorruptError';
}

function parse<T>(schema: z.ZodType<T>, raw: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new HistoryCorruptError(`change history in Redis: ${what} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HistoryCorruptError(
      `change history in Redis: ${what} is malformed (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}

/**
 * A history in Redis, shared by every replica and kept across restarts. One catalog's keys share the hash tag
 * `{catalogKey}`, so they live in one slot of a Redis Cluster and a MULTI may span them:
 * `…:snapshots` (sorted set of snapshot ids by detection time), `…:summary` (hash of summaries), `…:changes:<id>`
 * (list of one snapshot's changes by model id, trimmed from the front by retention) and `…:meta`.
 */
export function redisHistoryBackend(url: string, mode: CacheMode, catalogKey: string): HistoryBackend {
  const redis = redisCommandConnection(url, mode);
  const keys = historyKeys(catalogKey);
  return { kind: 'redis', ...historyReads(redis, keys), ...historyWrites(redis, keys), close: () => closeRedis(redis) };
}

type HistoryKeys = ReturnType<typeof historyKeys>;

function historyKeys(catalogKey: string) {
  const prefix = historyKeyPrefix(catalogKey);
  return {
    snapshots: `${prefix}snapshots`,
    summary: `${prefix}summary`,
    meta: `${prefix}meta`,
    changes: (snapshotId: string) => `${prefix}changes:${snapshotId}`,
  };
}

type Reads = Pick<
  HistoryBackend,
  'newest' | 'from' | 'atOrBefore' | 'summaryCount' | 'changes' | 'meta' | 'unconfirmed'
>;

function historyReads(redis: RedisClient, keys: HistoryKeys): Reads {
  const summaries = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const raws = await redis.hmget(keys.summary, ...ids);
    return raws.map((raw, i) => {
      if (raw === null) throw new HistoryCorruptError(`change history in Redis: summary ${ids[i]} is missing`);
      return parse(storedSummarySchema, raw, `summary ${ids[i]}`);
    });
  };
  const score = (ms: number) => (Number.isFinite(ms) ? String(ms) : ms > 0 ? '+inf' : '-inf');
  return {
    newest: async (n) => summaries(await redis.zrevrange(keys.snapshots, 0, n - 1)),
    from: async (ms, n) => summaries(await redis.zrangebyscore(keys.snapshots, score(ms), '+inf', 'LIMIT', 0, n)),
    atOrBefore: async (ms) => {
      const ids = await redis.zrevrangebyscore(keys.snapshots, score(ms), '-inf', 'LIMIT', 0, 1);
      return (await summaries(ids))[0] ?? null;
    },
    summaryCount: () => redis.zcard(keys.snapshots),
    changes: async (summary, start, n) => {
      const from = Math.max(start, summary.dropped) - summary.dropped;
      const to = start + n - summary.dropped - 1;
      if (to < from) return [];
      const raws = await redis.lrange(keys.changes(summary.id), from, to);
      return raws.map((raw) => parse(changeDraftSchema, raw, `a change of ${summary.id}`));
    },
    meta: async () => {
      const raw = await redis.hget(keys.meta, 'feed');
      return raw === null ? structuredClone(EMPTY_META) : parse(metaSchema, raw, 'meta');
    },
    unconfirmed: async () => {
      const raw = await redis.hget(keys.meta, 'unconfirmed');
      return new Map(raw === null ? [] : parse(unconfirmedSchema, raw, 'the unconfirmed ids'));
    },
  };
}

function historyWrites(
  redis: RedisClient,
  keys: HistoryKeys,
): Pick<HistoryBackend, 'append' | 'dropChanges' | 'dropSummary'> {
  return {
    append: async (summary, changes, unconfirmed) => {
      const transaction = redis
        .multi()
        .zadd(keys.snapshots, Date.parse(summary.detectedAt), summary.id)
        .hset(keys.summary, summary.id, JSON.stringify(summary))
        .hset(keys.meta, 'unconfirmed', JSON.stringify([...unconfirmed]));
      for (let i = 0; i < changes.length; i += PUSH_CHUNK) {
        transaction.rpush(keys.changes(summary.id), ...changes.slice(i, i + PUSH_CHUNK).map(encodeChange));
      }
      await commit(transaction);
    },
    dropChanges: async (summary, n, meta) => {
      const updated: StoredSummary = { ...summary, dropped: summary.dropped + n };
      await commit(
        redis
          .multi()
          .ltrim(keys.changes(summary.id), n, -1)
          .hset(keys.summary, summary.id, JSON.stringify(updated))
          .hset(keys.meta, 'feed', JSON.stringify(meta)),
      );
    },
    dropSummary: async (summary) => {
      await commit(
        redis.multi().zrem(keys.snapshots, summary.id).hdel(keys.summary, summary.id).del(keys.changes(summary.id)),
      );
    },
  };
}

/** Where one catalog's history keys start; tests delete their own keys by it. */
export function historyKeyPrefix(catalogKey: string): string {
  return `hubcat:changes:{${catalogKey}}:`;
}

const encodeChange = (change: ModelChangeDraft) => JSON.stringify(change);

/** Runs a MULTI; a command that failed inside it (EXEC reports those per command) fails the whole call. */
async function commit(transaction: ChainableCommander): Promise<void> {
  const results = await transaction.exec();
  const failed = results?.find(([error]) => error !== null)?.[0];
  if (results === null || failed) throw failed ?? new Error('Redis transaction was discarded');
}
