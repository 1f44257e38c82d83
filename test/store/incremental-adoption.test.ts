import { get } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listen } from '../../src/app/index.ts';
import { compareIds } from '../../src/catalog/index.ts';
import { ModelColumnsBuilder } from '../../src/catalog/model-columns.ts';
import type { CacheEvent } from '../../src/store/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor } from '../support/graphql.ts';
import { useOwnRedis } from '../support/redis-server.ts';
import { keysOf, storedCatalog } from '../support/stored-catalog.ts';

const COPIES = 30;
// Small chunks, so the load yields the event loop often enough for a request's round trip (connect, request,
// response) to fit between its first chunk and its last even on a loaded machine; a chunk's rows are validated by
// a compiled function now, so each turn is shorter than it was with zod, and there are more of them.
const CHUNK_ROWS = 1_000;

type Row = { id: string } & Record<string, unknown>;

const chunked = (rows: Row[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK_ROWS) }, (_, i) =>
    rows.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS),
  );

describe('adopting a large snapshot', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const redis = useOwnRedis();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('builds its table chunk by chunk, answering requests while it does', async () => {
    await redis.client().flushall();
    const fetcher = appFor(emulator.url, { cacheUrl: redis.url, replicaId: 'fetcher' });
    const fetched = await fetcher.catalog.refresh();
    await fetcher.close();
    const stored = storedCatalog(redis.client(), keysOf(emulator.url));
    const manifest = await stored.manifest(fetched.id);
    // The fetched rows thirty times over, under owners of their own, in id order.
    const rows = Array.from({ length: COPIES }, (_, copy) =>
      fetched.models.toJSON().map((model): Row => ({ ...model, id: `copy${copy}-${model.id}` })),
    )
      .flat()
      .sort((a, b) => compareIds(a.id, b.id));
    const id = 'large';
    const fetchedAt = new Date(Date.parse(manifest.fetchedAt) + 1000).toISOString();
    const report = { ...manifest.report, id, finishedAt: fetchedAt, uniqueModels: rows.length };
    const pointer = await stored.publish({ id, fetchedAt, chunks: chunked(rows), report });

    const order: string[] = [];
    const events: CacheEvent[] = [];
    const replica = appFor(
      emulator.url,
      { cacheUrl: redis.url, replicaId: 'replica' },
      { onCacheEvent: (event) => events.push(event) },
    );
    const server = await listen(replica, 0, '127.0.0.1');
    const health: { answered: Promise<number> | null } = { answered: null };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the builder as `this`
    const add = ModelColumnsBuilder.prototype.add;
    // The replica may build other tables meanwhile (a refresh from the emulator); only the large snapshot's counts.
    const largeTables = new WeakSet<ModelColumnsBuilder>();
    vi.spyOn(ModelColumnsBuilder.prototype, 'add').mockImplementation(function (this: ModelColumnsBuilder, model) {
      if (!model.id.startsWith('copy')) {
        add.call(this, model);
        return;
      }
      largeTables.add(this);
      // Once the large snapshot's table is being built, a health check arrives.
      health.answered ??= new Promise<number>((resolve, reject) => {
        order.push('health-sent');
        get(`${server.url}/health`, (response) => {
          order.push('health-answered');
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on('error', reject);
      });
      add.call(this, model);
    });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the builder as `this`
    const finish = ModelColumnsBuilder.prototype.finish;
    vi.spyOn(ModelColumnsBuilder.prototype, 'finish').mockImplementation(function (this: ModelColumnsBuilder) {
      if (largeTables.has(this)) order.push('table-built');
      return finish.call(this);
    });
    try {
      const adopted = await replica.catalog.snapshot();
      order.push('adopted');
      const status = await health.answered;

      expect(pointer.chunks).toBeGreaterThanOrEqual(16);
      expect(adopted.id).toBe(id);
      expect(adopted.models.size).toBe(rows.length);
      expect(adopted.models.ids).toEqual(rows.map((row) => row.id));
      expect(events.some((event) => event.type === 'snapshot-adopted' && event.snapshotId === id)).toBe(true);
      expect(status).toBe(200);
      expect(order).toEqual(['health-sent', 'health-answered', 'table-built', 'adopted']);
    } finally {
      await server.close();
    }
  });
});
