import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import type { SnapshotManifest } from '../../src/store/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, manualClock, query } from '../support/graphql.ts';
import { recordingLogger } from '../support/logger.ts';
import { useOwnRedis } from '../support/redis-server.ts';
import { keysOf, storedCatalog } from '../support/stored-catalog.ts';
import { eventually } from '../support/eventually.ts';

const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models').length;

const STATUS = '{ catalog { size stale lastError snapshotId } fetchReport { id uniqueModels } }';
interface Status {
  catalog: { size: number; stale: boolean; lastError: string | null; snapshotId: string };
  fetchReport: { id: string; uniqueModels: number };
}

describe('snapshots read from Redis are validated before they are served', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const redis = useOwnRedis();
  // The server is this suite's own, so each test may start from an empty one.
  beforeEach(async () => {
    await redis.client().flushall();
  });
  const pointerKey = () => keysOf(emulator.url).pointer;

  it('makes a fresh replica facing a pointer of the wrong shape fetch from the upstream and report it', async () => {
    await redis.client().set(pointerKey(), JSON.stringify({ value: { foo: 1 } }));
    emulator.resetLog();
    const log = recordingLogger();
    const app = appFor(emulator.url, { cacheUrl: redis.url }, { logger: log });
    const result = await query<Status, never>(app, STATUS);
    await app.close();

    expect(result.catalog.size).toBe(1377);
    expect(result.fetchReport.uniqueModels).toBe(1377);
    expect(listingRequests(emulator)).toBe(4);
    expect(result.catalog.lastError).toMatch(/stored snapshot rejected: the current pointer has the wrong shape/);
    expect(log.matching(/stored snapshot rejected/)).toHaveLength(1);
    expect((await storedCatalog(redis.client(), keysOf(emulator.url)).pointer()).id).toBe(result.fetchReport.id);
  });

  it('makes a running replica refetch, and say why, instead of serving stale data behind a bad value', async () => {
    const clock = manualClock(Date.now());
    const log = recordingLogger();
    const app = appFor(emulator.url, { cacheUrl: redis.url, ttlSeconds: '60' }, { now: clock.now, logger: log });
    const first = await query<Status, never>(app, STATUS);
    await redis.client().set(pointerKey(), JSON.stringify({ value: { foo: 1 } }));
    clock.advance(61_000);
    emulator.resetLog();

    await query(app, STATUS);
    await app.catalog.settled();
    const after = await query<Status, never>(app, STATUS);
    await app.close();

    expect(after.fetchReport.id).not.toBe(first.fetchReport.id);
    expect(after.catalog).toMatchObject({ size: 1377, stale: false });
    expect(after.catalog.lastError).toMatch(/stored snapshot rejected/);
    expect(listingRequests(emulator)).toBe(4);
    expect(log.matching(/stored snapshot rejected/)).toHaveLength(1);
  });

  it.each([
    ['whose report still counts every model', (report: Report) => report, /report counts 1377 models, it holds 1/],
    ['whose report was made to agree', (report: Report) => ({ ...report, uniqueModels: 1 }), /shrink .* 1377 to 1/],
  ])('rejects a current-looking snapshot of one model %s, keeping the complete catalog', async (_, forge, reason) => {
    const clock = manualClock(Date.now());
    const log = recordingLogger();
    const app = appFor(emulator.url, { cacheUrl: redis.url, ttlSeconds: '60' }, { now: clock.now, logger: log });
    const first = await query<Status, never>(app, STATUS);
    const stored = storedCatalog(redis.client(), keysOf(emulator.url));
    const manifest = await stored.manifest(first.catalog.snapshotId);
    const oneModel = (await stored.rows(first.catalog.snapshotId, 0)).slice(0, 1);
    clock.advance(30_000);
    const now = new Date(clock.now()).toISOString();
    const report = forge(manifest.report);
    await stored.publish({
      id: 'fetch-forged',
      fetchedAt: now,
      chunks: [oneModel],
      report: { ...report, id: 'fetch-forged', finishedAt: now },
    });

    const during = await eventually(
      () => query<Status, never>(app, STATUS),
      (status) => status.catalog.lastError !== null,
    );
    clock.advance(31_000);
    await query(app, STATUS);
    await app.catalog.settled();
    const after = await query<Status, never>(app, STATUS);
    await app.close();

    expect(during.catalog).toMatchObject({ size: 1377, snapshotId: first.catalog.snapshotId });
    expect(during.catalog.lastError).toMatch(/stored snapshot rejected: snapshot fetch-forged/);
    expect(during.catalog.lastError).toMatch(reason);
    expect(after.catalog.size).toBe(1377);
    expect(after.fetchReport.id).not.toMatch(/fetch-forged|^$/);
    expect(after.fetchReport.id).not.toBe(first.fetchReport.id);
    expect(log.matching(/stored snapshot rejected/)).toHaveLength(1);
  });
});

type Report = SnapshotManifest['report'];
