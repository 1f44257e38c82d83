import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { type RunningEmulator } from '../../src/emulator/index.ts';
import { historyKeyPrefix, openRedis, SharedCatalog } from '../../src/store/index.ts';
import { CoverageReportDocument } from '../../schema/generated/graphql.ts';
import { appFor, query } from '../support/graphql.ts';
import { startServeProcess } from '../support/cli.ts';
import { keysOf } from '../support/stored-catalog.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models').length;

describe('the snapshot cache in the shared Redis', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  afterAll(async () => {
    // The emulator's URL is part of the catalog's hash tag, so the keys under this prefix are this run's own.
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${keysOf(emulator.url).prefix}:*`);
    if (keys.length > 0) await redis.del(keys);
    redis.disconnect();
  });

  it('round-trips a snapshot through the real server, every key under one hash tag', async () => {
    const app = appFor(emulator.url, { cacheUrl: REDIS_URL });
    const { fetchReport } = await query(app, CoverageReportDocument);
    await app.close();

    const keys = keysOf(emulator.url);
    const connections = openRedis(REDIS_URL, 'standalone');
    const shared = new SharedCatalog({ redis: connections, keys, replicaId: 'reader', leaseMs: 5000 });
    const { pointer } = await shared.store.readPointer();
    const stored = await shared.store.load(pointer!);
    shared.close();
    await connections.close();
    expect(stored.snapshot.id).toBe(fetchReport?.id);
    expect(stored.snapshot.models.size).toBe(1377);
    expect([...stored.snapshot.models].map((model) => model.id)).toEqual(emulator.servedIds('hf-inference'));

    const redis = new Redis(REDIS_URL);
    const written = await redis.keys(`hubcat:*${keys.tag}*`);
    redis.disconnect();
    const history = historyKeyPrefix(keys.tag);
    expect(written.sort()).toEqual(
      [
        keys.chunk(pointer!.id, 0),
        keys.pointer,
        keys.manifest(pointer!.id),
        `${history}meta`,
        `${history}snapshots`,
        `${history}summary`,
      ].sort(),
    );
    // One hash tag, so that on a Redis Cluster the snapshot, its pointer and the change history share one slot.
    expect(written.every((key) => key.includes(`{${keys.tag}}`))).toBe(true);
  });

  it('lets a second server process, even one told to --warm, answer from the cache with zero Hub requests', async () => {
    const first = appFor(emulator.url, { cacheUrl: REDIS_URL });
    const { fetchReport } = await query(first, CoverageReportDocument);
    await first.close();
    emulator.resetLog();

    const server = await startServeProcess(['--strategy', 'multi-sort', '--warm'], {
      HF_ENDPOINT: emulator.url,
      HUBCAT_CACHE_URL: REDIS_URL,
    });
    try {
      const { body } = await server.post<{
        fetchReport: { id: string; uniqueModels: number };
        catalog: { size: number; snapshotId: string };
      }>('{ fetchReport { id uniqueModels } catalog { size snapshotId } }');

      expect(body.data.fetchReport).toEqual({ id: fetchReport!.id, uniqueModels: 1377 });
      expect(body.data.catalog).toEqual({ size: 1377, snapshotId: fetchReport!.id });
      expect(listingRequests(emulator)).toBe(0);
    } finally {
      server.stop();
    }
  });

  it('keeps serving from memory, and says so, when Redis cannot be reached', async () => {
    const app = appFor(emulator.url, { cacheUrl: 'redis://127.0.0.1:1' });
    const result = await query(app, '{ catalog { size lastError } }');
    await app.close().catch(() => {});

    expect(result).toMatchObject({ catalog: { size: 1377 } });
    expect((result as { catalog: { lastError: string } }).catalog.lastError).toMatch(/snapshot store \(redis\)/);
  });
});
