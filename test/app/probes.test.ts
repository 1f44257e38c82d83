import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';

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
