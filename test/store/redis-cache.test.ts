import { createClient } from '@keyv/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { type RunningEmulator } from '../../src/emulator/index.ts';
import { createSnapshotStore, snapshotKey } from '../../src/store/index.ts';
import { CoverageReportDocument } from '../../schema/generated/graphql.ts';
import { appFor, query } from '../support/graphql.ts';
import { startServeProcess } from '../support/cli.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models').length;

describe('the snapshot cache in Redis', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  afterAll(async () => {
    // The emulator's port is in every key, so this run's keys are its own to delete.
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`hubcat:*${emulator.url}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  });

  it('round-trips a snapshot through the real server', async () => {
    const app = appFor(emulator.url, { cacheUrl: REDIS_URL });
    const { fetchReport } = await query(app, CoverageReportDocument);
    await app.close();

    const store = createSnapshotStore(REDIS_URL);
    const stored = await store.get(
      snapshotKey({
        upstream: emulator.url,
        provider: 'hf-inference',
        strategy: 'multi-sort',
        sorts: ['likes', 'downloads'],
      }),
    );
    await store.close();
    expect(stored?.id).toBe(fetchReport?.id);
    expect(stored?.models.size).toBe(1377);
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
        catalog: { size: number };
      }>('{ fetchReport { id uniqueModels } catalog { size } }');

      expect(body.data.fetchReport).toEqual({ id: fetchReport!.id, uniqueModels: 1377 });
      expect(body.data.catalog.size).toBe(1377);
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
