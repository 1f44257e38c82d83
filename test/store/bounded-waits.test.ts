import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, execute, manualClock, query } from '../support/graphql.ts';
import { startHungUpstream } from '../support/hung-upstream.ts';
import { recordingLogger } from '../support/logger.ts';
import { startOwnRedis } from '../support/redis-server.ts';

const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models').length;

const STATUS = '{ catalog { size stale refreshing lastError } fetchReport { id } }';
interface Status {
  catalog: { size: number; stale: boolean; refreshing: boolean; lastError: string | null };
  fetchReport: { id: string };
}

/** Resolves with how long `promise` took, or rejects once `limitMs` has passed: a hang fails the test, not the suite. */
async function within<T>(limitMs: number, promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${limitMs} ms`)), limitMs);
  });
  try {
    const value = await Promise.race([promise, limit]);
    return { value, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

describe('a Redis that dies after connecting', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });

  it('is reported within seconds, once, and refreshing goes on from the upstream; its return is logged once', async () => {
    const redis = await startOwnRedis();
    const clock = manualClock(Date.now());
    const log = recordingLogger();
    const app = appFor(emulator.url, { cacheUrl: redis.url, ttlSeconds: '60' }, { now: clock.now, logger: log });
    try {
      const first = await query<Status, never>(app, STATUS);
      await redis.kill();
      clock.advance(61_000);
      emulator.resetLog();

      const stale = await within(10_000, query<Status, never>(app, STATUS));
      await within(10_000, app.catalog.settled());
      const after = await query<Status, never>(app, STATUS);

      expect(stale.value.fetchReport.id).toBe(first.fetchReport.id);
      expect(after.fetchReport.id).not.toBe(first.fetchReport.id);
      expect(after.catalog).toMatchObject({ size: 1377, stale: false, refreshing: false });
      expect(after.catalog.lastError).toMatch(/snapshot store \(redis\)/);
      expect(listingRequests(emulator)).toBe(4);
      expect(
        log.matching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable; serving the catalog from memory/),
      ).toHaveLength(1);

      await redis.start();
      clock.advance(61_000);
      await query(app, STATUS);
      await within(10_000, app.catalog.settled());
      const recovered = await query<Status, never>(app, STATUS);
      expect(recovered.catalog.lastError).toBeNull();
      expect(
        log.matching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable; serving the catalog from memory/),
      ).toHaveLength(1);
      expect(log.matching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ answers again/)).toHaveLength(1);
    } finally {
      await app.close();
      await redis.stop();
    }
  }, 60_000);
});

describe('a cold query while the upstream hangs', () => {
  it('gets CATALOG_UNAVAILABLE with a short message within the cold wait, while the fetch goes on', async () => {
    const upstream = await startHungUpstream();
    const app = appFor(upstream.url, { coldWaitSeconds: '1', timeoutMs: '600000' });
    try {
      const { value: result, ms } = await within(10_000, execute(app, '{ models(first: 1) { totalCount } }'));
      const status = await within(10_000, query<Status, never>(app, '{ catalog { size refreshing lastError } }'));

      expect(result.errors?.[0]?.extensions?.code).toBe('CATALOG_UNAVAILABLE');
      expect(result.errors?.[0]?.message.length).toBeLessThan(200);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(status.value.catalog).toMatchObject({ size: 0, refreshing: true });
    } finally {
      await upstream.close();
      await app.close();
    }
  }, 30_000);
});
