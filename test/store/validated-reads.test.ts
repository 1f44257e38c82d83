import { beforeEach, describe, expect, it } from 'vitest';
import { CoverageReportDocument } from '../../schema/generated/graphql.ts';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { snapshotKey } from '../../src/store/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, manualClock, query } from '../support/graphql.ts';
import { recordingLogger } from '../support/logger.ts';
import { useOwnRedis } from '../support/redis-server.ts';

const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models').length;

const STATUS = '{ catalog { size stale lastError } fetchReport { id uniqueModels } }';
interface Status {
  catalog: { size: number; stale: boolean; lastError: string | null };
  fetchReport: { id: string; uniqueModels: number };
}

describe('snapshots read from Redis are validated before they are served', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const redis = useOwnRedis();
  // The server is this suite's own, so each test may start from an empty one.
  beforeEach(async () => {
    await redis.client().flushall();
  });
  const storedKey = () =>
    `keyv::${snapshotKey({ upstream: emulator.url, provider: 'hf-inference', strategy: 'multi-sort', sorts: ['likes', 'downloads'] })}`;

  it('makes a fresh replica facing a value of the wrong shape fetch from the upstream and report it', async () => {
    await redis.client().set(storedKey(), JSON.stringify({ value: { foo: 1 } }));
    emulator.resetLog();
    const log = recordingLogger();
    const app = appFor(emulator.url, { cacheUrl: redis.url }, { logger: log });
    const result = await query<Status, never>(app, STATUS);
    await app.close();

    expect(result.catalog.size).toBe(1377);
    expect(result.fetchReport.uniqueModels).toBe(1377);
    expect(listingRequests(emulator)).toBe(4);
    expect(result.catalog.lastError).toMatch(/stored snapshot rejected/);
    expect(log.matching(/stored snapshot rejected/)).toHaveLength(1);
  });

  it('makes a running replica refetch, and say why, instead of serving stale data behind a bad value', async () => {
    const clock = manualClock(Date.now());
    const log = recordingLogger();
    const app = appFor(emulator.url, { cacheUrl: redis.url, ttlSeconds: '60' }, { now: clock.now, logger: log });
    const first = await query(app, CoverageReportDocument);
    await redis.client().set(storedKey(), JSON.stringify({ value: { foo: 1 } }));
    clock.advance(61_000);
    emulator.resetLog();

    await query(app, STATUS);
    await app.catalog.settled();
    const after = await query<Status, never>(app, STATUS);
    await app.close();

    expect(after.fetchReport.id).not.toBe(first.fetchReport?.id);
    expect(after.catalog).toMatchObject({ size: 1377, stale: false });
    expect(after.catalog.lastError).toMatch(/stored snapshot rejected/);
    expect(listingRequests(emulator)).toBe(4);
    expect(log.matching(/stored snapshot rejected/)).toHaveLength(1);
  });

  it.each([
    ['whose report still counts every model', (value: StoredValue) => value.report],
    ['whose report was made to agree', (value: StoredValue) => ({ ...value.report, uniqueModels: 1 })],
  ])('rejects a current-looking value of one model %s, keeping the complete catalog', async (_, reportOf) => {
    const clock = manualClock(Date.now());
    const log = recordingLogger();
    const app = appFor(emulator.url, { cacheUrl: redis.url, ttlSeconds: '60' }, { now: clock.now, logger: log });
    await query(app, STATUS);
    const raw = redis.client();
    const stored = JSON.parse((await raw.get(storedKey()))!) as { value: StoredValue };
    clock.advance(61_000);
    const now = new Date(clock.now()).toISOString();
    const forged: StoredValue = {
      ...stored.value,
      id: 'fetch-forged',
      fetchedAt: now,
      models: stored.value.models.slice(0, 1),
      report: { ...reportOf(stored.value), id: 'fetch-forged', finishedAt: now },
    };
    await raw.set(storedKey(), JSON.stringify({ value: forged }));

    await query(app, STATUS);
    await app.catalog.settled();
    const after = await query<Status, never>(app, STATUS);
    await app.close();

    expect(after.catalog.size).toBe(1377);
    expect(after.fetchReport.id).not.toBe('fetch-forged');
    expect(after.catalog.lastError).toMatch(/stored snapshot rejected/);
    expect(log.matching(/stored snapshot rejected/)).toHaveLength(1);
  });
});

interface StoredValue {
  id: string;
  fetchedAt: string;
  models: unknown[];
  report: { id: string; finishedAt: string; uniqueModels: number };
}
