import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelTable, type CatalogSnapshot } from '../../src/catalog/index.ts';
import { openRedis, SharedCatalog, type LeaseGrant, type RedisConnections } from '../../src/store/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom } from '../support/fetch.ts';
import { useOwnRedis } from '../support/redis-server.ts';
import { keysOf, storedCatalog } from '../support/stored-catalog.ts';

const DAY_MS = 86_400_000;

describe('the catalog shared in Redis', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const redis = useOwnRedis();
  let fetched: CatalogSnapshot;
  const replicas: { shared: SharedCatalog; connections: RedisConnections }[] = [];
  const replica = (replicaId: string, leaseMs = 60_000) => {
    const connections = openRedis(redis.url, 'standalone');
    const shared = new SharedCatalog({
      redis: connections,
      keys: keysOf(emulator.url),
      replicaId,
      leaseMs,
    });
    replicas.push({ shared, connections });
    return shared;
  };
  /** The fetched snapshot under another id and time, `copies` times over (ids suffixed) to make it larger. */
  const variant = (id: string, fetchedAt: string, copies = 1): CatalogSnapshot => {
    const models = Array.from({ length: copies }, (_, copy) =>
      [...fetched.models].map((model) => (copy === 0 ? model : { ...model, id: `${model.id}-copy${copy}` })),
    ).flat();
    const report = { ...fetched.report, id, finishedAt: fetchedAt, uniqueModels: models.length };
    return { id, fetchedAt, models: ModelTable.from(models), report };
  };
  const lead = async (shared: SharedCatalog): Promise<LeaseGrant> => {
    const attempt = await shared.lease.tryAcquire();
    if (!attempt.acquired) throw new Error(`lease held by ${attempt.holder}`);
    return attempt.grant;
  };

  beforeAll(async () => {
    fetched = await fetchFrom(emulator.url);
  });
  beforeEach(async () => {
    await redis.client().flushall();
  });
  afterEach(async () => {
    for (const { shared, connections } of replicas.splice(0)) {
      shared.close();
      await connections.close();
    }
  });

  it('writes a snapshot of 26,163 models as chunks of 10,000 and reads it back model for model', async () => {
    const writer = replica('writer');
    const large = variant('fetch-large', '2026-01-01T00:00:00.000Z', 19);
    const pointer = await writer.store.write(large, 'writer');
    expect(await writer.store.publish(pointer, await lead(writer), DAY_MS)).toBe('published');

    const reader = replica('reader');
    const { pointer: read } = await reader.store.readPointer();
    const loaded = await reader.store.load(read!);
    const manifest = await storedCatalog(redis.client(), keysOf(emulator.url)).manifest('fetch-large');

    expect(read).toEqual({
      id: 'fetch-large',
      fetchedAt: large.fetchedAt,
      refreshedBy: 'writer',
      rows: 26_163,
      chunks: 3,
    });
    expect(manifest.chunks.map((chunk) => chunk.rows)).toEqual([10_000, 10_000, 6_163]);
    expect(loaded.refreshedBy).toBe('writer');
    expect(loaded.snapshot.report).toEqual(large.report);
    expect([...loaded.snapshot.models]).toEqual([...large.models]);
  });

  it('shows nothing of a snapshot until its pointer is switched', async () => {
    const writer = replica('writer');
    const written = await writer.store.write(variant('fetch-written', '2026-01-01T00:00:00.000Z'), 'writer');
    const before = await replica('reader').store.readPointer();
    await writer.store.publish(written, await lead(writer), DAY_MS);
    const after = await replica('reader').store.readPointer();

    expect(before.pointer).toBeNull();
    expect(after.pointer?.id).toBe('fetch-written');
  });

  it('lets one replica at a time hold the refresh lease, and tells the others who holds it and until when', async () => {
    const first = replica('first', 3000);
    const second = replica('second', 3000);
    const grant = await lead(first);
    const refused = await second.lease.tryAcquire();
    expect(refused).toMatchObject({ acquired: false, holder: 'first' });
    expect(refused.acquired ? 0 : refused.expiresInMs).toBeGreaterThan(2000);
    expect(await second.lease.holder()).toBe('first');

    await first.lease.release(grant);
    expect(await second.lease.holder()).toBeNull();
    expect((await second.lease.tryAcquire()).acquired).toBe(true);
  });

  it('refuses the publish of a holder whose lease expired and was taken by another replica', async () => {
    const paused = replica('paused', 2000);
    const grant = await lead(paused);
    const written = await paused.store.write(variant('fetch-late', '2026-01-01T00:00:10.000Z'), 'paused');
    await redis.client().del(keysOf(emulator.url).lease); // as if it had expired during a pause
    await lead(replica('next', 2000));

    expect(await paused.store.publish(written, grant, DAY_MS)).toBe('lease-lost');
    expect((await paused.store.readPointer()).pointer).toBeNull();
  });

  it('never publishes over a newer snapshot', async () => {
    const fast = replica('fast');
    const newer = await fast.store.write(variant('fetch-newer', '2026-01-01T00:00:20.000Z'), 'fast');
    const fastGrant = await lead(fast);
    expect(await fast.store.publish(newer, fastGrant, DAY_MS)).toBe('published');
    await fast.lease.release(fastGrant);

    const slow = replica('slow');
    const older = await slow.store.write(variant('fetch-older', '2026-01-01T00:00:10.000Z'), 'slow');
    expect(await slow.store.publish(older, await lead(slow), DAY_MS)).toBe('superseded');
    expect((await slow.store.readPointer()).pointer?.id).toBe('fetch-newer');
  });

  it('keeps the current snapshot for the retention, and lets the one it replaced expire within minutes', async () => {
    const writer = replica('writer');
    const publish = async (id: string, fetchedAt: string) => {
      const grant = await lead(writer);
      await writer.store.publish(await writer.store.write(variant(id, fetchedAt), 'writer'), grant, DAY_MS);
      await writer.lease.release(grant);
    };
    await publish('fetch-old', '2026-01-01T00:00:00.000Z');
    await publish('fetch-new', '2026-01-01T01:00:00.000Z');
    const keys = keysOf(emulator.url);
    const client = redis.client();

    expect(await client.pttl(keys.pointer)).toBeGreaterThan(DAY_MS - 60_000);
    expect(await client.pttl(keys.pointer)).toBeLessThanOrEqual(DAY_MS);
    for (const key of [keys.manifest('fetch-new'), keys.chunk('fetch-new', 0)]) {
      expect(await client.pttl(key)).toBeGreaterThan(DAY_MS);
    }
    for (const key of [keys.manifest('fetch-old'), keys.chunk('fetch-old', 0)]) {
      expect(await client.pttl(key)).toBeGreaterThan(0);
      expect(await client.pttl(key)).toBeLessThanOrEqual(10 * 60_000);
    }
  });
});
