import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import { isCatalogPrepared } from '../../src/query/index.ts';
import type { CacheEvent } from '../../src/store/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';
import { useFreshEmulators } from '../support/live.ts';
import { useOwnRedis } from '../support/redis-server.ts';

/** Each served snapshot's id, and whether its indexes were all built at the moment it began to be served. */
interface Served {
  snapshotId: string;
  preparedWhenServed: boolean;
}

/** Records the cache's events and, at each `snapshot-replaced` or `snapshot-adopted`, whether the indexes are built. */
function recorder(getApp: () => App) {
  const events: CacheEvent[] = [];
  const served: Served[] = [];
  const onCacheEvent = (event: CacheEvent) => {
    events.push(event);
    if (event.type !== 'snapshot-replaced' && event.type !== 'snapshot-adopted') return;
    const held = getApp().catalog.served()!;
    expect(held.id).toBe(event.snapshotId);
    served.push({ snapshotId: event.snapshotId, preparedWhenServed: isCatalogPrepared(held.models) });
  };
  /** The `snapshot-prepared` event of each snapshot served comes before the event that serves it. */
  const preparedBeforeServed = () =>
    served.every(({ snapshotId }) => {
      const prepared = events.findIndex(
        (event) => event.type === 'snapshot-prepared' && event.snapshotId === snapshotId,
      );
      const serving = events.findIndex(
        (event) =>
          (event.type === 'snapshot-replaced' || event.type === 'snapshot-adopted') && event.snapshotId === snapshotId,
      );
      return prepared >= 0 && prepared < serving;
    });
  return { events, served, onCacheEvent, preparedBeforeServed };
}

describe("a new snapshot's query indexes", () => {
  const startEmulator = useFreshEmulators();

  it('are built before the snapshot is served, first fetch and refresh alike, without a query', async () => {
    const emulator = await startEmulator();
    let app: App | null = null;
    const record = recorder(() => app!);
    app = appFor(emulator.url, {}, { onCacheEvent: record.onCacheEvent });
    await app.catalog.refresh();
    emulator.evolve({ added: 2, removed: [{ how: 'delete' }], updated: [{ field: 'pipeline_tag' }] });
    await app.catalog.refresh();
    await app.close();

    expect(record.served).toHaveLength(2);
    expect(new Set(record.served.map((entry) => entry.snapshotId)).size).toBe(2);
    expect(record.served.every((entry) => entry.preparedWhenServed)).toBe(true);
    expect(record.preparedBeforeServed()).toBe(true);
  });
});

describe("an adopted snapshot's query indexes", () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const redis = useOwnRedis();
  beforeEach(async () => {
    await redis.client().flushall();
  });

  it('are built before the replica serves it', async () => {
    const fetcher = appFor(emulator.url, { cacheUrl: redis.url, replicaId: 'fetcher' });
    await fetcher.catalog.refresh();
    await fetcher.close();
    let replica: App | null = null;
    const record = recorder(() => replica!);
    replica = appFor(
      emulator.url,
      { cacheUrl: redis.url, replicaId: 'replica' },
      { onCacheEvent: record.onCacheEvent },
    );
    await query(replica, '{ catalog { size } }');
    await replica.close();

    expect(record.events.map((event) => event.type)).toContain('snapshot-adopted');
    expect(record.served).toHaveLength(1);
    expect(record.served[0]!.preparedWhenServed).toBe(true);
    expect(record.preparedBeforeServed()).toBe(true);
  });
});
