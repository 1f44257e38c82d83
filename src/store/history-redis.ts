import type { ChainableCommander } from 'ioredis';
import { z } from 'zod';
import type { ModelChangeDraft } from '../catalog/index.ts';
import {
  HistoryUnavailableError,
  type HistoryBackend,
  type HistoryMeta,
  type StoredSummary,
} from './history-backend.ts';
import type { RedisClient } from './redis-client.ts';
import { check, HistorySetAside, type OnSetAside } from './history-set-aside.ts';
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

/** Rounds of reading summaries again after setting bad ones aside: each round removes at least one, so few suffice. */
const MAX_REREADS = 5;

/**
 * A history in Redis, shared by every replica and kept across restarts. One catalog's keys share the hash tag
 * `{catalogKey}`, so they live in one slot of a Redis Cluster and a MULTI may span them:
 * `…:snapshots` (sorted set of snapshot ids by detection time), `…:summary` (hash of summaries), `…:changes:<id>`
 * (list of one snapshot's changes by model id, trimmed from the front by retention) and `…:meta`.
 */
export function redisHistoryBackend(
  redis: RedisClient,
  catalogKey: string,
  onSetAside: OnSetAside = () => {},
): HistoryBackend {
  const keys = historyKeys(catalogKey);
  const aside = new HistorySetAside(redis, historyKeyPrefix(catalogKey), onSetAside);
  return {
    kind: 'redis',
    ...historyReads(redis, keys, aside),
    ...historyWrites(redis, keys),
  };
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

/**
 * Reads that never fail on a record hubcat did not write: a summary, change or meta field that fails validation, or a
 * key of the wrong type, is set aside (and reported once), and the history is read without it.
 */
function historyReads(redis: RedisClient, keys: HistoryKeys, aside: HistorySetAside): Reads {
  const summaries = validSummaries(redis, keys, aside);
  const score = (ms: number) => (Number.isFinite(ms) ? String(ms) : ms > 0 ? '+inf' : '-inf');
  const ranked = (read: () => Promise<string[]>) => aside.typed(keys.snapshots, read);
  return {
    newest: (n) => summaries(() => ranked(() => redis.zrevrange(keys.snapshots, 0, n - 1))),
    from: (ms, n) =>
      summaries(() => ranked(() => redis.zrangebyscore(keys.snapshots, score(ms), '+inf', 'LIMIT', 0, n))),
    atOrBefore: async (ms) => {
      const ids = () => ranked(() => redis.zrevrangebyscore(keys.snapshots, score(ms), '-inf', 'LIMIT', 0, 1));
      return (await summaries(ids))[0] ?? null;
    },
    summaryCount: () => aside.typed(keys.snapshots, () => redis.zcard(keys.snapshots)),
    changes: async (summary, start, n) => {
      const from = Math.max(start, summary.dropped) - summary.dropped;
      const to = start + n - summary.dropped - 1;
      if (to < from) return [];
      const key = keys.changes(summary.id);
      const raws = await aside.typed(key, () => redis.lrange(key, from, to));
      return Promise.all(
        raws.map(async (raw, offset) => {
          const change = check(changeDraftSchema, raw);
          if (change.ok) return change.value;
          // Left in its place, so that every later change keeps its index (cursors name it).
          await aside.keep(`change ${summary.id}#${summary.dropped + from + offset}`, raw, change.reason);
          return null;
        }),
      );
    },
    meta: async () => (await metaField(redis, keys, aside, 'feed', metaSchema)) ?? structuredClone(EMPTY_META),
    unconfirmed: async () => new Map((await metaField(redis, keys, aside, 'unconfirmed', unconfirmedSchema)) ?? []),
  };
}

/** The summaries of the ids `rank` lists, in its order; those that fail validation are set aside and ranked again. */
function validSummaries(redis: RedisClient, keys: HistoryKeys, aside: HistorySetAside) {
  return async (rank: () => Promise<string[]>): Promise<StoredSummary[]> => {
    for (let round = 0; ; round++) {
      const ids = await rank();
      if (ids.length === 0) return [];
      const raws = await aside.typed(keys.summary, () => redis.hmget(keys.summary, ...ids));
      const checked = raws.map((raw) => check(storedSummarySchema, raw));
      const bad = ids.filter((_, i) => !checked[i]!.ok);
      if (bad.length === 0) return checked.map((summary) => (summary as { value: StoredSummary }).value);
      if (round === MAX_REREADS)
        throw new HistoryCorruptError('change history in Redis: summaries keep failing to read');
      for (const [i, id] of ids.entries()) {
        const summary = checked[i]!;
        if (summary.ok) continue;
        await aside.keep(`summary ${id}`, raws[i] ?? null, summary.reason);
        await redis.multi().zrem(keys.snapshots, id).hdel(keys.summary, id).exec();
      }
    }
  };
}

/** One field of the meta hash, or null when it is absent or was set aside for failing validation. */
async function metaField<T>(
  redis: RedisClient,
  keys: HistoryKeys,
  aside: HistorySetAside,
  field: 'feed' | 'unconfirmed',
  schema: z.ZodType<T>,
): Promise<T | null> {
  const raw = await aside.typed(keys.meta, () => redis.hget(keys.meta, field));
  if (raw === null) return null;
  const value = check(schema, raw);
  if (value.ok) return value.value;
  await aside.keep(`meta ${field}`, raw, value.reason);
  await redis.hdel(keys.meta, field);
  return null;
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
