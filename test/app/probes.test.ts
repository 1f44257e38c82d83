import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';
import { startOwnRedis, type OwnRedis } from '../support/redis-server.ts';

const probe = async (app: App, path: string) => {
  const response = await app.yoga.fetch(`http://hubcat${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
};

describe('liveness and readiness probes', () => {
  const emulator = useEmulator({ preset: 'tiny' });

  it('is alive but not ready before the first snapshot, and ready with what it serves after', async () => {
    const app = appFor(emulator.url);
    expect((await probe(app, '/health')).status).toBe(200);

    const before = await probe(app, '/readiness');
    expect(before.status).toBe(503);
    expect(before.type).toMatch(/^application\/json/);
    expect(JSON.parse(before.body)).toEqual({ reason: 'no catalog snapshot yet; it is fetched on the first query' });

    const { catalog, fetchReport } = await query<
      { catalog: { size: number; fetchedAt: string }; fetchReport: { complete: boolean } },
      never
    >(app, '{ catalog { size fetchedAt } fetchReport { complete } }');
    const after = await probe(app, '/readiness');
    await app.close();

    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toEqual({
      size: emulator.servedIds('hf-inference').length,
      fetchedAt: catalog.fetchedAt,
      complete: fetchReport.complete,
    });
    expect(catalog.size).toBe(emulator.servedIds('hf-inference').length);
  });

  it('says why it is not ready when the first fetch failed', async () => {
    emulator.setFaults([{ on: 'all', kind: 'status', status: 503, body: '{"error":"Service Unavailable"}' }]);
    const app = appFor(emulator.url, { maxRetries: 0 });
    try {
      await query(app, '{ catalog { size } }');
      await app.catalog.settled();
      const readiness = await probe(app, '/readiness');
      expect(readiness.status).toBe(503);
      expect(JSON.parse(readiness.body)).toEqual({
        reason: expect.stringMatching(/^no catalog snapshot yet; the last attempt failed: refresh failed: .*503/),
      });
      expect((await probe(app, '/health')).status).toBe(200);
    } finally {
      emulator.setFaults([]);
      await app.close();
    }
  });
});

describe('readiness with a shared Redis', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(() => redis.stop());

  it.each([
    ['degraded', 200, { status: 'degraded' }],
    ['fail', 503, {}],
  ] as const)(
    'says the store answers, and with HUBCAT_READINESS_ON_STORE_LOSS=%s answers %i once it does not',
    async (mode, status, extra) => {
      await redis.start();
      const app = appFor(emulator.url, {}, {}, { HUBCAT_CACHE_URL: redis.url, HUBCAT_READINESS_ON_STORE_LOSS: mode });
      try {
        await query(app, '{ catalog { size } }');
        const ready = await probe(app, '/readiness');
        expect(ready.status).toBe(200);
        expect(JSON.parse(ready.body)).toMatchObject({ store: 'ok' });
        await redis.kill();
        const lost = await probe(app, '/readiness');
        expect(lost.status).toBe(status);
        expect(JSON.parse(lost.body)).toMatchObject({
          ...extra,
          size: emulator.servedIds('hf-inference').length,
          store: expect.stringMatching(/^unreachable: /),
        });
      } finally {
        await app.close();
      }
    },
  );
});
