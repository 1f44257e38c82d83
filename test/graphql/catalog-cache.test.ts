import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { type RunningEmulator } from '../../src/emulator/index.ts';
import { CoverageReportDocument, FilteredModelsDocument } from '../../schema/generated/graphql.ts';
import { appFor, execute, manualClock, query } from '../support/graphql.ts';

const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models').length;

describe('the snapshot cache behind the API', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });

  it('shares one crawl among 100 concurrent cold queries', async () => {
    emulator.resetLog();
    const app = appFor(emulator.url);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 3 === 0 ? query(app, CoverageReportDocument) : query(app, FilteredModelsDocument, { first: 5 }),
      ),
    );
    await app.close();

    expect(results).toHaveLength(100);
    // One multi-sort crawl of likes and downloads in cursor mode is 2 sorts × 2 pages.
    expect(listingRequests(emulator)).toBe(4);
  });

  it('keeps answering from the last good snapshot when every refresh fails, and says why', async () => {
    emulator.resetLog();
    const clock = manualClock();
    const app = appFor(emulator.url, { ttlSeconds: '60' }, { now: clock.now });
    const before = await query(app, FilteredModelsDocument, { first: 3 });

    emulator.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    clock.advance(61_000);
    const during = await query(app, FilteredModelsDocument, { first: 3 });
    await app.catalog.settled();
    const after = await query(app, '{ catalog { size stale lastError } models(first: 3) { totalCount nodes { id } } }');
    emulator.setFaults([]);
    await app.close();

    expect(during.models.nodes).toEqual(before.models.nodes);
    expect(after).toMatchObject({
      catalog: { size: 1377, stale: true },
      models: { totalCount: 1377, nodes: before.models.nodes.map(({ id }) => ({ id })) },
    });
    expect((after as { catalog: { lastError: string } }).catalog.lastError).toMatch(/503/);
  });

  it('serves the stale snapshot at once while one background refresh runs, then the new one', async () => {
    const clock = manualClock();
    const app = appFor(emulator.url, { ttlSeconds: '60' }, { now: clock.now });
    const first = await query(app, CoverageReportDocument);
    clock.advance(61_000);
    emulator.resetLog();

    const stale = await query(app, CoverageReportDocument);
    expect(stale.fetchReport?.id).toBe(first.fetchReport?.id);
    expect(stale.catalog).toMatchObject({ stale: true, refreshing: true });
    await Promise.all(Array.from({ length: 20 }, () => query(app, FilteredModelsDocument, { first: 1 })));
    await app.catalog.settled();
    const fresh = await query(app, CoverageReportDocument);
    await app.close();

    expect(fresh.fetchReport?.id).not.toBe(first.fetchReport?.id);
    expect(fresh.catalog).toMatchObject({ stale: false, refreshing: false, lastError: null });
    expect(listingRequests(emulator)).toBe(4);
  });

  it('never replaces a complete snapshot with an incomplete refresh', async () => {
    const clock = manualClock();
    const app = appFor(emulator.url, { ttlSeconds: '60' }, { now: clock.now });
    const complete = await query(app, CoverageReportDocument);
    expect(complete.fetchReport?.complete).toBe(true);

    emulator.setCapped(true);
    await app.catalog.refresh();
    emulator.setCapped(false);
    const after = await query(app, CoverageReportDocument);
    await app.close();

    expect(after.fetchReport?.id).toBe(complete.fetchReport?.id);
    expect(after.catalog.size).toBe(1377);
    expect(after.catalog.lastError).toMatch(/incomplete/);
  });

  it('never replaces a good snapshot with one that met a malformed page', async () => {
    const app = appFor(emulator.url);
    const good = await query(app, CoverageReportDocument);
    emulator.resetLog();
    emulator.setFaults([{ on: 1, kind: 'malformed' }]);
    await app.catalog.refresh();
    emulator.setFaults([]);
    const after = await query(app, CoverageReportDocument);
    await app.close();

    expect(after.fetchReport?.id).toBe(good.fetchReport?.id);
    expect(after.catalog.lastError).toMatch(/HubProtocolError/);
  });

  it('answers with the error in catalog.lastError when there is no catalog and the upstream is down', async () => {
    emulator.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    const app = appFor(emulator.url);
    const status = await query(app, '{ catalog { size lastError fetchedAt } }');
    const models = await execute(app, '{ models { totalCount } }');
    emulator.setFaults([]);
    await app.close();

    expect(status).toMatchObject({ catalog: { size: 0, fetchedAt: null } });
    expect((status as { catalog: { lastError: string } }).catalog.lastError).toMatch(/503/);
    expect(models.errors?.[0]?.extensions?.code).toBe('CATALOG_UNAVAILABLE');
  });

  it('answers catalog(wait: false) at once while the first fetch it started runs, and the catalog after it', async () => {
    emulator.resetLog();
    const app = appFor(emulator.url);
    const during = await query(app, '{ catalog(wait: false) { size fetchedAt lastError } }');
    await app.catalog.settled();
    const after = await query(app, '{ catalog(wait: false) { size fetchedAt } }');
    await app.close();

    expect(during).toEqual({ catalog: { size: 0, fetchedAt: null, lastError: null } });
    expect(listingRequests(emulator)).toBeGreaterThan(0);
    expect(after).toMatchObject({ catalog: { size: 1377, fetchedAt: expect.any(String) } });
  });

  it('retries a failing upstream after 30 s, then 60 s, instead of on every stale query', async () => {
    const clock = manualClock();
    const app = appFor(emulator.url, { ttlSeconds: '3600' }, { now: clock.now });
    await query(app, FilteredModelsDocument, { first: 1 });
    emulator.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    const attemptsAfter = async (advanceMs: number) => {
      clock.advance(advanceMs);
      emulator.resetLog();
      await query(app, FilteredModelsDocument, { first: 1 });
      await app.catalog.settled();
      return listingRequests(emulator) > 0;
    };

    expect(await attemptsAfter(3601_000)).toBe(true); // stale: the first refresh, which fails
    expect(await attemptsAfter(10_000)).toBe(false);
    expect(await attemptsAfter(21_000)).toBe(true); // 31 s after the failure
    expect(await attemptsAfter(31_000)).toBe(false); // the pause has doubled to 60 s
    expect(await attemptsAfter(30_000)).toBe(true);
    emulator.setFaults([]);
    await app.close();
  });

  it('answers 50 aliased model lookups in one request', async () => {
    const app = appFor(emulator.url);
    const ids = emulator.servedIds('hf-inference').slice(0, 50);
    const document = `{ ${ids.map((id, i) => `m${i}: model(id: ${JSON.stringify(id)}) { id }`).join(' ')} }`;
    const result = await query(app, document);
    await app.close();

    expect(Object.values(result as Record<string, { id: string }>).map((model) => model.id)).toEqual(ids);
  });
});
